// DeadlineQueue<Key>: at most one deadline per key, ordered by time. Rescheduling
// a key moves it; pop_due() hands back the keys whose time has come. It is how
// the group state machine keeps heartbeat and pending-member expiries, and how the
// coordinator knows which group to wake next, without a timer object per member.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace skiff::kernel::groups {

template <class Key, class Hash = std::hash<Key>>
class DeadlineQueue {
 public:
  // Sets (or moves) the deadline of `key`.
  void schedule(const Key& key, int64_t deadline) {
    auto [it, inserted] = index_.try_emplace(key, deadline);
    if (!inserted) {
      if (it->second == deadline) return;
      order_.erase({it->second, key});
      it->second = deadline;
    }
    order_.insert({deadline, key});
  }

  void cancel(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return;
    order_.erase({it->second, key});
    index_.erase(it);
  }

  bool contains(const Key& key) const { return index_.count(key) != 0; }
  std::optional<int64_t> deadline_of(const Key& key) const {
    auto it = index_.find(key);
    return it == index_.end() ? std::nullopt : std::optional<int64_t>(it->second);
  }
  std::optional<int64_t> next() const {
    return order_.empty() ? std::nullopt : std::optional<int64_t>(order_.begin()->first);
  }
  // The earliest key, if its deadline is at or before `now`; removes it.
  std::optional<Key> pop_one_due(int64_t now) {
    if (order_.empty() || order_.begin()->first > now) return std::nullopt;
    Key key = order_.begin()->second;
    order_.erase(order_.begin());
    index_.erase(key);
    return key;
  }
  // Every key due at `now`, earliest first; they are removed.
  std::vector<Key> pop_due(int64_t now) {
    std::vector<Key> out;
    while (auto key = pop_one_due(now)) out.push_back(std::move(*key));
    return out;
  }

  size_t size() const { return index_.size(); }
  bool empty() const { return index_.empty(); }
  void clear() {
    order_.clear();
    index_.clear();
  }
  // Keys in no particular order.
  template <class Fn>
  void for_each_key(Fn&& fn) const {
    for (const auto& [key, deadline] : index_) fn(key);
  }

 private:
  std::set<std::pair<int64_t, Key>> order_;
  std::unordered_map<Key, int64_t, Hash> index_;
};

}  // namespace skiff::kernel::groups
