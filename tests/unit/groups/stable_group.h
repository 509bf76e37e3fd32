// Brings a test group to Stable with `n` dynamic members, the way clients do:
// KIP-394 joins, the join completes, the leader syncs and its write is stored.
#pragma once

#include <string>
#include <vector>

#include "group_test_support.h"

namespace skiff::test::groups {

struct StableGroup {
  std::vector<std::string> members;  // members[0] is the leader
  int32_t generation = 0;
};

inline StableGroup make_stable(ClassicGroup& g, FakeHost& host, int n, const Now& now,
                               const JoinRequest& base = join_request()) {
  std::vector<std::string> ids;
  std::vector<JoinAnswer> joins;
  for (int i = 0; i < n; ++i) {
    auto [id, answer] = join_new(g, now, base);
    ids.push_back(id);
    joins.push_back(answer);
  }
  g.advance(now);  // initial delay 0 runs out
  StableGroup out;
  out.generation = g.generation();
  out.members.push_back(g.leader().value());
  for (const auto& id : ids) {
    if (id != out.members[0]) out.members.push_back(id);
  }
  std::vector<std::pair<std::string, Bytes>> assignment;
  for (const auto& id : ids) assignment.push_back({id, Bytes{'a', static_cast<uint8_t>(id.back())}});
  for (size_t i = 1; i < out.members.size(); ++i) sync(g, out.members[i], out.generation, now);
  sync(g, out.members[0], out.generation, now, assignment);
  host.complete_all_writes(now);
  return out;
}

}  // namespace skiff::test::groups
