#!/bin/sh
# Installs the built jisr into a fresh prefix, checks that the man pages,
# shell completions and pkg-config file are there, builds tests/package
# against it twice (find_package(jisr), and pkg-config), and runs both.
#   run.sh BUILD_DIR SOURCE_DIR WORK_DIR [CXX_FLAGS [EXE_LINKER_FLAGS]]
# The flags of the jisr build are passed on, so that a sanitizer build is
# consumed by a sanitizer build.
set -eu
build=$1 src=$2 work=$3 cxx_flags=${4:-} link_flags=${5:-}
# Absolute paths: CMake reads a relative CMAKE_PREFIX_PATH against another folder.
mkdir -p "$work" && work=$(cd "$work" && pwd) && src=$(cd "$src" && pwd) && build=$(cd "$build" && pwd)
rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in share/man/man1/jisr.1 share/man/man1/jisr-align.1 share/bash-completion/completions/jisr \
         share/zsh/site-functions/_jisr share/jisr/models/ar-en.json; do
  [ -s "$work/prefix/$f" ] || { echo "not installed: $f" >&2; exit 1; }
done
pc=$(find "$work/prefix" -name jisr.pc | head -n 1)
[ -n "$pc" ] || { echo "not installed: jisr.pc" >&2; exit 1; }
grep -q "align" "$work/prefix/share/bash-completion/completions/jisr" || { echo "completion lists no commands" >&2; exit 1; }
cmake -S "$src/tests/package" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_CXX_FLAGS="$cxx_flags" -DCMAKE_EXE_LINKER_FLAGS="$link_flags" >/dev/null
cmake --build "$work/build" >/dev/null
# pkg-config: static by default, so the private dependencies come along.
static=--static
ls "$(dirname "$pc")"/../libjisr.so* >/dev/null 2>&1 && static=
flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config $static --cflags --libs jisr)
# shellcheck disable=SC2086
c++ -std=c++20 $cxx_flags "$src/tests/package/main.cpp" -o "$work/consumer-pc" $flags $link_flags \
  -Wl,-rpath,"$(dirname "$pc")/.."
a=$("$work/build/consumer" "$work/prefix/share/jisr/models/ar-en.json")
b=$("$work/consumer-pc" "$work/prefix/share/jisr/models/ar-en.json")
[ "$a" = "$b" ] || { echo "the pkg-config consumer disagrees: $b" >&2; exit 1; }
printf '%s\n' "$a"
