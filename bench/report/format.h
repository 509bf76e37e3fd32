// Number formatting for the report: fixed decimals, percentages, ratios.
#pragma once

#include <string>

namespace skiff::bench {

std::string fixed(double value, int decimals);
// "87 %" for 0.87.
std::string percent(double ratio);

}  // namespace skiff::bench
