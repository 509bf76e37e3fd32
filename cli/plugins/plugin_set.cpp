// Loading a plugin directory and configuring its plugins on demand.
#include "plugins/plugin_set.h"

#include <algorithm>
#include <cstdio>

#include "common/errors.h"

namespace skiff::cli {

namespace {

std::string plugin_name(const PluginLibrary& library) {
  const char* name = library.descriptor().name;
  return name && *name ? name : library.file().stem().string();
}

}  // namespace

PluginSet::PluginSet(const std::filesystem::path& directory,
                     const std::vector<Property>& properties)
    : directory_(directory), config_(properties) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    throw CommandError("plugin directory " + directory.string() +
                       " does not exist (set --plugin-path or SKIFF_PLUGIN_PATH)");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".so") files.push_back(entry.path());
  }
  if (ec) throw CommandError("cannot read plugin directory " + directory.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());

  for (const auto& file : files) {
    Loaded loaded;
    loaded.library = PluginLibrary::open(file);
    loaded.plugin = loaded.library->create();
    loaded.host = std::make_unique<CliHost>(plugin_name(*loaded.library), config_, scheduler_,
                                            extensions_);
    try {
      loaded.plugin->declare_config(config_);
    } catch (const std::exception& e) {
      throw CommandError("plugin " + file.string() + " failed to declare its config: " + e.what());
    }
    loaded_.push_back(std::move(loaded));
  }
  config_.validate();
  for (const auto& key : config_.undeclared()) {
    std::fprintf(stderr, "skiff: warning: no plugin in %s declares property '%s'\n",
                 directory.c_str(), key.c_str());
  }
}

PluginSet::~PluginSet() {
  extensions_.clear();
  for (auto it = loaded_.rbegin(); it != loaded_.rend(); ++it) {
    if (!it->started) continue;
    try {
      it->plugin->stop();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "skiff: warning: plugin %s failed to stop: %s\n",
                   it->library->file().c_str(), e.what());
    }
  }
  while (!loaded_.empty()) loaded_.pop_back();  // reverse load order
}

std::vector<PluginSet::Loaded*> PluginSet::configure_order(const std::string& name) {
  // A plugin named after what is asked for, or after its kind, most likely provides it.
  auto rank = [&](const Loaded& l) {
    auto plugin = plugin_name(*l.library);
    auto stem = l.library->file().stem().string();
    if (plugin == name || stem == name) return 0;
    if (plugin.find(name) != std::string::npos || stem.find(name) != std::string::npos) return 1;
    if (plugin.find("partitioner") != std::string::npos) return 2;
    return 3;
  };
  std::vector<Loaded*> order;
  for (auto& l : loaded_) order.push_back(&l);
  std::stable_sort(order.begin(), order.end(),
                   [&](const Loaded* a, const Loaded* b) { return rank(*a) < rank(*b); });
  return order;
}

void PluginSet::configure(Loaded& loaded) {
  loaded.configured = true;
  extensions_.set_registrant(plugin_name(*loaded.library));
  try {
    loaded.plugin->configure(*loaded.host);
  } catch (const std::exception& e) {
    loaded.failure = e.what();
  }
}

void PluginSet::start_owner(const std::string& name) {
  for (auto& l : loaded_) {
    if (plugin_name(*l.library) != name || l.started) continue;
    try {
      l.plugin->start();
    } catch (const std::exception& e) {
      throw CommandError("plugin " + l.library->file().string() + " failed to start: " + e.what());
    }
    l.started = true;
  }
}

std::string PluginSet::not_found(std::string_view point, const std::string& name) const {
  std::string message = "no " + std::string(point) + " named '" + name + "' in " +
                        directory_.string();
  auto available = extensions_.names(point);
  if (available.empty()) message += " (none registered)";
  for (size_t i = 0; i < available.size(); ++i) {
    message += (i == 0 ? " (available: " : ", ") + available[i];
  }
  if (!available.empty()) message += ")";
  for (const auto& l : loaded_) {
    if (!l.failure.empty()) {
      message += "\n  plugin " + l.library->file().string() + " failed to configure: " + l.failure;
    }
  }
  return message;
}

std::shared_ptr<void> PluginSet::find_erased(std::string_view point, const std::string& name) {
  auto found = extensions_.lookup(point, name);
  for (Loaded* candidate : configure_order(name)) {
    if (found) break;
    if (candidate->configured) continue;
    configure(*candidate);
    found = extensions_.lookup(point, name);
  }
  if (!found) throw CommandError(not_found(point, name));
  start_owner(found->plugin);
  return found->implementation;
}

}  // namespace skiff::cli
