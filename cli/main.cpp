// `skiff`: Kafka-style command-line tools (topics, configs, console producer and
// consumer) for Skiff or any Kafka cluster. Dispatches to one Command per subcommand.
#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands/commands.h"
#include "common/errors.h"

namespace {

using skiff::cli::Command;

std::vector<std::unique_ptr<Command>> all_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(skiff::cli::make_topics_command());
  commands.push_back(skiff::cli::make_configs_command());
  commands.push_back(skiff::cli::make_produce_command());
  commands.push_back(skiff::cli::make_consume_command());
  commands.push_back(skiff::cli::make_users_command());
  commands.push_back(skiff::cli::make_groups_command());
  commands.push_back(skiff::cli::make_acls_command());
  return commands;
}

void print_version() {
  std::cout << "skiff " << SKIFF_CLI_VERSION << " (librdkafka " << rd_kafka_version_str()
            << ")\n";
}

std::string overview(const std::vector<std::unique_ptr<Command>>& commands) {
  std::string out =
      "Usage: skiff <command> [options]\n\n"
      "Kafka-style tools for Skiff and other Kafka-compatible clusters.\n\nCommands:\n";
  for (const auto& c : commands) {
    out += "  " + std::string(c->name()) + std::string(10 - c->name().size(), ' ') +
           std::string(c->summary()) + "\n";
  }
  out +=
      "\nOptions:\n  --help     Show this help\n  --version  Print the version\n\n"
      "Run 'skiff <command> --help' for the options of a command.\n";
  return out;
}

skiff::cli::OptionTable options_of(const Command& command) {
  skiff::cli::OptionTable options;
  command.declare_options(options);
  options.flag("help", "Show this help");
  options.flag("version", "Print the version");
  return options;
}

std::string help_of(const Command& command) {
  return "Usage: skiff " + std::string(command.name()) + " " + std::string(command.synopsis()) +
         "\n\n" + std::string(command.summary()) + ".\n\nOptions:\n" +
         options_of(command).describe();
}

int run_command(Command& command, const std::vector<std::string_view>& args) {
  std::string prefix = "skiff " + std::string(command.name()) + ": ";
  // --help wins over everything else on the line, even options that don't parse.
  for (auto arg : args) {
    if (arg == "--help") {
      std::cout << help_of(command);
      return skiff::cli::kExitOk;
    }
  }
  try {
    auto parsed = options_of(command).parse(args);
    if (parsed.has("version")) {
      print_version();
      return skiff::cli::kExitOk;
    }
    return command.run(parsed);
  } catch (const skiff::cli::UsageError& e) {
    std::cerr << prefix << e.what() << "\nRun 'skiff " << command.name()
              << " --help' for usage.\n";
    return skiff::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << prefix << "error: " << e.what() << "\n";
    return skiff::cli::kExitFailure;
  }
}

}  // namespace

int main(int argc, char** argv) {
  auto commands = all_commands();
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << overview(commands);
    return skiff::cli::kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << overview(commands);
    return skiff::cli::kExitOk;
  }
  if (args[0] == "--version") {
    print_version();
    return skiff::cli::kExitOk;
  }
  for (auto& command : commands) {
    if (command->name() == args[0]) {
      return run_command(*command, {args.begin() + 1, args.end()});
    }
  }
  std::cerr << "skiff: unknown command '" << args[0] << "'\n"
            << "Run 'skiff --help' for the list of commands.\n";
  return skiff::cli::kExitUsage;
}
