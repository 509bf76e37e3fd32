// Prints consumed records the way Kafka's console consumer (DefaultMessageFormatter)
// does, configured with the same `--property` keys: print.timestamp, print.partition,
// print.offset, print.headers, print.key, print.value, key.separator, line.separator,
// headers.separator, headers.key.separator, null.literal.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <string>
#include <vector>

#include "common/properties.h"

namespace skiff::cli {

class RecordFormatter {
 public:
  // UsageError for an unknown property or a bad boolean.
  explicit RecordFormatter(const std::vector<Property>& properties);

  // Writes one record's fields, bytes as they are, to `out`.
  void write(const rd_kafka_message_t* message, std::FILE* out) const;

 private:
  void bytes(const void* data, size_t size, std::FILE* out) const;
  void text(const std::string& s, std::FILE* out) const { bytes(s.data(), s.size(), out); }
  void separator(bool more_columns, std::FILE* out) const;

  bool print_timestamp_ = false;
  bool print_partition_ = false;
  bool print_offset_ = false;
  bool print_headers_ = false;
  bool print_key_ = false;
  bool print_value_ = true;
  std::string key_separator_ = "\t";
  std::string line_separator_ = "\n";
  std::string headers_separator_ = ",";
  std::string headers_key_separator_ = ":";
  std::string null_literal_ = "null";
};

}  // namespace skiff::cli
