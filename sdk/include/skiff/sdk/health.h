// Health as plugins see it: whether the broker is ready to serve (storage recovered,
// controller reachable, listeners bound), for /ready endpoints and orchestrators.
#pragma once

#include <string>
#include <vector>

namespace skiff::sdk {

struct ReadinessCheck {
  std::string name;    // "storage", "controller", "listeners"
  bool ready = false;
  std::string detail;  // what is wrong, when not ready
};

class Health {
 public:
  virtual ~Health() = default;
  // Evaluated now; the broker is ready when every check is.
  virtual std::vector<ReadinessCheck> readiness() const = 0;
};

// Ready with nothing to check: what hosts that are not a broker (the CLI) report.
class AlwaysReady final : public Health {
 public:
  std::vector<ReadinessCheck> readiness() const override { return {}; }
};

}  // namespace skiff::sdk
