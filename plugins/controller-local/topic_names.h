// Kafka's rules for topic names: which names are legal, which pairs collide in
// metric names ('.' and '_' are the same there), and which topics are internal.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skiff::controller_local {

inline constexpr std::size_t kMaxTopicNameLength = 249;

// Why `name` is not a legal topic name (Kafka's wording), or nullopt if it is.
std::optional<std::string> invalid_topic_name_reason(std::string_view name);

// True when the names are equal once '.' and '_' are treated as the same character.
bool topic_names_collide(std::string_view a, std::string_view b);

// Kafka's own internal topics (consumer offsets, transaction state).
bool is_internal_topic(std::string_view name);

}  // namespace skiff::controller_local
