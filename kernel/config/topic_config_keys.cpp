#include "kernel/config/topic_config_keys.h"

#include <algorithm>
#include <charconv>

#include "skiff/sdk/config_key_builder.h"
#include "kernel/config/config_value_check.h"

namespace skiff::kernel {

namespace {

using sdk::ConfigType;
using K = sdk::ConfigKeyBuilder;

constexpr const char* kLongMax = "9223372036854775807";
constexpr int64_t kMinute = 60 * 1000;
constexpr int64_t kHour = 60 * kMinute;

TopicConfigDef def(sdk::ConfigKeyBuilder key, std::vector<BrokerSynonym> synonyms) {
  // Every topic config can be altered per topic without a restart.
  return {key.dynamic(), std::move(synonyms)};
}

std::vector<TopicConfigDef> make_defs() {
  std::vector<TopicConfigDef> defs = {
      def(K("cleanup.policy", ConfigType::kList, "delete",
            "delete: remove old segments by retention; compact: keep the latest record per key.")
              .one_of({"compact", "delete"}),
          {{"log.cleanup.policy"}}),
      def(K("compression.type", ConfigType::kString, "producer",
            "Compression of stored batches; 'producer' keeps the producer's codec.")
              .one_of({"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"}),
          {{"compression.type"}}),
      def(K("delete.retention.ms", ConfigType::kLong, "86400000",
            "How long delete tombstones are kept in compacted topics.")
              .at_least(0),
          {{"log.cleaner.delete.retention.ms"}}),
      def(K("file.delete.delay.ms", ConfigType::kLong, "60000",
            "Delay before a deleted segment's files are removed from disk.")
              .at_least(0),
          {{"log.segment.delete.delay.ms"}}),
      def(K("flush.messages", ConfigType::kLong, kLongMax,
            "fsync the log after this many messages.")
              .at_least(1),
          {{"log.flush.interval.messages"}}),
      def(K("flush.ms", ConfigType::kLong, kLongMax, "fsync the log after this many milliseconds.")
              .at_least(0),
          {{"log.flush.interval.ms"}}),
      def(K("index.interval.bytes", ConfigType::kInt, "4096",
            "Bytes between offset index entries.")
              .at_least(0),
          {{"log.index.interval.bytes"}}),
      def(K("max.compaction.lag.ms", ConfigType::kLong, kLongMax,
            "Longest time a record stays uncompacted.")
              .at_least(1),
          {{"log.cleaner.max.compaction.lag.ms"}}),
      def(K("max.message.bytes", ConfigType::kInt, "1048588",
            "The largest record batch the topic accepts.")
              .at_least(0),
          {{"message.max.bytes"}}),
      def(K("message.timestamp.after.max.ms", ConfigType::kLong, kLongMax,
            "How far a CreateTime timestamp may be ahead of the broker's clock.")
              .at_least(0),
          {{"log.message.timestamp.after.max.ms"}}),
      def(K("message.timestamp.before.max.ms", ConfigType::kLong, kLongMax,
            "How far a CreateTime timestamp may be behind the broker's clock.")
              .at_least(0),
          {{"log.message.timestamp.before.max.ms"}}),
      def(K("message.timestamp.difference.max.ms", ConfigType::kLong, kLongMax,
            "Deprecated: largest difference between a CreateTime timestamp and the broker's clock.")
              .at_least(0),
          {{"log.message.timestamp.difference.max.ms"}}),
      def(K("message.timestamp.type", ConfigType::kString, "CreateTime",
            "Whether record timestamps are the producer's or the append time.")
              .one_of({"CreateTime", "LogAppendTime"}),
          {{"log.message.timestamp.type"}}),
      def(K("min.cleanable.dirty.ratio", ConfigType::kDouble, "0.5",
            "Fraction of uncompacted log that triggers compaction.")
              .between(0, 1),
          {{"log.cleaner.min.cleanable.ratio"}}),
      def(K("min.compaction.lag.ms", ConfigType::kLong, "0",
            "Shortest time a record stays uncompacted.")
              .at_least(0),
          {{"log.cleaner.min.compaction.lag.ms"}}),
      def(K("min.insync.replicas", ConfigType::kInt, "1",
            "Replicas that must acknowledge a write with acks=all.")
              .at_least(1),
          {{"min.insync.replicas"}}),
      def(K("preallocate", ConfigType::kBoolean, "false",
            "Make every appending partition's next segment ahead, with the disk blocks of a whole "
            "segment.bytes allocated (without it, only for partitions appending 40 MiB/s or more)."),
          {{"log.preallocate"}}),
      def(K("retention.bytes", ConfigType::kLong, "-1",
            "Largest size of a partition before old segments are deleted; -1: no limit."),
          {{"log.retention.bytes"}}),
      def(K("retention.ms", ConfigType::kLong, "604800000",
            "Longest time a segment is kept before deletion; -1: no limit.")
              .at_least(-1),
          {{"log.retention.ms"}, {"log.retention.minutes", kMinute}, {"log.retention.hours", kHour}}),
      def(K("segment.bytes", ConfigType::kInt, "1073741824", "Size at which a segment is rolled.")
              .at_least(14),
          {{"log.segment.bytes"}}),
      def(K("segment.index.bytes", ConfigType::kInt, "10485760",
            "Size of a segment's offset and time indexes.")
              .at_least(4),
          {{"log.index.size.max.bytes"}}),
      def(K("segment.jitter.ms", ConfigType::kLong, "0",
            "Random jitter subtracted from segment.ms, so segments do not all roll at once.")
              .at_least(0),
          {{"log.roll.jitter.ms"}, {"log.roll.jitter.hours", kHour}}),
      def(K("segment.ms", ConfigType::kLong, "604800000",
            "Time after which a segment is rolled even if not full.")
              .at_least(1),
          {{"log.roll.ms"}, {"log.roll.hours", kHour}}),
      def(K("unclean.leader.election.enable", ConfigType::kBoolean, "false",
            "Allow a replica outside the ISR to become leader (may lose data)."),
          {{"unclean.leader.election.enable"}}),
  };
  std::sort(defs.begin(), defs.end(),
            [](const auto& a, const auto& b) { return a.key.name < b.key.name; });
  return defs;
}

std::string_view kafka_type_name(sdk::ConfigType type) {
  switch (type) {
    case ConfigType::kInt: return "INT";
    case ConfigType::kLong: return "LONG";
    case ConfigType::kDouble: return "DOUBLE";
    default: return "STRING";
  }
}

// Kafka's ConfigException wording for a value fault.
std::string kafka_reason(const sdk::ConfigKey& key, const CheckedValue& checked) {
  switch (checked.fault) {
    case ValueFault::kNone: return {};
    case ValueFault::kNotInteger:
    case ValueFault::kNotNumber: return "Not a number of type " + std::string(kafka_type_name(key.type));
    case ValueFault::kNotBoolean: return "Expected value to be either true or false";
    case ValueFault::kBelowMin: return "Value must be at least " + format_bound(*key.min);
    case ValueFault::kAboveMax: return "Value must be no more than " + format_bound(*key.max);
    case ValueFault::kNotAllowed: return "String must be one of: " + join_valid_values(key);
  }
  return {};
}

// The topic-unit value of a broker synonym (hours -> ms); non-numbers pass through.
std::string scaled(const std::string& value, int64_t multiplier) {
  if (multiplier == 1) return value;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size()) return value;
  if (n < 0) return "-1";
  int64_t product = 0;
  if (__builtin_mul_overflow(n, multiplier, &product)) return kLongMax;
  return std::to_string(product);
}

TopicConfigSource broker_source(const ConfigSnapshot::Entry& entry) {
  switch (entry.source.kind) {
    case ConfigSource::Kind::kDynamic: return TopicConfigSource::kDynamicBrokerConfig;
    case ConfigSource::Kind::kDefault: return TopicConfigSource::kDefaultConfig;
    default: return TopicConfigSource::kStaticBrokerConfig;
  }
}

TopicConfigEntry resolve(const TopicConfigDef& def, const TopicOverrides& overrides,
                         const ConfigSnapshot& broker) {
  TopicConfigEntry entry;
  std::optional<int64_t> effective_multiplier;
  if (auto it = overrides.find(def.key.name); it != overrides.end()) {
    entry.synonyms.push_back({def.key.name, it->second, TopicConfigSource::kTopicConfig});
    effective_multiplier = 1;
  }
  // Explicit broker values outrank broker defaults regardless of synonym order
  // (log.retention.hours=24 beats log.retention.ms's absence and .hours' default).
  for (bool want_explicit : {true, false}) {
    for (const auto& synonym : def.synonyms) {
      const ConfigSnapshot::Entry* e = broker.entry(synonym.key);
      if (!e || !e->value || e->is_explicit() != want_explicit) continue;
      entry.synonyms.push_back({std::string(synonym.key), *e->value, broker_source(*e)});
      if (!effective_multiplier) effective_multiplier = synonym.multiplier;
    }
  }
  if (entry.synonyms.empty()) {
    entry.value = *def.key.default_value;
    entry.source = TopicConfigSource::kDefaultConfig;
  } else {
    entry.value = scaled(entry.synonyms.front().value, *effective_multiplier);
    entry.source = entry.synonyms.front().source;
  }
  return entry;
}

}  // namespace

