#!/usr/bin/env bash
# Installs everything Skiff needs to build, run and test, from Debian 12's packages
# and the npm registry. Idempotent; run as root.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libboost-filesystem-dev libboost-program-options-dev
  libpoco-dev libssl-dev libsasl2-dev liblmdb-dev
  libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev catch2 librdkafka-dev
  # tests: real Kafka clients and tools
  kcat python3 python3-kafka python3-confluent-kafka python3-pytest
  # security tests: certificates, Cyrus SASL mechanisms and sasldb tools
  openssl libsasl2-modules libsasl2-modules-db sasl2-bin python3-jwt python3-cryptography python3-yaml
  # observability tests: promtool and a real Prometheus server
  prometheus
  # packaging tests: .deb/.rpm tooling and the daemon's system user
  lintian rpm rpmlint adduser
)

# Node.js for the kafkajs tests: Debian's, unless a Node.js with npm is already there.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
