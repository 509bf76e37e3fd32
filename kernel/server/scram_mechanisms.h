// The SCRAM mechanism codes of AlterUserScramCredentials / DescribeUserScramCredentials
// (1 = SCRAM-SHA-256, 2 = SCRAM-SHA-512) and their names.
#pragma once

#include <cstdint>
#include <string_view>

#include "skiff/sdk/scram_credentials.h"

namespace skiff::kernel::server {

// Empty for an unknown code.
inline std::string_view scram_mechanism_name(int8_t code) {
  if (code == 1) return sdk::scram::kSha256;
  if (code == 2) return sdk::scram::kSha512;
  return {};
}

// 0 for an unknown name.
inline int8_t scram_mechanism_code(std::string_view name) {
  if (name == sdk::scram::kSha256) return 1;
  if (name == sdk::scram::kSha512) return 2;
  return 0;
}

}  // namespace skiff::kernel::server
