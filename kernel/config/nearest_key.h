// "Did you mean ...?" for misspelt config keys: the declared name nearest by
// Levenshtein edit distance, if it is near enough to be a plausible typo.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skiff::kernel {

size_t edit_distance(std::string_view a, std::string_view b);

// The candidate with the smallest edit distance to `name` (ties: the first), if
// that distance is at most 3 and less than half of `name`'s length.
std::optional<std::string> nearest_key(std::string_view name,
                                       const std::vector<std::string_view>& candidates);

}  // namespace skiff::kernel
