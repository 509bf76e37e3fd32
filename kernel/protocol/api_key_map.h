// ApiKeyMap<T>: one value per served Kafka API key, found in one step for Kafka's
// own keys (an array indexed by key) and by binary search for the few keys above
// them that only plugins serve. Filled at start-up, then read on every request.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace skiff::protocol {

template <class T>
class ApiKeyMap {
 public:
  // Keys below this index the array.
  static constexpr std::size_t kDirectKeys = 128;

  // The value for `api_key` (>= 0), created default if absent.
  T& operator[](int16_t api_key) {
    if (is_direct(api_key)) {
      auto& slot = direct_[static_cast<std::size_t>(api_key)];
      if (!slot) slot = T{};
      return *slot;
    }
    auto it = std::lower_bound(others_.begin(), others_.end(), api_key, key_less);
    if (it == others_.end() || it->first != api_key) it = others_.emplace(it, api_key, T{});
    return it->second;
  }

  // Null when `api_key` has no value.
  const T* find(int16_t api_key) const {
    if (api_key < 0) return nullptr;
    if (is_direct(api_key)) {
      const auto& slot = direct_[static_cast<std::size_t>(api_key)];
      return slot ? &*slot : nullptr;
    }
    auto it = std::lower_bound(others_.begin(), others_.end(), api_key, key_less);
    return it != others_.end() && it->first == api_key ? &it->second : nullptr;
  }

  // Calls fn(api_key, value) in key order.
  template <class Fn>
  void for_each(Fn&& fn) const {
    visit(*this, fn);
  }
  template <class Fn>
  void for_each(Fn&& fn) {
    visit(*this, fn);
  }

  // Removes the values `drop(value)` selects.
  template <class Pred>
  void erase_if(Pred&& drop) {
    for (auto& slot : direct_) {
      if (slot && drop(*slot)) slot.reset();
    }
    std::erase_if(others_, [&](const auto& kv) { return drop(kv.second); });
  }

 private:
  template <class Self, class Fn>
  static void visit(Self& self, Fn& fn) {
    for (std::size_t key = 0; key < kDirectKeys; ++key) {
      if (self.direct_[key]) fn(static_cast<int16_t>(key), *self.direct_[key]);
    }
    for (auto& [key, value] : self.others_) fn(key, value);
  }
  static bool is_direct(int16_t api_key) {
    return api_key >= 0 && static_cast<std::size_t>(api_key) < kDirectKeys;
  }
  static bool key_less(const std::pair<int16_t, T>& kv, int16_t key) { return kv.first < key; }

  std::array<std::optional<T>, kDirectKeys> direct_{};
  std::vector<std::pair<int16_t, T>> others_;  // sorted by key
};

}  // namespace skiff::protocol
