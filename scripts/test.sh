#!/usr/bin/env bash
# Installs what is needed, builds everything, and runs every test: Catch2 unit
# tests, the codec and fuzz smoke tests, and integration tests with real Kafka
# clients (kcat, kafka-python, confluent-kafka, kafkajs) against brokers the tests
# start themselves on loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
if [ -f tests/integration/js/package.json ]; then
  (cd tests/integration/js && npm ci --no-audit --no-fund --loglevel=error)
fi
SKIFF_BUILD_TESTS=ON ./scripts/build.sh
cd "${SKIFF_BUILD_DIR:-build}"
ctest --output-on-failure --timeout 900 -j 2 "$@"
