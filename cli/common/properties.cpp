// Parsing of key=value options and properties files.
#include "common/properties.h"

#include <fstream>

#include "common/errors.h"

namespace skiff::cli {

namespace {
std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}
}  // namespace

Property parse_property(std::string_view text, std::string_view option) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw UsageError(std::string(option) + " expects key=value, got '" + std::string(text) + "'");
  }
  return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)), std::string(option)};
}

std::vector<Property> parse_properties(const std::vector<std::string>& texts,
                                       std::string_view option) {
  std::vector<Property> out;
  out.reserve(texts.size());
  for (const auto& text : texts) out.push_back(parse_property(text, option));
  return out;
}

bool boolean_value(const Property& property) {
  if (property.value == "true") return true;
  if (property.value == "false") return false;
  throw UsageError(property.origin + " " + property.key + " expects true or false, got '" +
                   property.value + "'");
}

std::vector<Property> read_properties_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw CommandError("cannot read " + path);
  std::vector<Property> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    auto text = trim(line);
    if (text.empty() || text.front() == '#' || text.front() == '!') continue;
    auto sep = text.find_first_of("=:");
    std::string origin = path + ":" + std::to_string(number);
    if (sep == std::string_view::npos || sep == 0) {
      throw CommandError(origin + ": expected key=value, got '" + std::string(text) + "'");
    }
    out.push_back({std::string(trim(text.substr(0, sep))), std::string(trim(text.substr(sep + 1))),
                   std::move(origin)});
  }
  return out;
}

}  // namespace skiff::cli
