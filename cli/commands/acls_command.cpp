// `skiff acls`: add, remove and list ACLs (CreateAcls / DeleteAcls / DescribeAcls)
// with kafka-acls.sh's vocabulary: --allow-principal, --deny-host, --operation,
// --topic, --group, --cluster, --resource-pattern-type, and the --producer and
// --consumer shortcuts.
#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "acls/acl_vocabulary.h"
#include "commands/commands.h"
#include "common/client_config.h"
#include "common/errors.h"
#include "common/kafka_wire_client.h"
#include "kernel/protocol/generated/create_acls_request.h"
#include "kernel/protocol/generated/create_acls_response.h"
#include "kernel/protocol/generated/delete_acls_request.h"
#include "kernel/protocol/generated/delete_acls_response.h"
#include "kernel/protocol/generated/describe_acls_request.h"
#include "kernel/protocol/generated/describe_acls_response.h"
#include "skiff/sdk/authorizer.h"

namespace skiff::cli {

namespace {

using namespace acls;
using protocol::CreateAclsRequest;
using protocol::CreateAclsResponse;
using protocol::DeleteAclsRequest;
using protocol::DeleteAclsResponse;
using protocol::DescribeAclsRequest;
using protocol::DescribeAclsResponse;

constexpr int16_t kAclApiVersion = 3;

struct Resource {
  int8_t type = 0;
  std::string name;
};

// One ACL as printed and sent: (principal, host, operation, permission).
struct Entry {
  std::string principal;
  std::string host;
  int8_t operation = 0;
  int8_t permission = 0;
  auto operator<=>(const Entry&) const = default;
};

std::string pattern_line(int8_t type, const std::string& name, int8_t pattern) {
  return "ResourcePattern(resourceType=" + resource_type_name(type) + ", name=" + name +
         ", patternType=" + pattern_type_name(pattern) + ")";
}

std::string entry_line(const Entry& e) {
  return "\t(principal=" + e.principal + ", host=" + e.host +
         ", operation=" + operation_name(e.operation) +
         ", permissionType=" + permission_name(e.permission) + ")";
}

// The operations Kafka accepts on each resource type (AclEntry.supportedOperations).
bool supported(int8_t type, int8_t op) {
  const auto operation = static_cast<sdk::AclOperation>(op);
  const auto ops = sdk::supported_operations(static_cast<sdk::ResourceType>(type));
  return operation == sdk::AclOperation::kAll ||
         std::find(ops.begin(), ops.end(), operation) != ops.end();
}

class AclsCommand : public Command {
 public:
  std::string_view name() const override { return "acls"; }
  std::string_view summary() const override { return "Add, remove and list ACLs"; }
  std::string_view synopsis() const override {
    return "--bootstrap-server HOST:PORT (--add | --remove | --list) [--allow-principal P] "
           "[--deny-principal P] [--operation OP] (--topic T | --group G | --cluster | ...)";
  }

  void declare_options(OptionTable& options) const override {
    declare_connection_options(options);
    options.flag("add", "Add the ACLs described by the other options");
    options.flag("remove", "Remove the matching ACLs");
    options.flag("list", "List the ACLs of the given resources (all resources if none)");
    options.repeated("allow-principal", "P", "Principal (User:name, User:*) granted the operations");
    options.repeated("deny-principal", "P", "Principal denied the operations");
    options.repeated("allow-host", "H", "Host the allow ACLs apply to (default *)");
    options.repeated("deny-host", "H", "Host the deny ACLs apply to (default *)");
    options.repeated("operation", "OP",
                     "Read, Write, Create, Delete, Alter, Describe, ClusterAction, "
                     "DescribeConfigs, AlterConfigs, IdempotentWrite, CreateTokens, "
                     "DescribeTokens or All");
    options.repeated("topic", "T", "A topic (* for all)");
    options.repeated("group", "G", "A consumer group (* for all)");
    options.flag("cluster", "The cluster resource");
    options.repeated("transactional-id", "ID", "A transactional id (* for all)");
    options.repeated("delegation-token", "ID", "A delegation token (* for all)");
    options.repeated("user-principal", "U", "A user resource (for token ACLs)");
    options.value("resource-pattern-type", "TYPE",
                  "LITERAL (default) or PREFIXED; --list and --remove also take ANY and MATCH");
    options.repeated("principal", "P", "With --list: only ACLs of this principal");
    options.flag("producer", "Shortcut: WRITE, DESCRIBE and CREATE on the --topic(s)");
    options.flag("consumer", "Shortcut: READ and DESCRIBE on the --topic(s), READ on the --group(s)");
    options.flag("idempotent", "With --producer: IDEMPOTENT_WRITE on the cluster");
    options.flag("force", "Accepted for kafka-acls.sh compatibility (nothing is asked)");
  }

