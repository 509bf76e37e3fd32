#include "acls/acl_vocabulary.h"

#include <cctype>

#include "common/errors.h"
#include "skiff/sdk/acl_names.h"

namespace skiff::cli::acls {
namespace {

// "DescribeConfigs", "describe-configs" and "DESCRIBE_CONFIGS" name the same thing.
std::string canonical(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '_' || c == '-') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

// The code of the Enum value named `name` in any spelling; UNKNOWN and ANY (0 and 1)
// are never named by users here.
template <class Enum>
int8_t code_of(std::string_view name, std::string_view what) {
  const std::string wanted = canonical(name);
  std::string valid;
  for (int8_t i = 2; auto known = sdk::known_name_of(static_cast<Enum>(i)); ++i) {
    if (canonical(*known) == wanted) return i;
    valid += (valid.empty() ? "" : ", ") + std::string(*known);
  }
  throw UsageError("unknown " + std::string(what) + " '" + std::string(name) + "'; valid: " + valid);
}

template <class Enum>
std::string name_of(int8_t code) {
  auto known = sdk::known_name_of(static_cast<Enum>(code));
  return known ? std::string(*known) : "UNKNOWN(" + std::to_string(code) + ")";
}

}  // namespace

int8_t operation_code(std::string_view name) {
  return code_of<sdk::AclOperation>(name, "operation");
}

int8_t pattern_type_code(std::string_view name) {
  if (canonical(name) == "ANY") return kAny;
  return code_of<sdk::PatternType>(name, "resource pattern type");
}

std::string operation_name(int8_t code) { return name_of<sdk::AclOperation>(code); }
std::string resource_type_name(int8_t code) { return name_of<sdk::ResourceType>(code); }
std::string pattern_type_name(int8_t code) { return name_of<sdk::PatternType>(code); }
std::string permission_name(int8_t code) { return name_of<sdk::AclPermissionType>(code); }

}  // namespace skiff::cli::acls
