// A listener's view of the configuration: Kafka's per-listener overrides, where
// `listener.name.<listener>.<key>` (listener name in lower case) wins over `<key>`.
// Security settings (ssl.*, sasl.*) are read through it, so one broker may run
// differently configured listeners side by side.
#pragma once

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "skiff/sdk/config.h"

namespace skiff::sdk {

class ListenerConfigView final : public ConfigView {
 public:
  // `base` must outlive the view.
  ListenerConfigView(const ConfigView& base, std::string_view listener)
      : base_(base), prefix_(override_prefix(listener)) {}

  static std::string override_prefix(std::string_view listener) {
    std::string prefix = "listener.name.";
    for (char c : listener) prefix.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    prefix.push_back('.');
    return prefix;
  }

  std::optional<std::string> raw(std::string_view key) const override {
    if (auto v = base_.raw(prefix_ + std::string(key))) return v;
    return base_.raw(key);
  }

 private:
  const ConfigView& base_;
  std::string prefix_;
};

}  // namespace skiff::sdk
