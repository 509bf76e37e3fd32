// A well-behaved test plugin, built twice (TEST_PLUGIN_NAME "test-alpha" and
// "test-beta"). It declares `test.<name>.greeting` and `test.<name>.fail.in`,
// registers a Greeter named after itself, and logs every lifecycle call to the
// "lifecycle" logger as "<stage> <name>" so tests can check the order. If
// `test.<name>.fail.in` names a stage, it throws there.
#include <stdexcept>
#include <string>

#include "skiff/sdk/plugin.h"
#include "test_greeter.h"

namespace {

const std::string kName = TEST_PLUGIN_NAME;
const std::string kPrefix = "test." + kName + ".";

class ConfiguredGreeter final : public skiff::test::Greeter {
 public:
  explicit ConfiguredGreeter(std::string greeting) : greeting_(std::move(greeting)) {}
  std::string greet() const override { return greeting_ + " from " + kName; }

 private:
  std::string greeting_;
};

class RecordingPlugin final : public skiff::sdk::Plugin {
 public:
  void declare_config(skiff::sdk::ConfigSchema& schema) override {
    skiff::sdk::ConfigKey greeting;
    greeting.name = kPrefix + "greeting";
    greeting.default_value = "hello";
    greeting.doc = "What the greeter says.";
    greeting.dynamic = true;
    schema.define(greeting);

    skiff::sdk::ConfigKey fail;
    fail.name = kPrefix + "fail.in";
    fail.default_value = "";
    fail.valid_values = {"", "configure", "start", "stop", "reconfigure"};
    fail.doc = "Lifecycle stage that throws (tests only).";
    schema.define(fail);
  }

  void configure(skiff::sdk::Host& host) override {
    host_ = &host;
    fail_in_ = host.config().get_string(kPrefix + "fail.in");
    stage("configure");
    host.extensions().add<skiff::test::Greeter>(
        kName, std::make_shared<ConfiguredGreeter>(host.config().get_string(kPrefix + "greeting")));
  }
  void start() override { stage("start"); }
  void stop() override { stage("stop"); }
  void reconfigure(const skiff::sdk::ConfigView& config) override {
    stage("reconfigure");
    host_->logger("lifecycle").info("greeting " + config.get_string(kPrefix + "greeting"));
  }

 private:
  void stage(const std::string& name) {
    host_->logger("lifecycle").info(name + " " + kName);
    if (fail_in_ == name) throw std::runtime_error("boom in " + name);
  }

  skiff::sdk::Host* host_ = nullptr;
  std::string fail_in_;
};

}  // namespace

SKIFF_PLUGIN(RecordingPlugin, TEST_PLUGIN_NAME, "Records its lifecycle (unit tests)")
