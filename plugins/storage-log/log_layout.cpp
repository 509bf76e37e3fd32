#include "log_layout.h"

#include <charconv>
#include <cstdio>

namespace skiff::storage::layout {

namespace {
constexpr std::size_t kOffsetDigits = 20;
}  // namespace

bool has_suffix(std::string_view name, std::string_view suffix) {
  return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
}

std::string offset_file_name(int64_t offset, std::string_view suffix) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%020lld", static_cast<long long>(offset));
  std::string name(digits);
  name.append(suffix);
  return name;
}

std::optional<int64_t> parse_offset_file_name(std::string_view name, std::string_view suffix) {
  if (!has_suffix(name, suffix) || name.size() != kOffsetDigits + suffix.size())
    return std::nullopt;
  int64_t offset = 0;
  auto digits = name.substr(0, kOffsetDigits);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
  if (ec != std::errc() || end != digits.data() + digits.size() || offset < 0) return std::nullopt;
  return offset;
}

std::string partition_dir_name(const sdk::TopicPartition& tp) {
  return tp.topic + "-" + std::to_string(tp.partition);
}

std::optional<sdk::TopicPartition> parse_partition_dir_name(std::string_view name) {
  if (has_suffix(name, kDeleteDirSuffix)) return std::nullopt;
  auto dash = name.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == name.size()) return std::nullopt;
  auto topic = name.substr(0, dash);
  auto number = name.substr(dash + 1);
  int32_t partition = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), partition);
  if (ec != std::errc() || end != number.data() + number.size() || partition < 0) {
    return std::nullopt;
  }
  if (!is_safe_topic_name(topic)) return std::nullopt;
  return sdk::TopicPartition{std::string(topic), partition};
}

bool is_safe_topic_name(std::string_view topic) {
  // Kafka: [a-zA-Z0-9._-]{1,249}, and never "." or "..".
  if (topic.empty() || topic.size() > 249 || topic == "." || topic == "..") return false;
  for (char c : topic) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace skiff::storage::layout
