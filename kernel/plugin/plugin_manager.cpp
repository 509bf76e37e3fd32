#include "kernel/plugin/plugin_manager.h"

#include "kernel/logging/str_format.h"
#include "kernel/plugin/plugin_discovery.h"
#include "kernel/plugin/plugin_error.h"

namespace skiff::kernel {

PluginManager::PluginManager(ExtensionRegistryImpl& registry, sdk::Logger& log)
    : registry_(registry), log_(log) {}

PluginManager::~PluginManager() {
  stop();
  for (const auto& p : plugins_) registry_.remove_owned_by(p.library->info().name);
  // All plugin objects go before any code is unloaded: one plugin may still hold
  // objects of another.
  for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) it->library->destroy_plugin();
  while (!plugins_.empty()) plugins_.pop_back();
}

void PluginManager::load_from_path(std::string_view plugin_path) {
  auto found = discover_plugins(plugin_path);
  for (const auto& missing : found.missing) {
    log_.warn(str_format("plugin.path entry {} does not exist", missing.string()));
  }
  std::string errors;
  for (const auto& file : found.files) {
    try {
      load_file(file);
    } catch (const PluginError& e) {
      errors += errors.empty() ? "" : "\n";
      errors += e.what();
    }
  }
  if (!errors.empty()) throw PluginError(errors);
}

void PluginManager::load_file(const std::filesystem::path& file) {
  auto library = PluginLibrary::open(file);
  const PluginInfo& info = library->info();
  for (const auto& p : plugins_) {
    if (p.library->info().name == info.name) {
      throw PluginError("plugin name '" + info.name + "' is used by both " +
                        p.library->info().file.string() + " and " + file.string());
    }
  }
  log_.info(str_format("loaded plugin {} (sdk {}) from {}", info.name, info.version, file.string()));
  plugins_.push_back({std::move(library), nullptr});
}

template <class Fn>
std::string PluginManager::run_stage(Loaded& plugin, std::string_view stage, Fn&& fn) {
  try {
    fn(plugin.library->plugin());
    return {};
  } catch (const std::exception& e) {
    return failure(plugin, stage, e.what());
  } catch (...) {
    return failure(plugin, stage, "unknown exception");
  }
}

std::string PluginManager::failure(const Loaded& plugin, std::string_view stage,
                                   std::string_view what) const {
  const PluginInfo& info = plugin.library->info();
  return str_format("plugin '{}' ({}) failed in {}: {}", info.name, info.file.string(), stage, what);
}

void PluginManager::declare_config(ConfigSchemaRegistry& schema) {
  for (auto& p : plugins_) {
    auto declarer = schema.declarer(p.library->info().name);
    auto error = run_stage(p, "declare_config", [&](sdk::Plugin& plugin) { plugin.declare_config(declarer); });
    if (!error.empty()) throw PluginError(error);
  }
}

void PluginManager::configure(sdk::Host& host) {
  for (auto& p : plugins_) {
    p.scope = std::make_unique<PluginScope>(p.library->info().name, host, registry_);
    auto error = run_stage(p, "configure", [&](sdk::Plugin& plugin) { plugin.configure(*p.scope); });
    if (!error.empty()) throw PluginError(error);
  }
}

void PluginManager::start() {
  for (; started_ < plugins_.size(); ++started_) {
    auto error = run_stage(plugins_[started_], "start", [](sdk::Plugin& plugin) { plugin.start(); });
    if (!error.empty()) {
      stop();  // leave nothing half-running
      throw PluginError(error);
    }
  }
}

std::vector<std::string> PluginManager::stop() {
  std::vector<std::string> errors;
  while (started_ > 0) {
    auto& p = plugins_[--started_];
    auto error = run_stage(p, "stop", [](sdk::Plugin& plugin) { plugin.stop(); });
    if (!error.empty()) {
      log_.error(error);
      errors.push_back(std::move(error));
    }
  }
  return errors;
}

std::vector<std::string> PluginManager::reconfigure(const sdk::ConfigView& config) {
  std::vector<std::string> errors;
  for (size_t i = 0; i < started_; ++i) {
    auto& p = plugins_[i];
    auto error = run_stage(p, "reconfigure", [&](sdk::Plugin& plugin) { plugin.reconfigure(config); });
    if (!error.empty()) {
      log_.error(error);
      errors.push_back(std::move(error));
    }
  }
  return errors;
}

std::vector<PluginInfo> PluginManager::plugins() const {
  std::vector<PluginInfo> out;
  for (const auto& p : plugins_) out.push_back(p.library->info());
  return out;
}

}  // namespace skiff::kernel
