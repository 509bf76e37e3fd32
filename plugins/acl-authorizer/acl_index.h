// The in-memory ACL set, indexed for authorization: per resource type, literal
// names and prefixes in hash maps, so a decision costs a few lookups however many
// ACLs there are. Not thread-safe: AclStore guards it.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "acl_matcher.h"
#include "skiff/sdk/authorizer.h"

namespace skiff::acl {

struct Decision {
  enum class Kind { kAllowed, kDenied, kNoAclOnResource };
  Kind kind = Kind::kNoAclOnResource;
  std::optional<sdk::AclBinding> acl;  // the ACL that decided, if one did and it was asked for
};

class AclIndex {
 public:
  bool add(const sdk::AclBinding& binding);     // false: it was already there
  bool remove(const sdk::AclBinding& binding);  // false: it was not there
  bool contains(const sdk::AclBinding& binding) const;
  size_t size() const { return size_; }
  bool has_type(sdk::ResourceType type) const;

  // DENY wins; kNoAclOnResource when no ACL of any principal names the resource.
  // `with_acl`: also copy out the deciding ACL (for an audit record).
  Decision decide(const Requester& who, const sdk::Action& action, bool with_acl) const;

  std::vector<sdk::AclBinding> matching(const sdk::AclBindingFilter& filter) const;  // sorted
  std::vector<sdk::AclBinding> of_type(sdk::ResourceType type) const;

 private:
  using Entries = std::vector<AclEntry>;
  // Looked up by string_view: a decision allocates no key (prefixes are views).
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  using ByName = std::unordered_map<std::string, Entries, NameHash, std::equal_to<>>;
  struct TypeIndex {
    ByName literal;
    ByName prefixed;
    // Prefix lengths in use (length -> number of prefixes), so a lookup tries only those.
    std::map<size_t, size_t> prefix_lengths;
    size_t count = 0;
  };
  static constexpr size_t kTypes = 8;  // ResourceType's wire values 0..7

  TypeIndex* slot(sdk::ResourceType type);
  const TypeIndex* slot(sdk::ResourceType type) const;
  template <class Fn>
  void for_each(const TypeIndex& index, sdk::ResourceType type, Fn&& fn) const;

  std::array<TypeIndex, kTypes> types_;
  size_t size_ = 0;
};

bool binding_less(const sdk::AclBinding& a, const sdk::AclBinding& b);

}  // namespace skiff::acl
