// skiffd: the Skiff broker daemon.
#include <iostream>

#include "kernel/app/broker_app.h"
#include "skiff/sdk/version.h"

int main(int argc, char** argv) {
  using namespace skiff::kernel::app;
  CommandLine command_line;
  try {
    command_line = parse_command_line(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "skiffd: " << e.what() << "\n" << usage();
    return 2;
  }
  if (command_line.help) {
    std::cout << usage();
    return 0;
  }
  if (command_line.version) {
    std::cout << "skiffd " << SKIFF_SDK_VERSION_STRING << " (plugin ABI "
              << SKIFF_SDK_ABI_VERSION << ")\n";
    return 0;
  }
  return BrokerApp(std::move(command_line)).run();
}
