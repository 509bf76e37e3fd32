#include "kernel/config/config_loader.h"

#include <algorithm>
#include <optional>
#include <system_error>

#include "kernel/config/properties_parser.h"

namespace skiff::kernel {

namespace fs = std::filesystem;

namespace {

void merge_file(const fs::path& file, LoadedLayers& out) {
  auto parsed = parse_properties_file(file);
  out.files.push_back(file.string());
  for (auto& p : parsed.problems) out.problems.push_back(std::move(p));
  for (auto& e : parsed.entries) {
    out.values[e.key] = {std::move(e.value), ConfigSource::from_file(file.string(), e.line)};
  }
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// Parses the overrides into their own layer (so conf.d can be located first).
RawConfig parse_overrides(const std::vector<std::string>& overrides,
                          std::vector<ConfigProblem>& problems) {
  RawConfig layer;
  for (const auto& arg : overrides) {
    auto eq = arg.find('=');
    std::string key = eq == std::string::npos ? std::string() : trim(std::string_view(arg).substr(0, eq));
    if (key.empty()) {
      problems.push_back({"override", "'" + arg + "' is not key=value"});
      continue;
    }
    layer[key] = {arg.substr(eq + 1), ConfigSource::override_arg()};
  }
  return layer;
}

// The conf.d directory and whether it was named explicitly (then it must exist).
struct ConfigDir {
  fs::path path;
  bool explicit_ = false;
  std::string location;
};

std::optional<ConfigDir> locate_config_dir(const LoadOptions& options, const RawConfig& main,
                                           const RawConfig& overrides) {
  fs::path base = options.main_file.empty() ? fs::current_path() : options.main_file.parent_path();
  const RawValue* named = nullptr;
  if (auto it = overrides.find(kConfigDirKey); it != overrides.end()) named = &it->second;
  else if (auto it2 = main.find(kConfigDirKey); it2 != main.end()) named = &it2->second;
  if (named) {
    fs::path dir(trim(named->value));
    return ConfigDir{dir.is_relative() ? base / dir : dir, true, named->source.to_string()};
  }
  if (options.main_file.empty()) return std::nullopt;
  return ConfigDir{base / "conf.d", false, {}};
}

std::vector<fs::path> snippets_in(const ConfigDir& dir, std::vector<ConfigProblem>& problems) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir.path, ec)) {
    if (dir.explicit_) {
      problems.push_back({dir.location, std::string(kConfigDirKey) + ": '" + dir.path.string() +
                                            "' is not a directory"});
    }
    return files;
  }
  for (const auto& entry : fs::directory_iterator(dir.path, ec)) {
    if (entry.path().extension() == ".conf" && entry.is_regular_file(ec)) {
      files.push_back(entry.path());
    }
  }
  if (ec) problems.push_back({dir.path.string(), "cannot list directory: " + ec.message()});
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  return files;
}

}  // namespace

LoadedLayers load_config_layers(const LoadOptions& options) {
  LoadedLayers out;
  RawConfig overrides = parse_overrides(options.overrides, out.problems);
  if (!options.main_file.empty()) merge_file(options.main_file, out);

  if (auto dir = locate_config_dir(options, out.values, overrides)) {
    for (const auto& file : snippets_in(*dir, out.problems)) {
      LoadedLayers snippet;
      merge_file(file, snippet);
      for (auto& p : snippet.problems) out.problems.push_back(std::move(p));
      for (auto& [key, value] : snippet.values) {
        // The snippet directory cannot move itself: it was chosen before reading it.
        if (key == kConfigDirKey) {
          out.problems.push_back({value.source.to_string(), std::string(kConfigDirKey) +
                                                                " cannot be set inside " +
                                                                dir->path.string()});
          continue;
        }
        out.values[key] = std::move(value);
      }
      out.files.push_back(file.string());
    }
  }
  for (auto& [key, value] : overrides) out.values[key] = std::move(value);
  return out;
}

std::string bootstrap_value(const RawConfig& values, const ConfigSchemaRegistry& schema,
                            std::string_view key) {
  if (auto it = values.find(key); it != values.end()) return it->second.value;
  if (auto declared = schema.find(key); declared && declared->key.default_value) {
    return *declared->key.default_value;
  }
  return {};
}

}  // namespace skiff::kernel
