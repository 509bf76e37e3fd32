// Decoding of consumer subscriptions with the generated codec.
#include "kernel/groups/consumer_subscription.h"

#include <algorithm>

#include "kernel/protocol/generated/consumer_protocol_subscription.h"
#include "kernel/protocol/wire/reader.h"

namespace skiff::kernel::groups {

std::optional<std::set<std::string>> subscribed_topics(const Bytes& metadata) {
  using protocol::ConsumerProtocolSubscription;
  try {
    protocol::Reader reader(metadata.data(), metadata.size());
    int16_t version = reader.read_int16();
    if (version < 0) return std::nullopt;
    // Newer clients may send versions this codec does not know: their prefix is
    // the newest known version (fields are only ever appended), as Kafka reads it.
    version = std::min<int16_t>(version, ConsumerProtocolSubscription::kMaxVersion);
    ConsumerProtocolSubscription subscription;
    subscription.decode(reader, version);
    return std::set<std::string>(subscription.topics.begin(), subscription.topics.end());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace skiff::kernel::groups
