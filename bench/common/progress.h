// Output lines: progress on stderr ("[bench 12.3s] ..."), details of each
// measurement (settings, CPU shares, notes) on stdout before the final table.
#pragma once

#include <string>

namespace skiff::bench {

void progress(const std::string& line);
void detail(const std::string& line);

}  // namespace skiff::bench
