// The storage-log shared object as the kernel sees it: load it, declare its keys,
// configure it against a fake host (it must register engine "log"), start its
// timers, run them, and stop it (every log closed cleanly).
#include <dlfcn.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <map>

#include "skiff/sdk/plugin.h"
#include "skiff/sdk/storage.h"
#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage::test;

namespace {

class FakeTimer final : public sdk::TimerHandle {
 public:
  explicit FakeTimer(bool* cancelled) : cancelled_(cancelled) {}
  ~FakeTimer() override { cancel(); }
  void cancel() override { *cancelled_ = true; }

 private:
  bool* cancelled_;
};

class FakeScheduler final : public sdk::Scheduler {
 public:
  struct Periodic {
    std::chrono::milliseconds period;
    std::function<void()> task;
    std::unique_ptr<bool> cancelled = std::make_unique<bool>(false);
  };
  std::unique_ptr<sdk::TimerHandle> run_after(std::chrono::milliseconds,
                                              std::function<void()> task) override {
    return run_every(std::chrono::milliseconds(0), std::move(task));
  }
  std::unique_ptr<sdk::TimerHandle> run_every(std::chrono::milliseconds period,
                                              std::function<void()> task) override {
    periodic.push_back({period, std::move(task)});
    return std::make_unique<FakeTimer>(periodic.back().cancelled.get());
  }
  void run_blocking(std::function<void()> task) override { task(); }
  void fire_all() {
    for (auto& p : periodic) {
      if (!*p.cancelled) p.task();
    }
  }
  std::vector<Periodic> periodic;
};

class FakeRegistry final : public sdk::ExtensionRegistry {
 protected:
  void add_erased(std::string_view point, std::string name,
                  std::shared_ptr<void> implementation) override {
    items[{std::string(point), name}] = std::move(implementation);
  }
  std::shared_ptr<void> find_erased(std::string_view point, std::string_view name) const override {
    auto it = items.find({std::string(point), std::string(name)});
    return it == items.end() ? nullptr : it->second;
  }

 public:
  std::map<std::pair<std::string, std::string>, std::shared_ptr<void>> items;
};

class FakeHost final : public sdk::Host {
 public:
  const sdk::ConfigView& config() const override { return broker; }
  sdk::Logger& logger(std::string_view) override { return log; }
  sdk::Scheduler& scheduler() override { return timers; }
  sdk::ExtensionRegistry& extensions() override { return registry; }
  int32_t node_id() const override { return 1; }

  MapConfig broker;
  CaptureLogger log;
  FakeScheduler timers;
  FakeRegistry registry;
};

class KeyNames final : public sdk::ConfigSchema {
 public:
  void define(sdk::ConfigKey key) override { names.push_back(key.name); }
  std::vector<std::string> names;
};

}  // namespace

TEST_CASE("the plugin registers engine \"log\" and closes logs on stop", "[plugin]") {
  void* handle = ::dlopen(STORAGE_LOG_PLUGIN, RTLD_NOW | RTLD_LOCAL);
  REQUIRE(handle != nullptr);
  using DescriptorFn = const sdk::PluginDescriptor* (*)();
  auto describe = reinterpret_cast<DescriptorFn>(::dlsym(handle, SKIFF_PLUGIN_DESCRIPTOR_SYMBOL));
  REQUIRE(describe != nullptr);
  const auto* descriptor = describe();
  CHECK(descriptor->abi_version == SKIFF_SDK_ABI_VERSION);
  CHECK(std::string(descriptor->name) == "storage-log");

  TempDir tmp;
  {
    std::unique_ptr<sdk::Plugin> plugin(descriptor->create());
    KeyNames keys;
    plugin->declare_config(keys);
    CHECK(keys.names.size() == 20);

    FakeHost host;
    host.broker.set("log.dirs", (tmp.path() / "data").string());
    host.broker.set("log.flush.scheduler.interval.ms", "1000");
    plugin->configure(host);
    auto engine = host.registry.find<sdk::StorageEngine>("log");
    REQUIRE(engine);

    plugin->start();
    // retention, roll, flush, producer expiry, active segments (writeback, allocation)
    CHECK(host.timers.periodic.size() == 6);
    auto log = engine->open({"events", 0}, MapConfig{});
    CHECK(append(*log, batch(3)).error == sdk::ErrorCode::kNone);
    host.timers.fire_all();

    plugin->stop();
    for (const auto& p : host.timers.periodic) CHECK(*p.cancelled);
    CHECK(std::filesystem::exists(tmp.path() / "data" / "events-0" / ".clean-shutdown"));
    CHECK(append(*log, batch(1)).error == sdk::ErrorCode::kKafkaStorageError);
  }
  ::dlclose(handle);
}
