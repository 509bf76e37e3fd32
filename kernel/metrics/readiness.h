// BrokerReadiness: the broker's sdk::Health. The app marks storage recovered and
// listeners bound as startup reaches them; the controller is asked each time.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "skiff/sdk/health.h"

namespace skiff::kernel::metrics {

class BrokerReadiness final : public sdk::Health {
 public:
  // `controller_reachable` returns an empty string when the controller answers,
  // else what is wrong; it is unset until the controller is started.
  void set_controller_probe(std::function<std::string()> probe);
  void storage_recovered() { storage_.store(true); }
  void listeners_bound() { listeners_.store(true); }
  void stopping() { stopping_.store(true); }

  std::vector<sdk::ReadinessCheck> readiness() const override;

 private:
  std::atomic<bool> storage_{false};
  std::atomic<bool> listeners_{false};
  std::atomic<bool> stopping_{false};
  std::function<std::string()> controller_probe_;
  std::atomic<bool> has_probe_{false};
};

}  // namespace skiff::kernel::metrics
