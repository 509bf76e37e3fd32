// Splitting console-producer lines into headers, key and value the way Kafka's
// LineMessageReader does, so the same input gives the same records.
#include "produce/line_record_parser.h"

#include "common/errors.h"

namespace skiff::cli {

namespace {

std::string non_empty(const Property& p) {
  if (p.value.empty()) throw UsageError("--property " + p.key + " must not be empty");
  return p.value;
}

}  // namespace

LineRecordParser::LineRecordParser(const std::vector<Property>& properties) {
  for (const auto& p : properties) {
    if (p.key == "parse.key") parse_key_ = boolean_value(p);
    else if (p.key == "key.separator") key_separator_ = non_empty(p);
    else if (p.key == "parse.headers") parse_headers_ = boolean_value(p);
    else if (p.key == "headers.delimiter") headers_delimiter_ = non_empty(p);
    else if (p.key == "headers.separator") headers_separator_ = non_empty(p);
    else if (p.key == "headers.key.separator") headers_key_separator_ = non_empty(p);
    else if (p.key == "null.marker") null_marker_ = p.value;
    else if (p.key == "ignore.error") ignore_error_ = boolean_value(p);
    else throw UsageError("unknown --property '" + p.key + "' for produce");
  }
}

std::optional<std::string_view> LineRecordParser::field(bool enabled, std::string_view line,
                                                        size_t start, const std::string& separator,
                                                        std::string_view what,
                                                        size_t line_number) const {
  if (!enabled) return std::nullopt;
  auto end = line.find(separator, start);
  if (end == std::string_view::npos) {
    if (ignore_error_) return std::nullopt;
    throw CommandError("No " + std::string(what) + " found on line number " +
                       std::to_string(line_number) + ": '" + std::string(line) + "'");
  }
  return line.substr(start, end - start);
}

std::optional<std::string> LineRecordParser::nullable(std::string_view text) const {
  if (null_marker_ && text == *null_marker_) return std::nullopt;
  return std::string(text);
}

LineRecord LineRecordParser::parse(std::string_view line, size_t line_number) const {
  LineRecord record;
  auto headers = field(parse_headers_, line, 0, headers_delimiter_, "headers delimiter", line_number);
  size_t key_start = headers ? headers->size() + headers_delimiter_.size() : 0;
  auto key = field(parse_key_, line, key_start, key_separator_, "key separator", line_number);
  size_t value_start = key_start + (key ? key->size() + key_separator_.size() : 0);

  if (key) record.key = nullable(*key);
  record.value = nullable(line.substr(value_start));
  if (!headers || (null_marker_ && *headers == *null_marker_)) return record;

  size_t start = 0;
  while (start <= headers->size()) {
    auto end = headers->find(headers_separator_, start);
    auto pair = headers->substr(start, end == std::string_view::npos ? std::string_view::npos
                                                                      : end - start);
    if (!pair.empty()) {
      auto colon = pair.find(headers_key_separator_);
      if (colon == std::string_view::npos) {
        if (!ignore_error_) {
          throw CommandError("No header key separator found in pair '" + std::string(pair) +
                             "' on line number " + std::to_string(line_number));
        }
        record.headers.emplace_back(std::string(pair), std::nullopt);
      } else {
        auto header_key = pair.substr(0, colon);
        if (null_marker_ && header_key == *null_marker_) {
          throw CommandError("Header keys should not be equal to the null marker '" +
                             *null_marker_ + "' as they can't be null");
        }
        record.headers.emplace_back(std::string(header_key),
                                    nullable(pair.substr(colon + headers_key_separator_.size())));
      }
    }
    if (end == std::string_view::npos) break;
    start = end + headers_separator_.size();
  }
  return record;
}

}  // namespace skiff::cli
