#!/usr/bin/env bash
# Installs what is needed, builds, and runs a single-node broker on localhost:9092
# with the embedded controller and local storage (data in ./data, or $SKIFF_DATA).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
SKIFF_BUILD_TESTS=OFF ./scripts/build.sh
data="${SKIFF_DATA:-$PWD/data}"
mkdir -p "$data"
exec ./build/kernel/app/skiffd config/server.properties \
  --override "log.dirs=$data" \
  --override "plugin.path=$PWD/build/plugins-out" "$@"
