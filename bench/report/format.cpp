// fixed / percent via snprintf.
#include "report/format.h"

#include <cstdio>

namespace skiff::bench {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string percent(double ratio) { return fixed(ratio * 100, 0) + " %"; }

}  // namespace skiff::bench
