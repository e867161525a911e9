# Sourced by scripts/bootstrap and scripts/test: installs the Debian
# packages given that are missing (as root, or through sudo).
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Only for `scripts/test --all` (CI): clang and its runtime for the sanitizer
# and fuzz builds; headless Chromium for the review page; the TMX readers
# that ../shared/tools/tmx-check drives; zstd, GNU parallel and a real
# Slurm (with munge) for jisr batch's stream and cluster tests.
test_packages=(clang libclang-rt-14-dev chromium chromium-driver python3-lxml translate-toolkit
               python3-levenshtein libxml-tmx-perl zstd parallel slurm-wlm munge)
