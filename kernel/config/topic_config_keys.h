// Kafka's topic-level configs (retention.ms, segment.bytes, cleanup.policy, ...):
// their types, ranges and Kafka defaults, and the broker keys that provide a
// topic's default (retention.ms <- log.retention.ms, else .minutes, else .hours).
//
// Broker keys like log.segment.bytes are declared by the storage plugin, not here:
// this table only names them. If no plugin declared one, Kafka's default applies.
//
// Used by CreateTopics/AlterConfigs (validate_topic_config) and DescribeConfigs and
// the storage engine (build_topic_config: effective values with their source).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/config/config_snapshot.h"
#include "skiff/sdk/config.h"

namespace skiff::kernel {

// Numbered as DescribeConfigs' ConfigSource on the wire.
enum class TopicConfigSource : int8_t {
  kTopicConfig = 1,
  kDynamicBrokerConfig = 2,
  kStaticBrokerConfig = 4,
  kDefaultConfig = 5,
};

// A broker key providing a topic config's default: topic value = value * multiplier
// (e.g. log.retention.hours * 3600000); negative results mean "unlimited", -1.
struct BrokerSynonym {
  std::string_view key;
  int64_t multiplier = 1;
};

struct TopicConfigDef {
  sdk::ConfigKey key;                  // topic-level name, type, Kafka default, range, doc
  std::vector<BrokerSynonym> synonyms;  // in precedence order
};

// All topic configs, sorted by name.
const std::vector<TopicConfigDef>& topic_config_defs();
const TopicConfigDef* find_topic_config(std::string_view name);

// Checks one topic config override. Empty if valid, else Kafka's message, e.g.
//   "Unknown topic config name: retention.m"
//   "Invalid value abc for configuration retention.ms: Not a number of type LONG"
std::string validate_topic_config(std::string_view name, std::string_view value);

// One place a topic config's value may come from (DescribeConfigs synonyms).
struct TopicConfigSynonym {
  std::string name;  // the topic key for kTopicConfig, else the broker key
  std::string value;
  TopicConfigSource source;
};

struct TopicConfigEntry {
  std::string value;  // effective, in the topic key's unit
  TopicConfigSource source = TopicConfigSource::kDefaultConfig;
  // Where the value may come from, highest precedence first; the first one is in
  // effect. Empty when Kafka's built-in default applies.
  std::vector<TopicConfigSynonym> synonyms;
};

// A topic's effective configuration: every topic config, from the topic's own
// overrides, else the broker's keys, else Kafka's default.
class TopicConfig final : public sdk::ConfigView {
 public:
  using Entries = std::map<std::string, TopicConfigEntry, std::less<>>;
  explicit TopicConfig(Entries entries) : entries_(std::move(entries)) {}

  std::optional<std::string> raw(std::string_view key) const override;
  const TopicConfigEntry* entry(std::string_view key) const;
  const Entries& entries() const { return entries_; }

 private:
  Entries entries_;
};

using TopicOverrides = std::map<std::string, std::string, std::less<>>;

// Overrides are expected to be valid (validate_topic_config); unknown names are ignored.
TopicConfig build_topic_config(const TopicOverrides& overrides, const ConfigSnapshot& broker);

}  // namespace skiff::kernel
