#include "acl_codec.h"

#include <vector>

#include "skiff/sdk/acl_names.h"

namespace skiff::acl {
namespace {

constexpr char kSeparator = '/';
constexpr size_t kFields = 7;

void append_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : text) {
    if (c == kSeparator || c == '%') {
      auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view key) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= key.size(); ++i) {
    if (i == key.size() || key[i] == kSeparator) {
      parts.push_back(key.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

std::string encode_key(const sdk::AclBinding& b) {
  std::string out;
  out.append(name_of(b.resource_type)) += kSeparator;
  out.append(name_of(b.pattern_type)) += kSeparator;
  append_escaped(out, b.resource_name);
  out += kSeparator;
  append_escaped(out, b.principal);
  out += kSeparator;
  append_escaped(out, b.host);
  out += kSeparator;
  out.append(name_of(b.operation)) += kSeparator;
  out.append(name_of(b.permission));
  return out;
}

std::optional<sdk::AclBinding> decode_key(std::string_view key) {
  auto parts = split(key);
  if (parts.size() != kFields) return std::nullopt;
  auto type = sdk::resource_type_named(parts[0]);
  auto pattern = sdk::pattern_type_named(parts[1]);
  auto name = unescape(parts[2]);
  auto principal = unescape(parts[3]);
  auto host = unescape(parts[4]);
  auto operation = sdk::operation_named(parts[5]);
  auto permission = sdk::permission_named(parts[6]);
  if (!type || !pattern || !name || !principal || !host || !operation || !permission) {
    return std::nullopt;
  }
  return sdk::AclBinding{*type, std::move(*name), *pattern, std::move(*principal),
                         std::move(*host), *operation, *permission};
}

}  // namespace skiff::acl
