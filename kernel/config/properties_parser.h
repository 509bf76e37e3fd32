// Parser for Kafka's `server.properties` files, following java.util.Properties:
//   key=value, key: value, key value      (first unescaped '=', ':' or blank ends the key)
//   # and ! comment lines, blank lines
//   a line ending in an odd number of backslashes continues on the next line,
//     whose leading blanks are dropped
//   escapes \t \n \r \f \uXXXX, and "\x" means "x" for any other character
// Unlike Java, bytes are read as UTF-8 (not ISO-8859-1) and \uXXXX is encoded as
// UTF-8. Every entry keeps the line its logical line started on.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/config/config_error.h"

namespace skiff::kernel {

struct PropertyEntry {
  std::string key;
  std::string value;
  int line = 0;
};

struct PropertiesParse {
  std::vector<PropertyEntry> entries;  // in file order; a repeated key appears twice
  std::vector<ConfigProblem> problems;  // malformed \u escapes, located "origin:line"
};

// `origin` names the text in problem locations (usually the file path).
PropertiesParse parse_properties(std::string_view text, std::string_view origin);

// Reads and parses `file`; an unreadable file is one problem located at the path.
PropertiesParse parse_properties_file(const std::filesystem::path& file);

}  // namespace skiff::kernel
