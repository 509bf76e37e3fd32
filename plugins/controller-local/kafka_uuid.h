// Random UUIDs the way Kafka makes them (topic ids, the cluster id) and their
// 22-character URL-safe base64 text form.
#pragma once

#include <string>

#include "skiff/sdk/types.h"

namespace skiff::controller_local {

// A random version-4 UUID that is never zero and whose text form never starts with
// '-' (Kafka's Uuid.randomUuid rule, so the id cannot be mistaken for a CLI flag).
sdk::Uuid random_kafka_uuid();

// Kafka's Uuid.toString(): URL-safe base64 of the 16 bytes, without padding.
std::string uuid_to_base64(const sdk::Uuid& id);

}  // namespace skiff::controller_local
