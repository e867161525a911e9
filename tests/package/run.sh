#!/bin/sh
# Installs the built jisr into a fresh prefix, builds tests/package against
# it with find_package(jisr), and runs the result.
#   run.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -eu
build=$1 src=$2 work=$3
rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$src/tests/package" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/consumer" "$work/prefix/share/jisr/models/ar-en.json"
