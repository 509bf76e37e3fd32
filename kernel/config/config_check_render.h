// `skiffd --check-config` output: the effective configuration, one key per line,
// sorted by key, with where each value came from:
//   listeners=PLAINTEXT://:9092      # default
//   num.io.threads=16                # /etc/skiff/server.properties:12
//   ssl.key.password=[hidden]        # override
// Keys without a value and without a default are shown as "key=   # unset".
#pragma once

#include <string>

#include "kernel/config/config_snapshot.h"

namespace skiff::kernel {

std::string render_effective_config(const ConfigSnapshot& snapshot);

}  // namespace skiff::kernel
