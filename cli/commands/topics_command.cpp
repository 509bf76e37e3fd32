// `skiff topics`: create, list, describe, alter (add partitions) and delete topics,
// in the vocabulary and output format of Kafka's kafka-topics.sh.
#include <iostream>
#include <string>

#include "commands/commands.h"
#include "common/admin_client.h"
#include "common/cluster_metadata.h"
#include "common/config_description.h"
#include "common/client_config.h"
#include "common/errors.h"
#include "common/properties.h"

namespace skiff::cli {

namespace {

// librdkafka 2.0.2's metadata does not carry topic ids, so --describe prints Kafka's
// "unknown" id (Uuid.ZERO_UUID) rather than inventing one.
constexpr std::string_view kUnknownTopicId = "AAAAAAAAAAAAAAAAAAAAAA";

std::string join_ids(const std::vector<int32_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

class TopicsCommand : public Command {
 public:
  std::string_view name() const override { return "topics"; }
  std::string_view summary() const override {
    return "Create, list, describe, alter and delete topics";
  }
  std::string_view synopsis() const override {
    return "--bootstrap-server HOST:PORT (--create | --list | --describe | --alter | --delete) "
           "[options]";
  }

  void declare_options(OptionTable& options) const override {
    declare_connection_options(options);
    options.flag("create", "Create a topic");
    options.flag("list", "List all topics");
    options.flag("describe", "Describe one topic (--topic) or all topics");
    options.flag("alter", "Increase the partition count of a topic");
    options.flag("delete", "Delete a topic");
    options.value("topic", "NAME", "The topic to act on");
    options.value("partitions", "N", "Partition count (default: the broker's num.partitions)");
    options.value("replication-factor", "R",
                  "Replication factor (default: the broker's default.replication.factor)");
    options.repeated("config", "KEY=VALUE", "A topic config override for --create");
    options.flag("if-not-exists", "With --create: succeed if the topic already exists");
    options.flag("if-exists", "With --alter, --delete or --describe: succeed if the topic does not exist");
  }

  int run(const ParsedArgs& args) override {
    auto action = args.exactly_one_of({"create", "list", "describe", "alter", "delete"});
    check_option_use(args, action);
    AdminClient admin(args);
    if (action == "create") return create(admin, args);
    if (action == "list") return list(admin);
    if (action == "describe") return describe(admin, args);
    if (action == "alter") return alter(admin, args);
    return remove(admin, args);
  }

 private:
  static void check_option_use(const ParsedArgs& args, const std::string& action) {
    if ((action == "create" || action == "alter" || action == "delete") && !args.has("topic")) {
      throw UsageError("--" + action + " requires --topic");
    }
    if (action == "alter" && !args.has("partitions")) {
      throw UsageError("--alter requires --partitions");
    }
    auto only_for = [&](std::string_view option, std::initializer_list<std::string_view> actions) {
      if (!args.has(option)) return;
      for (auto a : actions) {
        if (a == action) return;
      }
      throw UsageError("--" + std::string(option) + " cannot be used with --" + action);
    };
    only_for("partitions", {"create", "alter"});
    only_for("replication-factor", {"create"});
    only_for("config", {"create"});
    only_for("if-not-exists", {"create"});
    only_for("if-exists", {"alter", "delete", "describe"});
    only_for("topic", {"create", "describe", "alter", "delete"});
  }

  static int create(AdminClient& admin, const ParsedArgs& args) {
    auto topic = args.required("topic");
    // -1 asks the broker for its default, as kafka-topics.sh does when omitted.
    auto partitions = static_cast<int>(args.integer("partitions", -1, 1, INT32_MAX));
    auto replication = static_cast<int>(args.integer("replication-factor", -1, 1, INT16_MAX));
    char error[512];
    NewTopicPtr new_topic(rd_kafka_NewTopic_new(topic.c_str(), partitions, replication, error,
                                                sizeof error));
    if (!new_topic) throw UsageError(error);
    for (const auto& p : parse_properties(args.values("config"), "--config")) {
      if (auto err = rd_kafka_NewTopic_set_config(new_topic.get(), p.key.c_str(), p.value.c_str())) {
        throw UsageError("--config " + p.key + ": " + rd_kafka_err2str(err));
      }
    }
    rd_kafka_NewTopic_t* topics[] = {new_topic.get()};
    auto event = admin.run(RD_KAFKA_ADMIN_OP_CREATETOPICS, "create topic",
                           [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* options,
                               rd_kafka_queue_t* queue) {
                             rd_kafka_CreateTopics(rk, topics, 1, options, queue);
                           });
    size_t count = 0;
    auto results = rd_kafka_CreateTopics_result_topics(
        rd_kafka_event_CreateTopics_result(event.get()), &count);
    bool exists = count == 1 && rd_kafka_topic_result_error(results[0]) ==
                                    RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS;
    check_topic_results(results, count, "create topic",
                        args.has("if-not-exists") ? RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS
                                                  : RD_KAFKA_RESP_ERR_NO_ERROR);
    if (!exists) std::cout << "Created topic " << topic << ".\n";
    return kExitOk;
  }

  static int list(AdminClient& admin) {
    for (const auto& topic : fetch_topics(admin.handle(), AdminClient::kTimeoutMs)) {
      std::cout << topic.name << "\n";
    }
    return kExitOk;
  }

  static int describe(AdminClient& admin, const ParsedArgs& args) {
    auto all = fetch_topics(admin.handle(), AdminClient::kTimeoutMs);
    std::vector<const TopicMetadata*> chosen;
    if (auto name = args.value("topic")) {
      try {
        chosen.push_back(&require_topic(all, *name));
      } catch (const CommandError&) {
        if (args.has("if-exists")) return kExitOk;
        throw;
      }
    } else {
      for (const auto& t : all) chosen.push_back(&t);
    }
    if (chosen.empty()) return kExitOk;

    std::vector<std::string> names;
    for (const auto* t : chosen) names.push_back(t->name);
    auto configs = describe_configs(admin, RD_KAFKA_RESOURCE_TOPIC, names);
    for (size_t i = 0; i < chosen.size(); ++i) print_topic(*chosen[i], configs[i]);
    return kExitOk;
  }

  static void print_topic(const TopicMetadata& topic, const ResourceConfig& config) {
    std::string overrides;
    for (const auto& entry : config.entries) {
      if (entry.source != RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG) continue;
      overrides += (overrides.empty() ? "" : ",") + entry.name + "=" +
                   (entry.sensitive || !entry.value ? "null" : *entry.value);
    }
    size_t replication = topic.partitions.empty() ? 0 : topic.partitions.front().replicas.size();
    std::cout << "Topic: " << topic.name << "\tTopicId: " << kUnknownTopicId
              << "\tPartitionCount: " << topic.partitions.size()
              << "\tReplicationFactor: " << replication << "\tConfigs: " << overrides << "\n";
    for (const auto& p : topic.partitions) {
      std::cout << "\tTopic: " << topic.name << "\tPartition: " << p.id
                << "\tLeader: " << (p.leader < 0 ? "none" : std::to_string(p.leader))
                << "\tReplicas: " << join_ids(p.replicas) << "\tIsr: " << join_ids(p.isr) << "\n";
    }
  }

  static int alter(AdminClient& admin, const ParsedArgs& args) {
    auto topic = args.required("topic");
    auto partitions = static_cast<size_t>(args.integer("partitions", 0, 1, INT32_MAX));
    char error[512];
    NewPartitionsPtr request(rd_kafka_NewPartitions_new(topic.c_str(), partitions, error,
                                                        sizeof error));
    if (!request) throw UsageError(error);
    rd_kafka_NewPartitions_t* requests[] = {request.get()};
    auto event = admin.run(RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, "alter topic",
                           [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* options,
                               rd_kafka_queue_t* queue) {
                             rd_kafka_CreatePartitions(rk, requests, 1, options, queue);
                           });
    size_t count = 0;
    auto results = rd_kafka_CreatePartitions_result_topics(
        rd_kafka_event_CreatePartitions_result(event.get()), &count);
    check_topic_results(results, count, "alter topic", tolerated_if_missing(args));
    return kExitOk;
  }

  static int remove(AdminClient& admin, const ParsedArgs& args) {
    auto topic = args.required("topic");
    DeleteTopicPtr request(rd_kafka_DeleteTopic_new(topic.c_str()));
    rd_kafka_DeleteTopic_t* requests[] = {request.get()};
    auto event = admin.run(RD_KAFKA_ADMIN_OP_DELETETOPICS, "delete topic",
                           [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* options,
                               rd_kafka_queue_t* queue) {
                             rd_kafka_DeleteTopics(rk, requests, 1, options, queue);
                           });
    size_t count = 0;
    auto results = rd_kafka_DeleteTopics_result_topics(
        rd_kafka_event_DeleteTopics_result(event.get()), &count);
    check_topic_results(results, count, "delete topic", tolerated_if_missing(args));
    return kExitOk;
  }

  static rd_kafka_resp_err_t tolerated_if_missing(const ParsedArgs& args) {
    return args.has("if-exists") ? RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART
                                 : RD_KAFKA_RESP_ERR_NO_ERROR;
  }
};

}  // namespace

std::unique_ptr<Command> make_topics_command() { return std::make_unique<TopicsCommand>(); }

}  // namespace skiff::cli
