// A `skiff` subcommand: its name, a one-line summary, the options it takes and what it
// does with them. main() adds the options every command shares and handles --help.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/args.h"

namespace skiff::cli {

class Command {
 public:
  virtual ~Command() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view summary() const = 0;
  // Usage line after "skiff <name> ", e.g. "--bootstrap-server HOST:PORT --list".
  virtual std::string_view synopsis() const = 0;
  virtual void declare_options(OptionTable& options) const = 0;
  // Returns the exit status; throws UsageError or CommandError.
  virtual int run(const ParsedArgs& args) = 0;
};

}  // namespace skiff::cli
