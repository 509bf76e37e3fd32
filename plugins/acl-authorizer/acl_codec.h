// How an ACL is stored as a controller record (namespace "acl"): the whole binding
// is the key, in a canonical readable form, so the same ACL always has the same key
// and storing it twice is harmless. The value carries nothing ("1").
//
//   TOPIC/PREFIXED/orders-/User:alice/*/READ/ALLOW
//
// '/' and '%' inside names are percent-encoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "skiff/sdk/authorizer.h"

namespace skiff::acl {

inline constexpr std::string_view kRecordNamespace = "acl";
inline constexpr std::string_view kRecordValue = "1";

std::string encode_key(const sdk::AclBinding& binding);
// nullopt if the key is not one encode_key() makes.
std::optional<sdk::AclBinding> decode_key(std::string_view key);

}  // namespace skiff::acl
