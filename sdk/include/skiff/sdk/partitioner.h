// The partitioner extension point: chooses a partition for a record wherever the
// broker picks partitions itself (the `skiff produce` CLI, proxies, mirroring).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace skiff::sdk {

class Partitioner {
 public:
  static constexpr std::string_view kExtensionPoint = "partitioner";
  virtual ~Partitioner() = default;
  // `key` is nullopt for a record without a key. Returns [0, partition_count).
  virtual int32_t partition(std::string_view topic, std::optional<std::span<const uint8_t>> key,
                            int32_t partition_count) = 0;
};

}  // namespace skiff::sdk
