// `skiff consume`: prints a topic's records to stdout, like Kafka's
// kafka-console-consumer.sh. Without --group it reads partitions directly (no group
// coordination, nothing committed); with --group it joins that consumer group.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "commands/commands.h"
#include "common/client_config.h"
#include "common/cluster_metadata.h"
#include "common/errors.h"
#include "common/properties.h"
#include "consume/group_reader.h"
#include "consume/partition_reader.h"
#include "consume/record_formatter.h"
#include "consume/stop_signal.h"

namespace skiff::cli {

namespace {

using Clock = std::chrono::steady_clock;

// Upper bound of one wait, so a stop signal or the deadline is noticed promptly.
constexpr int kPollSliceMs = 200;
constexpr int kMetadataTimeoutMs = 30000;

int64_t start_offset(const ParsedArgs& args) {
  if (args.has("from-beginning")) return RD_KAFKA_OFFSET_BEGINNING;
  auto offset = args.value_or("offset", "latest");
  if (offset == "earliest") return RD_KAFKA_OFFSET_BEGINNING;
  if (offset == "latest") return RD_KAFKA_OFFSET_END;
  return args.integer("offset", 0, 0, INT64_MAX);
}

// Errors after which waiting longer cannot help.
bool is_fatal(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR__FATAL:
      return true;
    default:
      return false;
  }
}

class ConsumeCommand : public Command {
 public:
  std::string_view name() const override { return "consume"; }
  std::string_view summary() const override { return "Print a topic's records to stdout"; }
  std::string_view synopsis() const override {
    return "--bootstrap-server HOST:PORT --topic NAME [options]";
  }

  void declare_options(OptionTable& options) const override {
    declare_connection_options(options);
    options.value("topic", "NAME", "Topic to read (required)");
    options.flag("from-beginning", "Start at the earliest offset rather than the end");
    options.value("partition", "N", "Read only this partition (default: all)");
    options.value("offset", "earliest|latest|N", "Where to start reading (default: latest)");
    options.value("max-messages", "N", "Exit after printing this many records");
    options.value("timeout-ms", "MS", "Exit when no record arrives for this long");
    options.value("group", "GROUP", "Consume as a member of this consumer group");
    options.repeated("property", "KEY=VALUE",
                     "Output format: print.key, print.value, print.timestamp, print.partition, "
                     "print.offset, print.headers, key.separator, line.separator, "
                     "headers.separator, headers.key.separator, null.literal");
    options.repeated("consumer-property", "KEY=VALUE", "A librdkafka consumer setting");
  }

  int run(const ParsedArgs& args) override {
    auto topic = args.required("topic");
    args.forbid_together("from-beginning", {"offset"});
    args.forbid_together("group", {"partition", "offset"});
    auto max_messages = args.integer("max-messages", -1, 1, INT64_MAX);
    auto timeout_ms = args.integer("timeout-ms", -1, 0, INT32_MAX);
    RecordFormatter formatter(parse_properties(args.values("property"), "--property"));
    auto source = open_source(args, topic);

    install_stop_signal_handlers();
    int64_t printed = 0;
    auto last_record = Clock::now();
    while (!stop_requested() && (max_messages < 0 || printed < max_messages)) {
      int wait = kPollSliceMs;
      if (timeout_ms >= 0) {
        auto idle = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - last_record);
        if (idle.count() >= timeout_ms) break;
        wait = static_cast<int>(std::min<int64_t>(wait, timeout_ms - idle.count()));
      }
      auto message = source->next(wait);
      if (!message) {
        std::fflush(stdout);  // idle: show what was printed so far
        continue;
      }
      if (message->err) {
        handle_error(message.get());
        continue;
      }
      formatter.write(message.get(), stdout);
      ++printed;
      last_record = Clock::now();
    }
    std::fflush(stdout);
    std::cerr << "Processed a total of " << printed << " messages\n";
    return kExitOk;
  }

 private:
  static std::unique_ptr<MessageSource> open_source(const ParsedArgs& args,
                                                    const std::string& topic) {
    auto overrides = parse_properties(args.values("consumer-property"), "--consumer-property");
    if (auto group = args.value("group")) {
      std::vector<Property> defaults{
          {"group.id", *group, "--group"},
          {"auto.offset.reset", args.has("from-beginning") ? "earliest" : "latest",
           "--from-beginning"}};
      auto consumer = make_client(RD_KAFKA_CONSUMER, make_client_conf(args, defaults, overrides));
      return std::make_unique<GroupReader>(std::move(consumer), topic);
    }
    // No group: nothing may be committed, and reading must not create the topic.
    std::vector<Property> defaults{{"enable.auto.commit", "false", "default"},
                                   {"enable.auto.offset.store", "false", "default"},
                                   {"allow.auto.create.topics", "false", "default"}};
    auto consumer = make_client(RD_KAFKA_CONSUMER, make_client_conf(args, defaults, overrides));
    const auto topics = fetch_topics(consumer.get(), kMetadataTimeoutMs);
    const auto& metadata = require_topic(topics, topic);
    std::vector<int32_t> partitions;
    if (args.has("partition")) {
      auto partition = static_cast<int32_t>(args.integer("partition", 0, 0, INT32_MAX));
      if (static_cast<size_t>(partition) >= metadata.partitions.size()) {
        throw CommandError("topic '" + topic + "' has no partition " + std::to_string(partition) +
                           " (it has " + std::to_string(metadata.partitions.size()) + ")");
      }
      partitions.push_back(partition);
    } else {
      for (const auto& p : metadata.partitions) partitions.push_back(p.id);
    }
    return std::make_unique<PartitionReader>(std::move(consumer), topic, std::move(partitions),
                                             start_offset(args));
  }

  static void handle_error(const rd_kafka_message_t* message) {
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return;
    std::string text = rd_kafka_message_errstr(message);
    if (is_fatal(message->err)) throw CommandError(text);
    std::cerr << "skiff consume: warning: " << text << "\n";
  }
};

}  // namespace

std::unique_ptr<Command> make_consume_command() { return std::make_unique<ConsumeCommand>(); }

}  // namespace skiff::cli
