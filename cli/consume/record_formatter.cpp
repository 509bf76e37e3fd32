// Console-consumer output, column for column like Kafka's DefaultMessageFormatter.
#include "consume/record_formatter.h"

#include "common/errors.h"

namespace skiff::cli {

RecordFormatter::RecordFormatter(const std::vector<Property>& properties) {
  for (const auto& p : properties) {
    if (p.key == "print.timestamp") print_timestamp_ = boolean_value(p);
    else if (p.key == "print.partition") print_partition_ = boolean_value(p);
    else if (p.key == "print.offset") print_offset_ = boolean_value(p);
    else if (p.key == "print.headers") print_headers_ = boolean_value(p);
    else if (p.key == "print.key") print_key_ = boolean_value(p);
    else if (p.key == "print.value") print_value_ = boolean_value(p);
    else if (p.key == "key.separator") key_separator_ = p.value;
    else if (p.key == "line.separator") line_separator_ = p.value;
    else if (p.key == "headers.separator") headers_separator_ = p.value;
    else if (p.key == "headers.key.separator") headers_key_separator_ = p.value;
    else if (p.key == "null.literal") null_literal_ = p.value;
    else throw UsageError("unknown --property '" + p.key + "' for consume");
  }
}

void RecordFormatter::bytes(const void* data, size_t size, std::FILE* out) const {
  if (size > 0) std::fwrite(data, 1, size, out);
}

void RecordFormatter::separator(bool more_columns, std::FILE* out) const {
  text(more_columns ? key_separator_ : line_separator_, out);
}

void RecordFormatter::write(const rd_kafka_message_t* message, std::FILE* out) const {
  if (print_timestamp_) {
    rd_kafka_timestamp_type_t type;
    int64_t timestamp = rd_kafka_message_timestamp(message, &type);
    if (type == RD_KAFKA_TIMESTAMP_CREATE_TIME) {
      text("CreateTime:" + std::to_string(timestamp), out);
    } else if (type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME) {
      text("LogAppendTime:" + std::to_string(timestamp), out);
    } else {
      text("NO_TIMESTAMP", out);
    }
    separator(print_partition_ || print_offset_ || print_headers_ || print_key_ || print_value_, out);
  }
  if (print_partition_) {
    text("Partition:" + std::to_string(message->partition), out);
    separator(print_offset_ || print_headers_ || print_key_ || print_value_, out);
  }
  if (print_offset_) {
    text("Offset:" + std::to_string(message->offset), out);
    separator(print_headers_ || print_key_ || print_value_, out);
  }
  if (print_headers_) {
    rd_kafka_headers_t* headers = nullptr;
    size_t count = 0;
    if (rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      count = rd_kafka_header_cnt(headers);
    }
    for (size_t i = 0; i < count; ++i) {
      const char* name = nullptr;
      const void* value = nullptr;
      size_t size = 0;
      rd_kafka_header_get_all(headers, i, &name, &value, &size);
      if (i > 0) text(headers_separator_, out);
      text(name, out);
      text(headers_key_separator_, out);
      if (value) bytes(value, size, out); else text(null_literal_, out);
    }
    if (count == 0) text("NO_HEADERS", out);
    separator(print_key_ || print_value_, out);
  }
  if (print_key_) {
    if (message->key) bytes(message->key, message->key_len, out); else text(null_literal_, out);
    separator(print_value_, out);
  }
  if (print_value_) {
    if (message->payload) bytes(message->payload, message->len, out); else text(null_literal_, out);
    text(line_separator_, out);
  }
}

}  // namespace skiff::cli
