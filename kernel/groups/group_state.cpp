// Names of the classic group states.
#include "kernel/groups/group_state.h"

#include <array>
#include <cctype>
#include <utility>

namespace skiff::kernel::groups {
namespace {

constexpr std::array<std::pair<GroupState, std::string_view>, 5> kNames{{
    {GroupState::kEmpty, "Empty"},
    {GroupState::kPreparingRebalance, "PreparingRebalance"},
    {GroupState::kCompletingRebalance, "CompletingRebalance"},
    {GroupState::kStable, "Stable"},
    {GroupState::kDead, "Dead"},
}};

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view to_string(GroupState state) {
  for (const auto& [s, name] : kNames) {
    if (s == state) return name;
  }
  return "Unknown";
}

std::optional<GroupState> parse_group_state(std::string_view name) {
  for (const auto& [s, n] : kNames) {
    if (equals_ignore_case(n, name)) return s;
  }
  return std::nullopt;
}

}  // namespace skiff::kernel::groups
