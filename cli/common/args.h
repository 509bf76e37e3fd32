// Command-line options in the style of Kafka's tools (`--name value`, `--name=value`,
// repeatable options, flags). A command declares its options once in an OptionTable,
// so parsing, validation and the --help text always agree.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace skiff::cli {

enum class OptionKind {
  kFlag,      // --name
  kValue,     // --name VALUE, at most once
  kRepeated,  // --name VALUE, any number of times, in order
};

struct OptionSpec {
  std::string name;  // without the leading dashes
  OptionKind kind = OptionKind::kFlag;
  std::string metavar;
  std::string help;
};

// The options given on one command line. Names are given without dashes.
class ParsedArgs {
 public:
  bool has(std::string_view name) const;
  std::optional<std::string> value(std::string_view name) const;
  std::string value_or(std::string_view name, std::string_view fallback) const;
  // Every value of a repeated option; empty if absent.
  const std::vector<std::string>& values(std::string_view name) const;
  // The value, or a UsageError naming the missing option.
  std::string required(std::string_view name) const;
  // The value as an integer in [min, max], or `fallback` when absent.
  int64_t integer(std::string_view name, int64_t fallback, int64_t min, int64_t max) const;
  // Which one of `names` was given; a UsageError if none or several were.
  std::string exactly_one_of(std::initializer_list<std::string_view> names) const;
  // A UsageError if `name` was given together with any of `others`.
  void forbid_together(std::string_view name, std::initializer_list<std::string_view> others) const;

  void add(const std::string& name, std::optional<std::string> value);

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

class OptionTable {
 public:
  void flag(std::string name, std::string help);
  void value(std::string name, std::string metavar, std::string help);
  void repeated(std::string name, std::string metavar, std::string help);

  // Parses `args` (everything after the command name). Throws UsageError for an
  // unknown option, a missing value, a value given to a flag, an option given twice
  // that may appear once, or a positional argument.
  ParsedArgs parse(std::span<const std::string_view> args) const;
  // One line per option, aligned, for --help.
  std::string describe() const;

 private:
  const OptionSpec* find(std::string_view name) const;
  void add(OptionSpec spec);

  std::vector<OptionSpec> specs_;
};

}  // namespace skiff::cli
