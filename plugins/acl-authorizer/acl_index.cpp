#include "acl_index.h"

#include <algorithm>
#include <tuple>

namespace skiff::acl {

using sdk::AclBinding;
using sdk::PatternType;

namespace {

AclEntry entry_of(const AclBinding& b) { return {b.principal, b.host, b.operation, b.permission}; }

AclBinding binding_of(sdk::ResourceType type, PatternType pattern, std::string_view name,
                      const AclEntry& e) {
  return {type, std::string(name), pattern, e.principal, e.host, e.operation, e.permission};
}

}  // namespace

bool binding_less(const AclBinding& a, const AclBinding& b) {
  return std::tie(a.resource_type, a.pattern_type, a.resource_name, a.principal, a.host,
                  a.operation, a.permission) <
         std::tie(b.resource_type, b.pattern_type, b.resource_name, b.principal, b.host,
                  b.operation, b.permission);
}

AclIndex::TypeIndex* AclIndex::slot(sdk::ResourceType type) {
  auto i = static_cast<size_t>(type);
  return i < kTypes ? &types_[i] : nullptr;
}

const AclIndex::TypeIndex* AclIndex::slot(sdk::ResourceType type) const {
  return const_cast<AclIndex*>(this)->slot(type);
}

bool AclIndex::add(const AclBinding& binding) {
  auto* t = slot(binding.resource_type);
  if (!t || contains(binding)) return false;
  bool prefixed = binding.pattern_type == PatternType::kPrefixed;
  auto& entries = (prefixed ? t->prefixed : t->literal)[binding.resource_name];
  if (prefixed && entries.empty()) ++t->prefix_lengths[binding.resource_name.size()];
  entries.push_back(entry_of(binding));
  ++t->count;
  ++size_;
  return true;
}

bool AclIndex::remove(const AclBinding& binding) {
  auto* t = slot(binding.resource_type);
  if (!t) return false;
  bool prefixed = binding.pattern_type == PatternType::kPrefixed;
  auto& map = prefixed ? t->prefixed : t->literal;
  auto it = map.find(binding.resource_name);
  if (it == map.end()) return false;
  auto pos = std::find(it->second.begin(), it->second.end(), entry_of(binding));
  if (pos == it->second.end()) return false;
  it->second.erase(pos);
  if (it->second.empty()) {
    map.erase(it);
    if (prefixed) {
      auto len = t->prefix_lengths.find(binding.resource_name.size());
      if (--len->second == 0) t->prefix_lengths.erase(len);
    }
  }
  --t->count;
  --size_;
  return true;
}

bool AclIndex::contains(const AclBinding& binding) const {
  const auto* t = slot(binding.resource_type);
  if (!t) return false;
  const auto& map = binding.pattern_type == PatternType::kPrefixed ? t->prefixed : t->literal;
  auto it = map.find(binding.resource_name);
  return it != map.end() &&
         std::find(it->second.begin(), it->second.end(), entry_of(binding)) != it->second.end();
}

bool AclIndex::has_type(sdk::ResourceType type) const {
  const auto* t = slot(type);
  return t && t->count > 0;
}

Decision AclIndex::decide(const Requester& who, const sdk::Action& action, bool with_acl) const {
  Decision out;
  const auto* t = slot(action.resource_type);
  if (!t || t->count == 0) return out;
  bool any_acl = false;
  auto decided = [&](Decision::Kind kind, PatternType pattern, std::string_view name,
                     const AclEntry& e) {
    out.kind = kind;
    if (with_acl) out.acl = binding_of(action.resource_type, pattern, name, e);
  };
  // Returns true once a DENY settles the decision.
  auto weigh = [&](const ByName& map, std::string_view name, PatternType pattern) {
    auto it = map.find(name);
    if (it == map.end()) return false;
    any_acl = true;
    for (const auto& e : it->second) {
      auto m = match_entry(e, who, action.operation);
      if (m == EntryMatch::kDeny) {
        decided(Decision::Kind::kDenied, pattern, name, e);
        return true;
      }
      if (m == EntryMatch::kAllow && out.kind != Decision::Kind::kAllowed) {
        decided(Decision::Kind::kAllowed, pattern, name, e);
      }
    }
    return false;
  };
  const std::string_view name = action.resource_name;
  if (weigh(t->literal, name, PatternType::kLiteral)) return out;
  if (name != sdk::kWildcardResource &&
      weigh(t->literal, sdk::kWildcardResource, PatternType::kLiteral)) {
    return out;
  }
  for (const auto& [length, count] : t->prefix_lengths) {
    if (length > name.size()) break;
    if (weigh(t->prefixed, name.substr(0, length), PatternType::kPrefixed)) return out;
  }
  if (out.kind != Decision::Kind::kAllowed) {
    out.kind = any_acl ? Decision::Kind::kDenied : Decision::Kind::kNoAclOnResource;
  }
  return out;
}

template <class Fn>
void AclIndex::for_each(const TypeIndex& index, sdk::ResourceType type, Fn&& fn) const {
  for (const auto& [name, entries] : index.literal) {
    for (const auto& e : entries) fn(binding_of(type, PatternType::kLiteral, name, e));
  }
  for (const auto& [name, entries] : index.prefixed) {
    for (const auto& e : entries) fn(binding_of(type, PatternType::kPrefixed, name, e));
  }
}

std::vector<AclBinding> AclIndex::matching(const sdk::AclBindingFilter& filter) const {
  std::vector<AclBinding> out;
  for (size_t i = 0; i < kTypes; ++i) {
    for_each(types_[i], static_cast<sdk::ResourceType>(i), [&](AclBinding&& b) {
      if (filter_matches(filter, b)) out.push_back(std::move(b));
    });
  }
  std::sort(out.begin(), out.end(), binding_less);
  return out;
}

std::vector<AclBinding> AclIndex::of_type(sdk::ResourceType type) const {
  std::vector<AclBinding> out;
  if (const auto* t = slot(type)) for_each(*t, type, [&](AclBinding&& b) { out.push_back(std::move(b)); });
  return out;
}

}  // namespace skiff::acl
