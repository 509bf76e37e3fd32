#include "kernel/config/properties_parser.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace skiff::kernel {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// One logical line: natural lines joined at escaped line ends, with the escape
// backslash removed and the continuation's leading blanks dropped.
struct LogicalLine {
  std::string text;
  int first_line = 0;
};

// Splits text into natural lines ("\n", "\r\n" or "\r" terminated).
std::vector<std::string_view> natural_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

size_t trailing_backslashes(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[s.size() - 1 - n] == '\\') ++n;
  return n;
}

std::string_view drop_leading_blanks(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_blank(s[i])) ++i;
  return s.substr(i);
}

std::vector<LogicalLine> logical_lines(std::string_view text) {
  std::vector<LogicalLine> out;
  auto lines = natural_lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = drop_leading_blanks(lines[i]);
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;  // comments never continue
    LogicalLine logical{{}, static_cast<int>(i + 1)};
    while (true) {
      bool continues = trailing_backslashes(line) % 2 == 1;
      if (!continues) {
        logical.text.append(line);
        break;
      }
      logical.text.append(line.substr(0, line.size() - 1));
      if (++i >= lines.size()) break;
      line = drop_leading_blanks(lines[i]);
    }
    out.push_back(std::move(logical));
  }
  return out;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Reads the 4 hex digits after "\u" at s[pos]; false if malformed.
bool read_hex4(std::string_view s, size_t pos, uint32_t& value) {
  if (pos + 4 > s.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    char c = s[i];
    uint32_t digit;
    if (c >= '0' && c <= '9') digit = static_cast<uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') digit = static_cast<uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') digit = static_cast<uint32_t>(c - 'A' + 10);
    else return false;
    value = value * 16 + digit;
  }
  return true;
}

// Decodes escapes in s; returns false (with `error` set) on a malformed \u escape.
bool unescape(std::string_view s, std::string& out, std::string& error) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 'f': out.push_back('\f'); break;
      case 'u': {
        uint32_t cp;
        if (!read_hex4(s, i + 1, cp)) {
          error = "malformed \\uXXXX escape";
          return false;
        }
        i += 4;
        // A UTF-16 surrogate pair written as two escapes is one code point.
        uint32_t low;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 2 < s.size() && s[i + 1] == '\\' &&
            s[i + 2] == 'u' && read_hex4(s, i + 3, low) && low >= 0xDC00 && low < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        append_utf8(out, cp);
        break;
      }
      default: out.push_back(c);
    }
  }
  return true;
}

// Index of the first unescaped key terminator ('=', ':' or blank), or size().
size_t key_end(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '=' || s[i] == ':' || is_blank(s[i])) {
      return i;
    }
  }
  return s.size();
}

}  // namespace

PropertiesParse parse_properties(std::string_view text, std::string_view origin) {
  PropertiesParse result;
  for (const auto& logical : logical_lines(text)) {
    std::string_view s = logical.text;
    size_t end = key_end(s);
    std::string_view raw_key = s.substr(0, end);
    // Separator: blanks, then at most one '=' or ':', then blanks.
    size_t v = end;
    while (v < s.size() && is_blank(s[v])) ++v;
    if (v < s.size() && (s[v] == '=' || s[v] == ':')) ++v;
    while (v < s.size() && is_blank(s[v])) ++v;

    PropertyEntry entry;
    entry.line = logical.first_line;
    std::string error;
    if (!unescape(raw_key, entry.key, error) || !unescape(s.substr(v), entry.value, error)) {
      result.problems.push_back(
          {std::string(origin) + ":" + std::to_string(logical.first_line), error});
      continue;
    }
    result.entries.push_back(std::move(entry));
  }
  return result;
}

PropertiesParse parse_properties_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    PropertiesParse result;
    result.problems.push_back({file.string(), std::string("cannot read: ") + std::strerror(errno)});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_properties(text.str(), file.string());
}

}  // namespace skiff::kernel
