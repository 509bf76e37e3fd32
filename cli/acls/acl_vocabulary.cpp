#include "acls/acl_vocabulary.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/errors.h"

namespace skiff::cli::acls {
namespace {

// Index = wire code.
constexpr std::array<std::string_view, 15> kOperations = {
    "UNKNOWN", "ANY",   "ALL",      "READ",          "WRITE",
    "CREATE",  "DELETE", "ALTER",   "DESCRIBE",      "CLUSTER_ACTION",
    "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE", "CREATE_TOKENS", "DESCRIBE_TOKENS"};
constexpr std::array<std::string_view, 8> kResourceTypes = {
    "UNKNOWN", "ANY", "TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN", "USER"};
constexpr std::array<std::string_view, 5> kPatternTypes = {"UNKNOWN", "ANY", "MATCH", "LITERAL",
                                                           "PREFIXED"};
constexpr std::array<std::string_view, 4> kPermissions = {"UNKNOWN", "ANY", "DENY", "ALLOW"};

// "DescribeConfigs", "describe-configs" and "DESCRIBE_CONFIGS" name the same thing.
std::string canonical(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '_' || c == '-') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

template <size_t N>
int8_t code_of(const std::array<std::string_view, N>& names, std::string_view name,
               std::string_view what) {
  const std::string wanted = canonical(name);
  for (size_t i = 2; i < N; ++i) {  // UNKNOWN and ANY are never named by users here
    if (canonical(names[i]) == wanted) return static_cast<int8_t>(i);
  }
  std::string valid;
  for (size_t i = 2; i < N; ++i) valid += (valid.empty() ? "" : ", ") + std::string(names[i]);
  throw UsageError("unknown " + std::string(what) + " '" + std::string(name) + "'; valid: " + valid);
}

template <size_t N>
std::string name_of(const std::array<std::string_view, N>& names, int8_t code) {
  if (code < 0 || static_cast<size_t>(code) >= N) return "UNKNOWN(" + std::to_string(code) + ")";
  return std::string(names[static_cast<size_t>(code)]);
}

}  // namespace

int8_t operation_code(std::string_view name) { return code_of(kOperations, name, "operation"); }

int8_t pattern_type_code(std::string_view name) {
  if (canonical(name) == "ANY") return kAny;
  return code_of(kPatternTypes, name, "resource pattern type");
}

std::string operation_name(int8_t code) { return name_of(kOperations, code); }
std::string resource_type_name(int8_t code) { return name_of(kResourceTypes, code); }
std::string pattern_type_name(int8_t code) { return name_of(kPatternTypes, code); }
std::string permission_name(int8_t code) { return name_of(kPermissions, code); }

}  // namespace skiff::cli::acls