  int run(const ParsedArgs& args) override {
    auto action = args.exactly_one_of({"add", "remove", "list"});
    const int8_t pattern = pattern_type_code(args.value_or("resource-pattern-type", "LITERAL"));
    if (action == "add" && pattern != kPatternLiteral && pattern != kPatternPrefixed) {
      throw UsageError("--add needs --resource-pattern-type LITERAL or PREFIXED");
    }
    if (action == "list" && (args.has("allow-principal") || args.has("deny-principal"))) {
      throw UsageError("--list takes --principal, not --allow-principal / --deny-principal");
    }
    if (action != "list" && args.has("principal")) {
      throw UsageError("--principal goes with --list");
    }
    if (args.has("idempotent") && !args.has("producer")) {
      throw UsageError("--idempotent goes with --producer");
    }
    KafkaWireClient client(args);
    if (action == "list") return list(client, args, pattern);
    auto acls = requested_acls(args);
    if (acls.empty()) {
      if (action == "add") throw UsageError("--add needs a resource, a principal and an operation");
      return remove_all(client, args, pattern);
    }
    return action == "add" ? add(client, acls, pattern) : remove(client, acls, pattern);
  }

 private:
  // Resource -> the ACLs the options describe for it.
  using AclsByResource = std::map<std::tuple<int8_t, std::string>, std::set<Entry>>;

  static std::vector<Resource> resources(const ParsedArgs& args) {
    std::vector<Resource> out;
    auto add_all = [&](const char* option, int8_t type) {
      for (const auto& name : args.values(option)) out.push_back({type, name});
    };
    add_all("topic", kResourceTopic);
    add_all("group", kResourceGroup);
    if (args.has("cluster")) out.push_back({kResourceCluster, std::string(sdk::kClusterResourceName)});
    add_all("transactional-id", kResourceTransactionalId);
    add_all("delegation-token", kResourceDelegationToken);
    add_all("user-principal", kResourceUser);
    return out;
  }

  static std::vector<int8_t> operations(const ParsedArgs& args) {
    std::vector<int8_t> out;
    for (const auto& op : args.values("operation")) out.push_back(operation_code(op));
    return out;
  }

  static std::vector<std::pair<std::string, int8_t>> principals(const ParsedArgs& args) {
    std::vector<std::pair<std::string, int8_t>> out;
    for (const auto& p : args.values("allow-principal")) out.emplace_back(p, kPermissionAllow);
    for (const auto& p : args.values("deny-principal")) out.emplace_back(p, kPermissionDeny);
    for (const auto& [p, _] : out) {
      if (p.find(':') == std::string::npos) {
        throw UsageError("principal '" + p + "' must look like User:name");
      }
    }
    return out;
  }

  static std::vector<std::string> hosts(const ParsedArgs& args, int8_t permission) {
    auto given = args.values(permission == kPermissionAllow ? "allow-host" : "deny-host");
    return given.empty() ? std::vector<std::string>{"*"} : given;
  }

  static AclsByResource requested_acls(const ParsedArgs& args) {
    AclsByResource out;
    auto grant = [&](const Resource& r, int8_t op) {
      for (const auto& [principal, permission] : principals(args)) {
        for (const auto& host : hosts(args, permission)) {
          out[{r.type, r.name}].insert(Entry{principal, host, op, permission});
        }
      }
    };
    const auto ops = operations(args);
    for (const auto& r : resources(args)) {
      for (int8_t op : ops) {
        if (!supported(r.type, op)) {
          throw UsageError("ResourceType " + resource_type_name(r.type) +
                           " does not support operation " + operation_name(op));
        }
        grant(r, op);
      }
    }
    if (args.has("producer")) {
      if (args.values("topic").empty()) throw UsageError("--producer needs --topic");
      for (const auto& t : args.values("topic")) {
        for (const char* op : {"WRITE", "DESCRIBE", "CREATE"}) grant({kResourceTopic, t}, operation_code(op));
      }
      for (const auto& id : args.values("transactional-id")) {
        for (const char* op : {"WRITE", "DESCRIBE"}) grant({kResourceTransactionalId, id}, operation_code(op));
      }
      if (args.has("idempotent")) grant({kResourceCluster, std::string(sdk::kClusterResourceName)}, operation_code("IDEMPOTENT_WRITE"));
    }
    if (args.has("consumer")) {
      if (args.values("topic").empty() || args.values("group").empty()) {
        throw UsageError("--consumer needs --topic and --group");
      }
      for (const auto& t : args.values("topic")) {
        for (const char* op : {"READ", "DESCRIBE"}) grant({kResourceTopic, t}, operation_code(op));
      }
      for (const auto& g : args.values("group")) grant({kResourceGroup, g}, operation_code("READ"));
    }
    return out;
  }

