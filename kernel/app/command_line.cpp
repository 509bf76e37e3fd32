#include "kernel/app/command_line.h"

#include <stdexcept>
#include <string_view>

namespace skiff::kernel::app {

std::string usage() {
  return "usage: skiffd server.properties [--override key=value]... [--check-config]\n"
         "              [--config-reference] [--version] [--help]\n"
         "Every *.conf in conf.d/ beside server.properties (or config.d.dir) is read after\n"
         "it, in lexical order; --override values win over both.\n";
}

CommandLine parse_command_line(int argc, char** argv) {
  CommandLine cl;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--override") {
      if (i + 1 >= argc) throw std::invalid_argument("--override needs key=value");
      std::string value = argv[++i];
      if (value.find('=') == std::string::npos) {
        throw std::invalid_argument("--override '" + value + "' is not key=value");
      }
      cl.overrides.push_back(std::move(value));
    } else if (arg.starts_with("--override=")) {
      cl.overrides.emplace_back(arg.substr(11));
    } else if (arg == "--check-config") {
      cl.check_config = true;
    } else if (arg == "--config-reference") {
      cl.config_reference = true;
    } else if (arg == "--version") {
      cl.version = true;
    } else if (arg == "--help" || arg == "-h") {
      cl.help = true;
    } else if (arg.starts_with("-")) {
      throw std::invalid_argument("unknown option '" + std::string(arg) + "'");
    } else if (cl.config_file.empty()) {
      cl.config_file = arg;
    } else {
      throw std::invalid_argument("more than one config file given ('" + cl.config_file +
                                  "' and '" + std::string(arg) + "')");
    }
  }
  return cl;
}

}  // namespace skiff::kernel::app
