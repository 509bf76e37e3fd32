#!/usr/bin/env bash
# Regenerates docs/CONFIG.md from the code's own config definitions (the kernel's
# and those of every plugin built into <build>/plugins-out).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-${SKIFF_BUILD_DIR:-build}}"
"$build_dir/kernel/app/skiffd" --config-reference \
  --override "plugin.path=$PWD/$build_dir/plugins-out" 2>/dev/null > docs/CONFIG.md
