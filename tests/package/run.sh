#!/bin/sh
# Installs the built jisr into a fresh prefix, builds tests/package against
# it with find_package(jisr), and runs the result.
#   run.sh BUILD_DIR SOURCE_DIR WORK_DIR [CXX_FLAGS [EXE_LINKER_FLAGS]]
# The flags of the jisr build are passed on, so that a sanitizer build is
# consumed by a sanitizer build.
set -eu
build=$1 src=$2 work=$3 cxx_flags=${4:-} link_flags=${5:-}
rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$src/tests/package" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_CXX_FLAGS="$cxx_flags" -DCMAKE_EXE_LINKER_FLAGS="$link_flags" >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/consumer" "$work/prefix/share/jisr/models/ar-en.json"
