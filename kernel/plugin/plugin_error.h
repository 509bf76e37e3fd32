// PluginError: a plugin could not be loaded, declared, configured or started.
// The message always names the plugin (or its file) and what to do about it.
#pragma once

#include <stdexcept>
#include <string>

namespace skiff::kernel {

class PluginError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace skiff::kernel
