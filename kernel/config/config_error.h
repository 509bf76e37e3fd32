// Configuration problems and the exception that carries them. Loading and
// validation collect every problem before failing, so an operator fixes a file
// in one pass; each problem is located ("server.properties:12: ...").
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace skiff::kernel {

struct ConfigProblem {
  std::string location;  // "path:line", "override", "dynamic"; empty if none
  std::string message;

  std::string to_string() const {
    return location.empty() ? message : location + ": " + message;
  }
  bool operator==(const ConfigProblem&) const = default;
};

// Thrown when configuration cannot be used; what() lists every problem, one per line.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<ConfigProblem> problems)
      : std::runtime_error(join(problems)), problems_(std::move(problems)) {}
  const std::vector<ConfigProblem>& problems() const { return problems_; }

 private:
  static std::string join(const std::vector<ConfigProblem>& problems) {
    std::string out;
    for (const auto& p : problems) {
      if (!out.empty()) out.push_back('\n');
      out += p.to_string();
    }
    return out;
  }
  std::vector<ConfigProblem> problems_;
};

}  // namespace skiff::kernel
