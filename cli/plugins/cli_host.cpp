// Loggers for a plugin hosted by the CLI.
#include "plugins/cli_host.h"

namespace skiff::cli {

sdk::Logger& CliHost::logger(std::string_view subsystem) {
  std::lock_guard lock(loggers_mutex_);
  auto it = loggers_.find(subsystem);
  if (it == loggers_.end()) {
    it = loggers_
             .emplace(std::string(subsystem),
                      std::make_unique<StderrLogger>(plugin_name_ + "/" + std::string(subsystem),
                                                     sdk::LogLevel::kInfo))
             .first;
  }
  return *it->second;
}

}  // namespace skiff::cli