const std::vector<TopicConfigDef>& topic_config_defs() {
  static const std::vector<TopicConfigDef> defs = make_defs();
  return defs;
}

const TopicConfigDef* find_topic_config(std::string_view name) {
  const auto& defs = topic_config_defs();
  auto it = std::lower_bound(defs.begin(), defs.end(), name,
                             [](const TopicConfigDef& d, std::string_view n) { return d.key.name < n; });
  return it != defs.end() && it->key.name == name ? &*it : nullptr;
}

std::string validate_topic_config(std::string_view name, std::string_view value) {
  const TopicConfigDef* def = find_topic_config(name);
  if (!def) return "Unknown topic config name: " + std::string(name);
  auto checked = check_config_value(def->key, value);
  if (checked.ok()) return {};
  std::string shown = def->key.type == ConfigType::kList ? "[" + checked.value + "]" : checked.value;
  return "Invalid value " + shown + " for configuration " + std::string(name) + ": " +
         kafka_reason(def->key, checked);
}

std::optional<std::string> TopicConfig::raw(std::string_view key) const {
  const TopicConfigEntry* e = entry(key);
  return e ? std::optional<std::string>(e->value) : std::nullopt;
}

const TopicConfigEntry* TopicConfig::entry(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

TopicConfig build_topic_config(const TopicOverrides& overrides, const ConfigSnapshot& broker) {
  TopicConfig::Entries entries;
  for (const auto& def : topic_config_defs()) {
    entries.emplace(def.key.name, resolve(def, overrides, broker));
  }
  return TopicConfig(std::move(entries));
}

}  // namespace skiff::kernel
