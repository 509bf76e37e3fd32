// key=value properties as Kafka's tools take them: from `--property k=v`-style
// options and from Java-style properties files (`--command-config FILE`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skiff::cli {

struct Property {
  std::string key;
  std::string value;
  std::string origin;  // where it came from, for error messages ("--config", "file:3")
};

// Splits "k=v" at the first '='. UsageError naming `option` if there is no '=' or
// the key is empty.
Property parse_property(std::string_view text, std::string_view option);
std::vector<Property> parse_properties(const std::vector<std::string>& texts,
                                       std::string_view option);

// The value as a boolean ("true" or "false"); UsageError naming the option otherwise.
bool boolean_value(const Property& property);

// Reads a properties file: one `key=value` (or `key: value`) per line, '#' and '!'
// comment lines, surrounding blanks trimmed. CommandError if the file can't be read or
// a line has no separator.
std::vector<Property> read_properties_file(const std::string& path);

}  // namespace skiff::cli
