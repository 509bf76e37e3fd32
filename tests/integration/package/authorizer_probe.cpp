// authorizer_probe: loads one plugin shared object the way skiffd does (descriptor,
// ABI check, declared config, configure) and prints its authorizer's decision for
// each action, one "allow" or "deny" per line. Built by the package test against
// the installed skiff-sdk only, so it also proves the SDK is enough to host a plugin.
//
//   authorizer_probe PLUGIN.so AUTHORIZER [key=value]... -- PRINCIPAL OP:TYPE:NAME...
//   e.g. authorizer_probe prefix-authorizer.so prefix -- User:alice Write:topic:alice.x
#include <dlfcn.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "skiff/sdk/authorizer.h"
#include "skiff/sdk/plugin.h"

namespace sdk = skiff::sdk;

namespace {

class MapConfig : public sdk::ConfigView, public sdk::ConfigSchema {
 public:
  std::map<std::string, std::string, std::less<>> values;
  std::optional<std::string> raw(std::string_view key) const override {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
  void define(sdk::ConfigKey key) override {
    if (key.default_value) values.try_emplace(key.name, *key.default_value);
  }
};

class StderrLogger : public sdk::Logger {
 public:
  bool enabled(sdk::LogLevel) const override { return true; }
  void write(sdk::LogLevel, std::string_view message) override {
    std::cerr << "plugin: " << message << "\n";
  }
};

class NoScheduler : public sdk::Scheduler {
 public:
  std::unique_ptr<sdk::TimerHandle> run_after(std::chrono::milliseconds,
                                              std::function<void()>) override {
    throw std::runtime_error("no timers in the probe");
  }
  std::unique_ptr<sdk::TimerHandle> run_every(std::chrono::milliseconds,
                                              std::function<void()>) override {
    throw std::runtime_error("no timers in the probe");
  }
  void run_blocking(std::function<void()> task) override { task(); }
};

class MapRegistry : public sdk::ExtensionRegistry {
 public:
  std::map<std::string, std::shared_ptr<void>, std::less<>> entries;

 protected:
  void add_erased(std::string_view point, std::string name,
                  std::shared_ptr<void> implementation) override {
    entries[std::string(point) + "/" + name] = std::move(implementation);
  }
  std::shared_ptr<void> find_erased(std::string_view point, std::string_view name) const override {
    auto it = entries.find(std::string(point) + "/" + std::string(name));
    return it == entries.end() ? nullptr : it->second;
  }
};

class ProbeHost : public sdk::Host {
 public:
  MapConfig config_;
  StderrLogger logger_;
  NoScheduler scheduler_;
  MapRegistry registry_;
  const sdk::ConfigView& config() const override { return config_; }
  sdk::Logger& logger(std::string_view) override { return logger_; }
  sdk::Scheduler& scheduler() override { return scheduler_; }
  sdk::ExtensionRegistry& extensions() override { return registry_; }
  int32_t node_id() const override { return 1; }
};

sdk::Action parse_action(const std::string& text) {
  static const std::map<std::string, sdk::AclOperation> ops{
      {"Read", sdk::AclOperation::kRead},       {"Write", sdk::AclOperation::kWrite},
      {"Create", sdk::AclOperation::kCreate},   {"Delete", sdk::AclOperation::kDelete},
      {"Describe", sdk::AclOperation::kDescribe}, {"Alter", sdk::AclOperation::kAlter}};
  static const std::map<std::string, sdk::ResourceType> types{
      {"topic", sdk::ResourceType::kTopic}, {"group", sdk::ResourceType::kGroup},
      {"cluster", sdk::ResourceType::kCluster}};
  auto first = text.find(':');
  auto second = text.find(':', first + 1);
  if (first == std::string::npos || second == std::string::npos) {
    throw std::invalid_argument("action '" + text + "' is not OP:TYPE:NAME");
  }
  return {ops.at(text.substr(0, first)), types.at(text.substr(first + 1, second - first - 1)),
          text.substr(second + 1)};
}

int probe(int argc, char** argv) {
  if (argc < 5) throw std::invalid_argument("usage: authorizer_probe PLUGIN.so NAME [k=v]... -- PRINCIPAL ACTION...");
  void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) throw std::runtime_error(dlerror());
  using DescriptorFn = const sdk::PluginDescriptor* (*)();
  auto descriptor_fn =
      reinterpret_cast<DescriptorFn>(dlsym(library, SKIFF_PLUGIN_DESCRIPTOR_SYMBOL));
  if (descriptor_fn == nullptr) throw std::runtime_error("no plugin descriptor");
  const sdk::PluginDescriptor* descriptor = descriptor_fn();
  if (descriptor->abi_version != SKIFF_SDK_ABI_VERSION) throw std::runtime_error("ABI differs");

  ProbeHost host;
  int i = 3;
  std::vector<std::string> settings;
  for (; i < argc && std::string(argv[i]) != "--"; ++i) settings.emplace_back(argv[i]);
  std::unique_ptr<sdk::Plugin> plugin(descriptor->create());
  plugin->declare_config(host.config_);
  for (const auto& setting : settings) {
    auto eq = setting.find('=');
    host.config_.values[setting.substr(0, eq)] = setting.substr(eq + 1);
  }
  plugin->configure(host);
  plugin->start();
  auto authorizer = host.registry_.find<sdk::Authorizer>(argv[2]);
  if (!authorizer) throw std::runtime_error(std::string("no authorizer named ") + argv[2]);

  sdk::ConnectionIdentity who;
  std::string principal = argv[i + 1];
  who.principal.type = principal.substr(0, principal.find(':'));
  who.principal.name = principal.substr(principal.find(':') + 1);
  std::vector<sdk::Action> actions;
  for (int a = i + 2; a < argc; ++a) actions.push_back(parse_action(argv[a]));
  for (bool allowed : authorizer->authorize(who, actions)) {
    std::cout << (allowed ? "allow" : "deny") << "\n";
  }
  authorizer.reset();
  host.registry_.entries.clear();
  plugin->stop();
  plugin.reset();
  dlclose(library);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return probe(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "authorizer_probe: " << e.what() << "\n";
    return 1;
  }
}
