#include "kernel/net/listener_spec.h"

#include <charconv>
#include <stdexcept>

namespace skiff::kernel::net {
namespace {

std::vector<std::string> split_trimmed(std::string_view value, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(sep, start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view item = value.substr(start, end - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

bool is_security_protocol(std::string_view p) {
  return p == "PLAINTEXT" || p == "SSL" || p == "SASL_PLAINTEXT" || p == "SASL_SSL";
}

}  // namespace

std::map<std::string, std::string> parse_protocol_map(std::string_view value) {
  std::map<std::string, std::string> map{{"PLAINTEXT", "PLAINTEXT"},
                                         {"SSL", "SSL"},
                                         {"SASL_PLAINTEXT", "SASL_PLAINTEXT"},
                                         {"SASL_SSL", "SASL_SSL"}};
  for (const auto& entry : split_trimmed(value, ',')) {
    auto colon = entry.find(':');
    if (colon == std::string::npos) {
      throw std::invalid_argument("listener.security.protocol.map entry '" + entry +
                                  "' is not NAME:PROTOCOL");
    }
    std::string protocol = entry.substr(colon + 1);
    if (!is_security_protocol(protocol)) {
      throw std::invalid_argument("listener.security.protocol.map entry '" + entry +
                                  "': unknown security protocol '" + protocol + "'");
    }
    map[entry.substr(0, colon)] = protocol;
  }
  return map;
}

std::vector<ListenerSpec> parse_listeners(std::string_view value,
                                          std::string_view security_protocol_map) {
  auto protocols = parse_protocol_map(security_protocol_map);
  std::vector<ListenerSpec> out;
  for (const auto& entry : split_trimmed(value, ',')) {
    auto scheme_end = entry.find("://");
    if (scheme_end == std::string::npos) {
      throw std::invalid_argument("listener '" + entry + "' is not NAME://HOST:PORT");
    }
    ListenerSpec spec;
    spec.name = entry.substr(0, scheme_end);
    auto proto = protocols.find(spec.name);
    if (proto == protocols.end()) {
      throw std::invalid_argument("listener '" + entry + "': name '" + spec.name +
                                  "' is not in listener.security.protocol.map");
    }
    spec.security_protocol = proto->second;
    std::string_view hostport = std::string_view(entry).substr(scheme_end + 3);
    auto colon = hostport.rfind(':');
    if (colon == std::string_view::npos) {
      throw std::invalid_argument("listener '" + entry + "' has no port");
    }
    spec.host = std::string(hostport.substr(0, colon));
    if (spec.host.size() >= 2 && spec.host.front() == '[' && spec.host.back() == ']') {
      spec.host = spec.host.substr(1, spec.host.size() - 2);  // [::1]
    }
    auto port_text = hostport.substr(colon + 1);
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port > 65535) {
      throw std::invalid_argument("listener '" + entry + "' has an invalid port");
    }
    spec.port = static_cast<uint16_t>(port);
    for (const auto& existing : out) {
      if (existing.name == spec.name) {
        throw std::invalid_argument("listener name '" + spec.name + "' appears twice");
      }
    }
    out.push_back(std::move(spec));
  }
  if (out.empty()) throw std::invalid_argument("no listeners configured");
  return out;
}

}  // namespace skiff::kernel::net
