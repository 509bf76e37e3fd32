// Helpers for the acl-authorizer tests: a controller that keeps only durable
// records (in a map), connection identities and bindings in one line each.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include "skiff/sdk/authorizer.h"
#include "skiff/sdk/controller.h"

namespace skiff::acl::test {

using Op = sdk::AclOperation;
using Perm = sdk::AclPermissionType;
using Pattern = sdk::PatternType;
using Type = sdk::ResourceType;

// Only the record methods work; the ACL store uses nothing else.
class RecordsOnlyController final : public sdk::Controller {
 public:
  std::map<std::string, std::map<std::string, std::string>> namespaces;
  int writes = 0;

  void put_record(std::string_view ns, std::string_view key, std::string_view value) override {
    ++writes;
    namespaces[std::string(ns)][std::string(key)] = std::string(value);
  }
  bool delete_record(std::string_view ns, std::string_view key) override {
    ++writes;
    return namespaces[std::string(ns)].erase(std::string(key)) > 0;
  }
  std::optional<std::string> get_record(std::string_view ns, std::string_view key) const override {
    auto n = namespaces.find(std::string(ns));
    if (n == namespaces.end()) return std::nullopt;
    auto r = n->second.find(std::string(key));
    return r == n->second.end() ? std::nullopt : std::optional<std::string>(r->second);
  }
  std::vector<std::pair<std::string, std::string>> scan_records(
      std::string_view ns, std::string_view prefix) const override {
    std::vector<std::pair<std::string, std::string>> out;
    auto n = namespaces.find(std::string(ns));
    if (n == namespaces.end()) return out;
    for (const auto& [key, value] : n->second) {
      if (key.starts_with(prefix)) out.emplace_back(key, value);
    }
    return out;
  }

  [[noreturn]] static void unused() { throw std::logic_error("not used by the ACL store"); }
  std::string cluster_id() const override { unused(); }
  int32_t active_controller_id() const override { unused(); }
  void register_broker(const sdk::BrokerInfo&) override { unused(); }
  std::vector<sdk::BrokerInfo> brokers() const override { unused(); }
  std::vector<sdk::TopicInfo> topics() const override { unused(); }
  std::optional<sdk::TopicInfo> topic(std::string_view) const override { unused(); }
  std::optional<sdk::TopicInfo> topic_by_id(const sdk::Uuid&) const override { unused(); }
  std::pair<sdk::ControllerStatus, std::optional<sdk::TopicInfo>> create_topic(
      const sdk::NewTopic&, bool) override { unused(); }
  sdk::ControllerStatus delete_topic(std::string_view) override { unused(); }
  sdk::ControllerStatus create_partitions(std::string_view, int32_t, bool) override { unused(); }
  sdk::ControllerStatus alter_topic_configs(std::string_view, const sdk::ConfigChanges&,
                                            bool) override { unused(); }
  std::map<std::string, std::string> broker_configs(int32_t) const override { unused(); }
  sdk::ControllerStatus alter_broker_configs(int32_t, const sdk::ConfigChanges&, bool) override {
    unused();
  }
  sdk::ProducerIdBlock allocate_producer_ids(int32_t) override { unused(); }
  void add_listener(sdk::MetadataListener*) override { unused(); }
  void remove_listener(sdk::MetadataListener*) override { unused(); }
};

inline sdk::ConnectionIdentity user(const std::string& name, const std::string& host = "10.0.0.1") {
  sdk::ConnectionIdentity who;
  who.principal = {"User", name};
  who.client_host = host;
  who.listener = "SASL_PLAINTEXT";
  who.security_protocol = "SASL_PLAINTEXT";
  who.client_id = "test-client";
  return who;
}

inline sdk::AclBinding binding(sdk::ResourceType type, std::string name, sdk::PatternType pattern,
                               std::string principal, sdk::AclOperation op,
                               sdk::AclPermissionType permission = sdk::AclPermissionType::kAllow,
                               std::string host = "*") {
  return {type, std::move(name), pattern, std::move(principal), std::move(host), op, permission};
}

inline sdk::AclBinding topic_acl(std::string name, std::string principal, sdk::AclOperation op,
                                 sdk::AclPermissionType permission = sdk::AclPermissionType::kAllow,
                                 sdk::PatternType pattern = sdk::PatternType::kLiteral,
                                 std::string host = "*") {
  return binding(sdk::ResourceType::kTopic, std::move(name), pattern, std::move(principal), op,
                 permission, std::move(host));
}

inline sdk::Action on_topic(sdk::AclOperation op, std::string name) {
  return {op, sdk::ResourceType::kTopic, std::move(name), true, true};
}

}  // namespace skiff::acl::test
