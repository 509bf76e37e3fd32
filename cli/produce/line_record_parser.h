// Turns one input line of `skiff produce` into a record, with the `--property` options
// of Kafka's console producer (LineMessageReader): parse.key, key.separator,
// parse.headers, headers.delimiter, headers.separator, headers.key.separator,
// null.marker and ignore.error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/properties.h"

namespace skiff::cli {

struct LineRecord {
  std::optional<std::string> key;    // nullopt: null key
  std::optional<std::string> value;  // nullopt: null value
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;
};

class LineRecordParser {
 public:
  // UsageError for an unknown property or a bad boolean.
  explicit LineRecordParser(const std::vector<Property>& properties);

  // CommandError, naming the line, if a separator the properties require is missing
  // (unless ignore.error=true).
  LineRecord parse(std::string_view line, size_t line_number) const;

 private:
  std::optional<std::string_view> field(bool enabled, std::string_view line, size_t start,
                                        const std::string& separator, std::string_view what,
                                        size_t line_number) const;
  std::optional<std::string> nullable(std::string_view text) const;

  bool parse_key_ = false;
  std::string key_separator_ = "\t";
  bool parse_headers_ = false;
  std::string headers_delimiter_ = "\t";
  std::string headers_separator_ = ",";
  std::string headers_key_separator_ = ":";
  std::optional<std::string> null_marker_;
  bool ignore_error_ = false;
};

}  // namespace skiff::cli
