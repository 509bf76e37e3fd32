// skiffd's command line, as kafka-server-start.sh takes it:
//   skiffd server.properties [--override key=value]... [--check-config]
//          [--config-reference] [--version] [--help]
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace skiff::kernel::app {

struct CommandLine {
  std::string config_file;
  std::vector<std::string> overrides;  // "key=value"
  bool check_config = false;           // print the effective config and exit
  bool config_reference = false;       // print every declared key as Markdown and exit
  bool version = false;
  bool help = false;
};

// Throws std::invalid_argument with a message for the user.
CommandLine parse_command_line(int argc, char** argv);
std::string usage();

}  // namespace skiff::kernel::app
