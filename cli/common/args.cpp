// Parsing of Kafka-tool-style command lines against an OptionTable.
#include "common/args.h"

#include <algorithm>
#include <charconv>

#include "common/errors.h"

namespace skiff::cli {

namespace {
std::string dashed(std::string_view name) { return "--" + std::string(name); }
}  // namespace

bool ParsedArgs::has(std::string_view name) const { return values_.find(name) != values_.end(); }

std::optional<std::string> ParsedArgs::value(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string ParsedArgs::value_or(std::string_view name, std::string_view fallback) const {
  auto v = value(name);
  return v ? *v : std::string(fallback);
}

const std::vector<std::string>& ParsedArgs::values(std::string_view name) const {
  static const std::vector<std::string> kNone;
  auto it = values_.find(name);
  return it == values_.end() ? kNone : it->second;
}

std::string ParsedArgs::required(std::string_view name) const {
  auto v = value(name);
  if (!v) throw UsageError("missing required option " + dashed(name));
  return *v;
}

int64_t ParsedArgs::integer(std::string_view name, int64_t fallback, int64_t min,
                            int64_t max) const {
  const auto v = value(name);
  if (!v) return fallback;
  const std::string& text = *v;
  int64_t parsed = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw UsageError(dashed(name) + " expects an integer, got '" + text + "'");
  }
  if (parsed < min || parsed > max) {
    throw UsageError(dashed(name) + " must be between " + std::to_string(min) + " and " +
                     std::to_string(max) + ", got " + text);
  }
  return parsed;
}

std::string ParsedArgs::exactly_one_of(std::initializer_list<std::string_view> names) const {
  std::vector<std::string> given;
  for (auto name : names) {
    if (has(name)) given.push_back(std::string(name));
  }
  if (given.size() == 1) return given.front();
  std::string list;
  for (auto name : names) list += (list.empty() ? "" : ", ") + dashed(name);
  if (given.empty()) throw UsageError("one of " + list + " is required");
  throw UsageError("only one of " + list + " may be given");
}

void ParsedArgs::forbid_together(std::string_view name,
                                 std::initializer_list<std::string_view> others) const {
  if (!has(name)) return;
  for (auto other : others) {
    if (has(other)) throw UsageError(dashed(name) + " cannot be used with " + dashed(other));
  }
}

void ParsedArgs::add(const std::string& name, std::optional<std::string> value) {
  auto& list = values_[name];
  if (value) list.push_back(std::move(*value));
}

void OptionTable::flag(std::string name, std::string help) {
  add({std::move(name), OptionKind::kFlag, {}, std::move(help)});
}

void OptionTable::value(std::string name, std::string metavar, std::string help) {
  add({std::move(name), OptionKind::kValue, std::move(metavar), std::move(help)});
}

void OptionTable::repeated(std::string name, std::string metavar, std::string help) {
  add({std::move(name), OptionKind::kRepeated, std::move(metavar), std::move(help)});
}

void OptionTable::add(OptionSpec spec) {
  // Two commands sharing a helper must not silently declare one option twice.
  if (find(spec.name)) throw std::logic_error("option declared twice: --" + spec.name);
  specs_.push_back(std::move(spec));
}

const OptionSpec* OptionTable::find(std::string_view name) const {
  auto it = std::find_if(specs_.begin(), specs_.end(),
                         [&](const OptionSpec& s) { return s.name == name; });
  return it == specs_.end() ? nullptr : &*it;
}

ParsedArgs OptionTable::parse(std::span<const std::string_view> args) const {
  ParsedArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (!arg.starts_with("--") || arg.size() == 2) {
      throw UsageError("unexpected argument '" + std::string(arg) + "'");
    }
    std::string_view name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string_view::npos) {
      inline_value = std::string(name.substr(eq + 1));
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = find(name);
    if (!spec) throw UsageError("unknown option '" + dashed(name) + "'");
    if (spec->kind == OptionKind::kFlag) {
      if (inline_value) throw UsageError(dashed(name) + " takes no value");
      parsed.add(spec->name, std::nullopt);
      continue;
    }
    if (spec->kind == OptionKind::kValue && parsed.has(name)) {
      throw UsageError(dashed(name) + " may be given only once");
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) throw UsageError(dashed(name) + " requires a value");
      inline_value = std::string(args[++i]);
    }
    parsed.add(spec->name, std::move(inline_value));
  }
  return parsed;
}

std::string OptionTable::describe() const {
  std::vector<std::pair<std::string, const OptionSpec*>> rows;
  size_t width = 0;
  for (const auto& spec : specs_) {
    std::string left = dashed(spec.name);
    if (spec.kind != OptionKind::kFlag) left += " " + spec.metavar;
    width = std::max(width, left.size());
    rows.emplace_back(std::move(left), &spec);
  }
  std::string out;
  for (const auto& [left, spec] : rows) {
    out += "  " + left + std::string(width - left.size() + 2, ' ') + spec->help;
    if (spec->kind == OptionKind::kRepeated) out += " (repeatable)";
    out += "\n";
  }
  return out;
}

}  // namespace skiff::cli
