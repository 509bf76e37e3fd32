#!/usr/bin/env bash
# Configures and builds Skiff into ./build (or $SKIFF_BUILD_DIR).
# SKIFF_BUILD_TESTS=OFF skips the test suite (faster for just running a broker).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${SKIFF_BUILD_DIR:-build}"
# ccache (when installed) hashes paths relative to the checkout, so a fresh clone in
# another folder reuses what an earlier build compiled.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S . -B "$build_dir" "${generator[@]}" \
  -DCMAKE_BUILD_TYPE="${SKIFF_BUILD_TYPE:-RelWithDebInfo}" \
  -DSKIFF_BUILD_TESTS="${SKIFF_BUILD_TESTS:-ON}" "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
