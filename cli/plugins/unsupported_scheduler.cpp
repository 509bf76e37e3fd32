// Refusing scheduler requests in the CLI.
#include "plugins/unsupported_scheduler.h"

#include <stdexcept>

namespace skiff::cli {

namespace {
[[noreturn]] void refuse(const char* what) {
  throw std::runtime_error(std::string("Scheduler::") + what +
                           " is not available to plugins in the skiff command-line tool");
}
}  // namespace

std::unique_ptr<sdk::TimerHandle> UnsupportedScheduler::run_after(std::chrono::milliseconds,
                                                                  std::function<void()>) {
  refuse("run_after");
}

std::unique_ptr<sdk::TimerHandle> UnsupportedScheduler::run_every(std::chrono::milliseconds,
                                                                  std::function<void()>) {
  refuse("run_every");
}

void UnsupportedScheduler::run_blocking(std::function<void()>) { refuse("run_blocking"); }

}  // namespace skiff::cli
