#include "kernel/config/config_check_render.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace skiff::kernel {

std::string render_effective_config(const ConfigSnapshot& snapshot) {
  std::vector<std::pair<std::string, std::string>> lines;  // "key=value", "source"
  size_t width = 0;
  for (const auto& [name, entry] : snapshot.entries()) {
    std::string shown;
    if (entry.value) {
      shown = entry.declared->key.type == sdk::ConfigType::kPassword ? "[hidden]" : *entry.value;
    }
    std::string left = name + "=" + shown;
    width = std::max(width, left.size());
    lines.emplace_back(std::move(left), entry.value ? entry.source.to_string() : "unset");
  }
  std::string out;
  for (const auto& [left, source] : lines) {
    out += left;
    out.append(width - left.size() + 4, ' ');  // align the comments, at least 4 blanks
    out += "# ";
    out += source;
    out.push_back('\n');
  }
  return out;
}

}  // namespace skiff::kernel
