// Kafka's topic name rules; see topic_names.h. Messages follow
// org.apache.kafka.common.internals.Topic so clients see familiar text.
#include "topic_names.h"

#include <algorithm>

namespace skiff::controller_local {
namespace {

bool legal_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '_' || c == '-';
}

}  // namespace

std::optional<std::string> invalid_topic_name_reason(std::string_view name) {
  if (name.empty()) return "Topic name is illegal, it can't be empty";
  if (name == "." || name == "..") return "Topic name cannot be \".\" or \"..\"";
  if (name.size() > kMaxTopicNameLength) {
    return "Topic name is illegal, it can't be longer than " +
           std::to_string(kMaxTopicNameLength) + " characters, topic name: " + std::string(name);
  }
  if (!std::all_of(name.begin(), name.end(), legal_char)) {
    return "Topic name \"" + std::string(name) +
           "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' "
           "and '-'";
  }
  return std::nullopt;
}

bool topic_names_collide(std::string_view a, std::string_view b) {
  auto unify = [](char c) { return c == '.' ? '_' : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [&](char x, char y) { return unify(x) == unify(y); });
}

bool is_internal_topic(std::string_view name) {
  return name == "__consumer_offsets" || name == "__transaction_state";
}

}  // namespace skiff::controller_local
