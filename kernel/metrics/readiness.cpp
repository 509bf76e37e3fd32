#include "kernel/metrics/readiness.h"

namespace skiff::kernel::metrics {

void BrokerReadiness::set_controller_probe(std::function<std::string()> probe) {
  controller_probe_ = std::move(probe);
  has_probe_.store(true, std::memory_order_release);
}

std::vector<sdk::ReadinessCheck> BrokerReadiness::readiness() const {
  std::vector<sdk::ReadinessCheck> out;
  out.push_back({"storage", storage_.load(),
                 storage_.load() ? "" : "partition logs are still being opened and recovered"});
  std::string controller_problem = "the controller has not started yet";
  if (has_probe_.load(std::memory_order_acquire)) {
    try {
      controller_problem = controller_probe_();
    } catch (const std::exception& e) {
      controller_problem = e.what();
    }
  }
  out.push_back({"controller", controller_problem.empty(), controller_problem});
  out.push_back({"listeners", listeners_.load(),
                 listeners_.load() ? "" : "the Kafka listeners are not bound yet"});
  if (stopping_.load()) out.push_back({"shutdown", false, "the broker is shutting down"});
  return out;
}

}  // namespace skiff::kernel::metrics
