#include "kernel/plugin/extension_registry.h"

#include <mutex>

#include "kernel/plugin/plugin_error.h"

namespace skiff::kernel {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

}  // namespace

void ExtensionRegistryImpl::add_owned(std::string_view owner, std::string_view point,
                                      std::string name, std::shared_ptr<void> implementation) {
  std::unique_lock lock(mutex_);
  auto p = points_.find(point);
  if (p == points_.end()) p = points_.emplace(std::string(point), Point{}).first;
  if (auto it = p->second.find(name); it != p->second.end()) {
    throw PluginError("'" + std::string(point) + "' extension '" + name + "' is registered by both " +
                      it->second.owner + " and " + std::string(owner));
  }
  p->second.emplace(std::move(name), Registered{std::move(implementation), std::string(owner)});
}

std::shared_ptr<void> ExtensionRegistryImpl::lookup(std::string_view point, std::string_view name) const {
  std::shared_lock lock(mutex_);
  if (name.empty()) {
    auto s = selections_.find(point);
    if (s == selections_.end()) return nullptr;
    name = s->second.name;
  }
  auto p = points_.find(point);
  if (p == points_.end()) return nullptr;
  auto it = p->second.find(name);
  return it == p->second.end() ? nullptr : it->second.implementation;
}

void ExtensionRegistryImpl::select(std::string_view point, std::string name, std::string origin) {
  std::unique_lock lock(mutex_);
  if (name.empty()) {
    selections_.erase(std::string(point));
    return;
  }
  selections_[std::string(point)] = {std::move(name), std::move(origin)};
}

std::optional<std::string> ExtensionRegistryImpl::selected(std::string_view point) const {
  std::shared_lock lock(mutex_);
  auto s = selections_.find(point);
  return s == selections_.end() ? std::nullopt : std::optional<std::string>(s->second.name);
}

std::vector<std::string> ExtensionRegistryImpl::check_selections() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> problems;
  for (const auto& [point, selection] : selections_) {
    auto p = points_.find(point);
    if (p != points_.end() && p->second.count(selection.name)) continue;
    auto available = names_locked(point);
    std::string setting = selection.origin.empty() ? point : selection.origin;
    problems.push_back(setting + "=" + selection.name + ": no '" + point + "' extension named '" +
                       selection.name + "'; available: " +
                       (available.empty() ? "none (is its plugin on plugin.path?)" : join(available)));
  }
  return problems;
}

std::vector<std::string> ExtensionRegistryImpl::names(std::string_view point) const {
  std::shared_lock lock(mutex_);
  return names_locked(point);
}

std::vector<ExtensionRegistryImpl::Owned> ExtensionRegistryImpl::all(std::string_view point) const {
  std::shared_lock lock(mutex_);
  std::vector<Owned> out;
  if (auto p = points_.find(point); p != points_.end()) {
    for (const auto& [name, registered] : p->second) {
      out.push_back({name, registered.owner, registered.implementation});
    }
  }
  return out;
}

std::vector<std::string> ExtensionRegistryImpl::names_locked(std::string_view point) const {
  std::vector<std::string> out;
  if (auto p = points_.find(point); p != points_.end()) {
    for (const auto& [name, _] : p->second) out.push_back(name);
  }
  return out;
}

void ExtensionRegistryImpl::remove_owned_by(std::string_view owner) {
  // Implementations are released after unlocking: their destructors may call back.
  std::vector<std::shared_ptr<void>> released;
  std::unique_lock lock(mutex_);
  for (auto& [_, point] : points_) {
    std::erase_if(point, [&](auto& entry) {
      if (entry.second.owner != owner) return false;
      released.push_back(std::move(entry.second.implementation));
      return true;
    });
  }
  lock.unlock();
  released.clear();
}

void ExtensionRegistryImpl::add_erased(std::string_view point, std::string name,
                                       std::shared_ptr<void> implementation) {
  add_owned(kKernelOwner, point, std::move(name), std::move(implementation));
}

std::shared_ptr<void> ExtensionRegistryImpl::find_erased(std::string_view point,
                                                         std::string_view name) const {
  return lookup(point, name);
}

}  // namespace skiff::kernel
