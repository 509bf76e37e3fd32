// The extension point the test plugins implement: a greeter that says its config.
#pragma once

#include <string>
#include <string_view>

namespace skiff::test {

class Greeter {
 public:
  static constexpr std::string_view kExtensionPoint = "test.greeter";
  virtual ~Greeter() = default;
  virtual std::string greet() const = 0;
};

}  // namespace skiff::test
