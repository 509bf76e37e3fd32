#include "log_config.h"

#include <algorithm>
#include <string>

namespace skiff::storage {

std::optional<int64_t> config_long(const sdk::ConfigView& view, std::string_view key) {
  auto raw = view.raw(key);
  if (!raw || raw->empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    int64_t value = std::stoll(*raw, &used);
    if (used != raw->size()) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

namespace {
int64_t long_or(const sdk::ConfigView& view, std::string_view key, int64_t fallback) {
  return config_long(view, key).value_or(fallback);
}
}  // namespace

LogConfig LogConfig::from(const sdk::ConfigView& topic, const LogConfig& defaults) {
  LogConfig c = defaults;
  c.segment_bytes = std::max<int64_t>(long_or(topic, "segment.bytes", c.segment_bytes), 1);
  c.segment_ms = std::max<int64_t>(long_or(topic, "segment.ms", c.segment_ms), 1);
  c.segment_jitter_ms =
      std::max<int64_t>(long_or(topic, "segment.jitter.ms", c.segment_jitter_ms), 0);
  c.retention_ms = long_or(topic, "retention.ms", c.retention_ms);
  c.retention_bytes = long_or(topic, "retention.bytes", c.retention_bytes);
  c.flush_messages = std::max<int64_t>(long_or(topic, "flush.messages", c.flush_messages), 1);
  c.flush_ms = std::max<int64_t>(long_or(topic, "flush.ms", c.flush_ms), 0);
  c.segment_index_bytes = static_cast<int32_t>(std::clamp<int64_t>(
      long_or(topic, "segment.index.bytes", c.segment_index_bytes), 12, INT32_MAX));
  c.index_interval_bytes = static_cast<int32_t>(std::clamp<int64_t>(
      long_or(topic, "index.interval.bytes", c.index_interval_bytes), 0, INT32_MAX));
  c.max_message_bytes = static_cast<int32_t>(
      std::clamp<int64_t>(long_or(topic, "max.message.bytes", c.max_message_bytes), 0, INT32_MAX));
  c.timestamp_before_max_ms = std::max<int64_t>(
      long_or(topic, "message.timestamp.before.max.ms", c.timestamp_before_max_ms), 0);
  c.timestamp_after_max_ms = std::max<int64_t>(
      long_or(topic, "message.timestamp.after.max.ms", c.timestamp_after_max_ms), 0);
  c.timestamp_difference_max_ms = std::max<int64_t>(
      long_or(topic, "message.timestamp.difference.max.ms", c.timestamp_difference_max_ms), 0);
  if (auto type = topic.raw("message.timestamp.type")) {
    if (*type == "LogAppendTime") c.timestamp_type = sdk::TimestampType::kLogAppendTime;
    if (*type == "CreateTime") c.timestamp_type = sdk::TimestampType::kCreateTime;
  }
  c.preallocate = topic.get_bool("preallocate", c.preallocate);
  if (topic.raw("cleanup.policy")) {
    auto policies = topic.get_list("cleanup.policy");
    c.delete_retention = std::find(policies.begin(), policies.end(), "delete") != policies.end();
    c.compact = std::find(policies.begin(), policies.end(), "compact") != policies.end();
  }
  return c;
}

}  // namespace skiff::storage
