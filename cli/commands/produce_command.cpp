// `skiff produce`: reads lines from stdin and writes each as a record, like Kafka's
// kafka-console-producer.sh. Exits 1 if any record was not delivered.
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

#include "commands/commands.h"
#include "common/client_config.h"
#include "common/cluster_metadata.h"
#include "common/errors.h"
#include "common/properties.h"
#include "produce/delivery_tracker.h"
#include "produce/line_record_parser.h"
#include "produce/partitioner_choice.h"

namespace skiff::cli {

namespace {

// How long a record may wait for delivery before it counts as failed. Shorter than
// librdkafka's 300 s so a CLI against a dead broker fails in reasonable time; the
// user can raise it with --producer-property message.timeout.ms=...
constexpr const char* kMessageTimeoutMs = "30000";
constexpr int kMetadataTimeoutMs = 30000;

std::string acks_value(const std::string& acks) {
  if (acks == "all" || acks == "-1") return "-1";
  if (acks == "0" || acks == "1") return acks;
  throw UsageError("--acks must be 0, 1 or all, got '" + acks + "'");
}

std::string compression_value(const std::string& type) {
  for (const char* known : {"none", "gzip", "snappy", "lz4", "zstd"}) {
    if (type == known) return type;
  }
  throw UsageError("--compression-type must be none, gzip, snappy, lz4 or zstd, got '" + type + "'");
}

// librdkafka's headers for a record; null if it has none.
rd_kafka_headers_t* make_headers(const LineRecord& record) {
  if (record.headers.empty()) return nullptr;
  rd_kafka_headers_t* headers = rd_kafka_headers_new(record.headers.size());
  for (const auto& [key, value] : record.headers) {
    rd_kafka_header_add(headers, key.data(), static_cast<ssize_t>(key.size()),
                        value ? value->data() : nullptr, value ? value->size() : 0);
  }
  return headers;
}

class ProduceCommand : public Command {
 public:
  std::string_view name() const override { return "produce"; }
  std::string_view summary() const override {
    return "Write lines from stdin as records to a topic";
  }
  std::string_view synopsis() const override {
    return "--bootstrap-server HOST:PORT --topic NAME [options] < lines";
  }

  void declare_options(OptionTable& options) const override {
    declare_connection_options(options);
    options.value("topic", "NAME", "Topic to write to (required)");
    options.repeated("property", "KEY=VALUE",
                     "Line format: parse.key, key.separator, parse.headers, headers.delimiter, "
                     "headers.separator, headers.key.separator, null.marker, ignore.error");
    options.value("compression-type", "TYPE", "none, gzip, snappy, lz4 or zstd (default: none)");
    options.value("acks", "ACKS", "0, 1 or all (default: all)");
    options.value("partition", "N", "Write every record to this partition");
    PartitionerChoice::declare_options(options);
    options.repeated("producer-property", "KEY=VALUE", "A librdkafka producer setting");
  }

  int run(const ParsedArgs& args) override {
    auto topic = args.required("topic");
    args.forbid_together("partition", {"partitioner", "partitioner-property", "plugin-path"});
    int32_t partition = static_cast<int32_t>(
        args.integer("partition", RD_KAFKA_PARTITION_UA, 0, INT32_MAX));
    LineRecordParser parser(parse_properties(args.values("property"), "--property"));

    std::vector<Property> overrides{
        {"acks", acks_value(args.value_or("acks", "all")), "--acks"},
        {"compression.codec", compression_value(args.value_or("compression-type", "none")),
         "--compression-type"}};
    for (auto& p : parse_properties(args.values("producer-property"), "--producer-property")) {
      overrides.push_back(std::move(p));
    }
    auto conf = make_client_conf(args, {{"message.timeout.ms", kMessageTimeoutMs, "default"}},
                                 overrides);

    // Declared before the producer: both must outlive it.
    DeliveryTracker tracker;
    tracker.install(conf.get());
    PartitionerChoice partitioner(args);

    auto producer = make_client(RD_KAFKA_PRODUCER, std::move(conf));
    // A copy of the default topic config keeps topic-level settings given with the
    // client's (message.timeout.ms, --producer-property ...).
    TopicConfPtr topic_conf(rd_kafka_default_topic_conf_dup(producer.get()));
    partitioner.apply(topic_conf.get());
    TopicPtr handle(rd_kafka_topic_new(producer.get(), topic.c_str(), topic_conf.release()));
    if (!handle) {
      throw CommandError("topic " + topic + ": " + rd_kafka_err2str(rd_kafka_last_error()));
    }

    size_t line_number = 0;
    std::string line;
    std::ios::sync_with_stdio(false);
    std::optional<int32_t> partition_count;  // looked up once, only if needed
    while (std::getline(std::cin, line)) {
      ++line_number;
      auto record = parser.parse(line, line_number);
      int32_t target = partition;
      if (target == RD_KAFKA_PARTITION_UA && !record.key && partitioner.places_keyless_records()) {
        if (!partition_count) {
          const auto topics = fetch_topics(producer.get(), kMetadataTimeoutMs);
          partition_count = static_cast<int32_t>(require_topic(topics, topic).partitions.size());
        }
        target = partitioner.partition_for_keyless(topic, *partition_count);
        if (target == RD_KAFKA_PARTITION_UA) {
          tracker.rejected(line_number, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION);
          continue;
        }
      }
      produce_one(producer.get(), handle.get(), target, record, line_number, tracker);
    }
    // Every record ends in a delivery report by message.timeout.ms, so this returns.
    while (rd_kafka_outq_len(producer.get()) > 0) rd_kafka_flush(producer.get(), 1000);

    if (tracker.failed() > 0) {
      std::cerr << "skiff produce: " << tracker.failed() << " of " << line_number
                << " records were not delivered\n";
      return kExitFailure;
    }
    return kExitOk;
  }

 private:
  static void produce_one(rd_kafka_t* producer, rd_kafka_topic_t* topic, int32_t partition,
                          const LineRecord& record, size_t line_number, DeliveryTracker& tracker) {
    rd_kafka_headers_t* headers = make_headers(record);
    // librdkafka's argument macros don't parenthesize, so pass plain variables.
    const void* key = record.key ? record.key->data() : nullptr;
    size_t key_size = record.key ? record.key->size() : 0;
    void* value = record.value ? const_cast<char*>(record.value->data()) : nullptr;
    size_t value_size = record.value ? record.value->size() : 0;
    void* opaque = reinterpret_cast<void*>(static_cast<uintptr_t>(line_number));
    for (;;) {
      auto err = rd_kafka_producev(
          producer, RD_KAFKA_V_RKT(topic), RD_KAFKA_V_PARTITION(partition),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key, key_size),
          RD_KAFKA_V_VALUE(value, value_size), RD_KAFKA_V_HEADERS(headers),
          RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        rd_kafka_poll(producer, 100);  // let deliveries drain the queue, then retry
        continue;
      }
      if (err) {
        if (headers) rd_kafka_headers_destroy(headers);  // ours again when produce fails
        tracker.rejected(line_number, err);
      }
      break;
    }
    rd_kafka_poll(producer, 0);
  }
};

}  // namespace

std::unique_ptr<Command> make_produce_command() { return std::make_unique<ProduceCommand>(); }

}  // namespace skiff::cli