  static int add(KafkaWireClient& client, const AclsByResource& acls, int8_t pattern) {
    CreateAclsRequest request;
    for (const auto& [resource, entries] : acls) {
      const auto& [type, name] = resource;
      std::cout << "Adding ACLs for resource `" << pattern_line(type, name, pattern) << "`: \n";
      for (const auto& e : entries) {
        std::cout << " " << entry_line(e) << "\n";
        CreateAclsRequest::AclCreation c;
        c.resource_type = type;
        c.resource_name = name;
        c.resource_pattern_type = pattern;
        c.principal = e.principal;
        c.host = e.host;
        c.operation = e.operation;
        c.permission_type = e.permission;
        request.creations.push_back(std::move(c));
      }
      std::cout << "\n";
    }
    auto response = client.call<CreateAclsRequest, CreateAclsResponse>(request, kAclApiVersion);
    int status = kExitOk;
    for (size_t i = 0; i < response.results.size(); ++i) {
      const auto& r = response.results[i];
      if (r.error_code == 0) continue;
      status = kExitFailure;
      std::cerr << "Error while adding ACL (error " << r.error_code
                << "): " << r.error_message.value_or("") << "\n";
    }
    return status;
  }

  static DeleteAclsRequest::DeleteAclsFilter filter_for(int8_t type, const std::string& name,
                                                        int8_t pattern) {
    DeleteAclsRequest::DeleteAclsFilter f;
    f.resource_type_filter = type;
    f.resource_name_filter = name;
    f.pattern_type_filter = pattern;
    f.principal_filter.reset();
    f.host_filter.reset();
    f.operation = kAny;
    f.permission_type = kAny;
    return f;
  }

  static int send_deletions(KafkaWireClient& client, const DeleteAclsRequest& request) {
    auto response = client.call<DeleteAclsRequest, DeleteAclsResponse>(request, kAclApiVersion);
    int status = kExitOk;
    for (const auto& r : response.filter_results) {
      if (r.error_code != 0) {
        status = kExitFailure;
        std::cerr << "Error while removing ACLs (error " << r.error_code
                  << "): " << r.error_message.value_or("") << "\n";
        continue;
      }
      for (const auto& m : r.matching_acls) {
        std::cout << "Removed ACL for resource `"
                  << pattern_line(m.resource_type, m.resource_name, m.pattern_type) << "`: \n "
                  << entry_line({m.principal, m.host, m.operation, m.permission_type}) << "\n";
      }
    }
    return status;
  }

  static int remove(KafkaWireClient& client, const AclsByResource& acls, int8_t pattern) {
    DeleteAclsRequest request;
    for (const auto& [resource, entries] : acls) {
      const auto& [type, name] = resource;
      for (const auto& e : entries) {
        auto f = filter_for(type, name, pattern);
        f.principal_filter = e.principal;
        f.host_filter = e.host;
        f.operation = e.operation;
        f.permission_type = e.permission;
        request.filters.push_back(std::move(f));
      }
    }
    return send_deletions(client, request);
  }

  // --remove with resources only: every ACL on them.
  static int remove_all(KafkaWireClient& client, const ParsedArgs& args, int8_t pattern) {
    auto targets = resources(args);
    if (targets.empty()) throw UsageError("--remove needs a resource (--topic, --group, --cluster, ...)");
    DeleteAclsRequest request;
    for (const auto& r : targets) request.filters.push_back(filter_for(r.type, r.name, pattern));
    return send_deletions(client, request);
  }

  static int list(KafkaWireClient& client, const ParsedArgs& args, int8_t pattern) {
    auto targets = resources(args);
    std::vector<std::optional<std::string>> principal_filters;
    for (const auto& p : args.values("principal")) principal_filters.emplace_back(p);
    if (principal_filters.empty()) principal_filters.emplace_back(std::nullopt);
    std::vector<DescribeAclsRequest> requests;
    auto request_for = [&](int8_t type, std::optional<std::string> name, int8_t pattern_filter) {
      for (const auto& principal : principal_filters) {
        DescribeAclsRequest r;
        r.resource_type_filter = type;
        r.resource_name_filter = name;
        r.pattern_type_filter = pattern_filter;
        r.principal_filter = principal;
        r.host_filter.reset();
        r.operation = kAny;
        r.permission_type = kAny;
        requests.push_back(std::move(r));
      }
    };
    if (targets.empty()) {
      request_for(kAny, std::nullopt, kAny);
    } else {
      for (const auto& t : targets) request_for(t.type, t.name, pattern);
    }
    // Resource pattern -> entries, merged over every request, printed in order.
    std::map<std::tuple<int8_t, std::string, int8_t>, std::set<Entry>> found;
    for (const auto& request : requests) {
      auto response = client.call<DescribeAclsRequest, DescribeAclsResponse>(request, kAclApiVersion);
      if (response.error_code != 0) {
        throw CommandError("listing ACLs failed (error " + std::to_string(response.error_code) +
                           "): " + response.error_message.value_or(""));
      }
      for (const auto& r : response.resources) {
        auto& entries = found[{r.resource_type, r.resource_name, r.pattern_type}];
        for (const auto& a : r.acls) entries.insert({a.principal, a.host, a.operation, a.permission_type});
      }
    }
    for (const auto& [key, entries] : found) {
      const auto& [type, name, pattern_type] = key;
      std::cout << "Current ACLs for resource `" << pattern_line(type, name, pattern_type) << "`: \n";
      for (const auto& e : entries) std::cout << " " << entry_line(e) << "\n";
      std::cout << "\n";
    }
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_acls_command() { return std::make_unique<AclsCommand>(); }

}  // namespace skiff::cli
