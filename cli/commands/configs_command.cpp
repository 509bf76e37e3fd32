// `skiff configs`: describe and alter topic and broker configs, in the vocabulary and
// output format of Kafka's kafka-configs.sh.
//
// librdkafka 2.0.2 has no IncrementalAlterConfigs, and AlterConfigs replaces the whole
// set of a resource's dynamic configs; so --alter reads the current dynamic set,
// applies the additions and deletions, and writes the merged set back.
#include <algorithm>
#include <iostream>
#include <map>
#include <string>

#include "commands/commands.h"
#include "common/admin_client.h"
#include "common/client_config.h"
#include "common/cluster_metadata.h"
#include "common/config_description.h"
#include "common/errors.h"
#include "common/properties.h"

namespace skiff::cli {

namespace {

// Which resource the command line names. An empty topic name means every topic.
struct Entity {
  rd_kafka_ResourceType_t type;
  std::string type_word;  // "topic" or "broker", as kafka-configs prints it
  std::string name;
};

// Splits kafka-configs' "k1=v1,k2=[a,b],k3=v3": commas inside [...] belong to the
// value, and the brackets are dropped.
std::vector<Property> parse_config_list(std::string_view text) {
  std::vector<std::string> items;
  std::string item;
  int depth = 0;
  for (char c : text) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ',' && depth == 0) {
      items.push_back(std::move(item));
      item.clear();
    } else {
      item.push_back(c);
    }
  }
  if (depth != 0) throw UsageError("--add-config: unbalanced [ ] in '" + std::string(text) + "'");
  items.push_back(std::move(item));
  std::vector<Property> out;
  for (const auto& raw : items) {
    if (raw.empty()) continue;
    auto p = parse_property(raw, "--add-config");
    if (p.value.size() >= 2 && p.value.front() == '[' && p.value.back() == ']') {
      p.value = p.value.substr(1, p.value.size() - 2);
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<std::string> parse_name_list(const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  for (const auto& text : texts) {
    size_t start = 0;
    while (start <= text.size()) {
      auto comma = text.find(',', start);
      auto name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!name.empty()) out.push_back(name);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

std::string value_text(const std::optional<std::string>& value) { return value ? *value : "null"; }

class ConfigsCommand : public Command {
 public:
  std::string_view name() const override { return "configs"; }
  std::string_view summary() const override {
    return "Describe and alter topic and broker configs";
  }
  std::string_view synopsis() const override {
    return "--bootstrap-server HOST:PORT --entity-type topics|brokers [--entity-name NAME] "
           "(--describe [--all] | --alter [--add-config K=V,...] [--delete-config K,...])";
  }

  void declare_options(OptionTable& options) const override {
    declare_connection_options(options);
    options.value("entity-type", "topics|brokers", "Kind of resource (required)");
    // No --entity-default: librdkafka 2.0.2 cannot name the cluster-wide broker
    // default (it refuses a config resource with an empty name).
    options.value("entity-name", "NAME", "Topic name (default: every topic) or broker id");
    options.flag("describe", "Print the configs");
    options.flag("all", "With --describe: every config, not only the dynamic ones");
    options.flag("alter", "Change configs");
    options.repeated("add-config", "K=V,...",
                     "Configs to set; a value with commas goes in [ ], e.g. k=[a,b]");
    options.repeated("delete-config", "K,...", "Configs to remove");
  }

  int run(const ParsedArgs& args) override {
    auto action = args.exactly_one_of({"describe", "alter"});
    args.forbid_together("all", {"alter"});
    args.forbid_together("add-config", {"describe"});
    args.forbid_together("delete-config", {"describe"});
    auto entity = entity_of(args, action == "alter");
    AdminClient admin(args);
    if (action == "describe") return describe(admin, entity, args.has("all"));
    return alter(admin, entity, args);
  }

 private:
  static Entity entity_of(const ParsedArgs& args, bool altering) {
    auto type = args.required("entity-type");
    if (type == "topics") {
      if (altering && !args.has("entity-name")) throw UsageError("--alter requires --entity-name");
      return {RD_KAFKA_RESOURCE_TOPIC, "topic", args.value_or("entity-name", "")};
    }
    if (type == "brokers") {
      auto name = args.value_or("entity-name", "");
      if (name.empty()) throw UsageError("brokers need --entity-name BROKER_ID");
      if (name.find_first_not_of("0123456789") != std::string::npos) {
        throw UsageError("--entity-name for brokers is a broker id, got '" + name + "'");
      }
      return {RD_KAFKA_RESOURCE_BROKER, "broker", name};
    }
    throw UsageError("--entity-type must be topics or brokers, got '" + type + "'");
  }

  static int describe(AdminClient& admin, const Entity& entity, bool all) {
    std::vector<std::string> names;
    if (entity.type == RD_KAFKA_RESOURCE_TOPIC && entity.name.empty()) {
      for (const auto& t : fetch_topics(admin.handle(), AdminClient::kTimeoutMs)) {
        names.push_back(t.name);
      }
      if (names.empty()) return kExitOk;
    } else {
      names.push_back(entity.name);
    }
    auto resources = describe_configs(admin, entity.type, names);
    auto own = dynamic_source_of(entity.type);
    for (const auto& resource : resources) {
      std::cout << (all ? "All" : "Dynamic") << " configs for " << entity.type_word << " "
                << resource.name << " are:\n";
      for (const auto& entry : resource.entries) {
        if (!all && entry.source != own) continue;
        std::string synonyms;
        for (const auto& s : entry.synonyms) {
          synonyms += (synonyms.empty() ? "" : ", ") +
                      std::string(rd_kafka_ConfigSource_name(s.source)) + ":" + s.name + "=" +
                      value_text(s.value);
        }
        std::cout << "  " << entry.name << "=" << value_text(entry.value)
                  << " sensitive=" << (entry.sensitive ? "true" : "false") << " synonyms={"
                  << synonyms << "}\n";
      }
    }
    return kExitOk;
  }

  static int alter(AdminClient& admin, const Entity& entity, const ParsedArgs& args) {
    std::vector<Property> additions;
    for (const auto& text : args.values("add-config")) {
      auto parsed = parse_config_list(text);
      additions.insert(additions.end(), parsed.begin(), parsed.end());
    }
    auto deletions = parse_name_list(args.values("delete-config"));
    if (additions.empty() && deletions.empty()) {
      throw UsageError("--alter needs --add-config or --delete-config");
    }

    auto merged = current_dynamic_configs(admin, entity);
    std::vector<std::string> not_set;
    for (const auto& key : deletions) {
      if (merged.erase(key) == 0) not_set.push_back(key);
    }
    if (!not_set.empty()) {
      std::string list;
      for (const auto& k : not_set) list += (list.empty() ? "" : ",") + k;
      throw CommandError("Invalid config(s): " + list + " (not set on this " + entity.type_word +
                         ")");
    }
    for (const auto& p : additions) merged[p.key] = p.value;
    for (const auto& [key, value] : merged) {
      // A sensitive value is described as null; writing the set back would erase it.
      if (!value) {
        throw CommandError("cannot keep sensitive config " + key +
                           " while altering with AlterConfigs; give it again with --add-config");
      }
    }

    auto resource = new_config_resource(entity.type, entity.name);
    for (const auto& [key, value] : merged) {
      if (auto err = rd_kafka_ConfigResource_set_config(resource.get(), key.c_str(), value->c_str())) {
        throw UsageError("config " + key + ": " + rd_kafka_err2str(err));
      }
    }
    rd_kafka_ConfigResource_t* resources[] = {resource.get()};
    auto event = admin.run(RD_KAFKA_ADMIN_OP_ALTERCONFIGS, "alter configs",
                           [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* options,
                               rd_kafka_queue_t* queue) {
                             rd_kafka_AlterConfigs(rk, resources, 1, options, queue);
                           });
    size_t count = 0;
    auto results = rd_kafka_AlterConfigs_result_resources(
        rd_kafka_event_AlterConfigs_result(event.get()), &count);
    for (size_t i = 0; i < count; ++i) {
      if (auto err = rd_kafka_ConfigResource_error(results[i])) {
        const char* message = rd_kafka_ConfigResource_error_string(results[i]);
        throw CommandError("alter configs: " +
                           std::string(message && *message ? message : rd_kafka_err2str(err)));
      }
    }
    std::cout << "Completed updating config for " << entity.type_word << " " << entity.name
              << ".\n";
    return kExitOk;
  }

  // The configs set on the resource itself (not inherited), by name.
  static std::map<std::string, std::optional<std::string>> current_dynamic_configs(
      AdminClient& admin, const Entity& entity) {
    auto described = describe_configs(admin, entity.type, {entity.name});
    auto own = dynamic_source_of(entity.type);
    std::map<std::string, std::optional<std::string>> out;
    for (const auto& entry : described.front().entries) {
      if (entry.source == own) out[entry.name] = entry.value;
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Command> make_configs_command() { return std::make_unique<ConfigsCommand>(); }

}  // namespace skiff::cli
