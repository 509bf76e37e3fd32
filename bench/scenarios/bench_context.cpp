// BenchContext: directories and broker lifetimes.
#include "scenarios/bench_context.h"

#include <thread>

#include "common/progress.h"
#include "machine/quiesce.h"

namespace skiff::bench {

BenchContext::BenchContext(BenchOptions options)
    : options_(std::move(options)),
      cores_(std::max(1, static_cast<int>(std::thread::hardware_concurrency()))) {}

std::filesystem::path BenchContext::fresh_dir(const std::string& name) const {
  std::filesystem::path dir = options_.work_dir / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::shared_ptr<BrokerProcess> BenchContext::start_broker(
    const std::string& name, std::map<std::string, std::string> properties) {
  std::filesystem::path dir = fresh_dir(name);
  BrokerBinaries binaries{options_.skiffd, options_.plugin_dir};
  auto broker = std::make_shared<BrokerProcess>(binaries, dir, std::move(properties));
  broker->start();
  progress("broker " + name + " listening on " + broker->bootstrap() + " (data " +
           broker->data_dir().string() + ")");
  return broker;
}

void wipe(const BrokerProcess& broker) {
  std::filesystem::remove_all(broker.data_dir());
  settle_after_freeing_memory();
}

void stop_and_wipe(BrokerProcess& broker) {
  broker.stop();
  wipe(broker);
}

}  // namespace skiff::bench
