#include "kernel/security/principal_mapping_rules.h"

#include <cctype>
#include <stdexcept>

namespace skiff::kernel::security {

namespace {

void skip_spaces(std::string_view text, size_t& i) {
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
}

// Reads up to the next '/' not preceded by a backslash; escapes are kept as written.
std::string read_until_slash(std::string_view text, size_t& i, std::string_view rule) {
  std::string out;
  while (i < text.size() && text[i] != '/') {
    if (text[i] == '\\' && i + 1 < text.size()) out.push_back(text[i++]);
    out.push_back(text[i++]);
  }
  if (i >= text.size()) {
    throw std::invalid_argument("mapping rule '" + std::string(rule) +
                                "' is not RULE:pattern/replacement/[LU]");
  }
  ++i;  // the '/'
  return out;
}

}  // namespace

PrincipalMappingRules PrincipalMappingRules::parse(std::string_view text) {
  PrincipalMappingRules out;
  size_t i = 0;
  skip_spaces(text, i);
  while (i < text.size()) {
    Rule rule;
    std::string_view rest = text.substr(i);
    if (rest.starts_with("DEFAULT")) {
      rule.is_default = true;
      i += 7;
    } else if (rest.starts_with("RULE:")) {
      i += 5;
      rule.pattern_text = read_until_slash(text, i, rest);
      rule.replacement = read_until_slash(text, i, rest);
      if (i < text.size() && (text[i] == 'L' || text[i] == 'U')) rule.case_fold = text[i++];
      try {
        rule.pattern = std::regex(rule.pattern_text, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        throw std::invalid_argument("mapping rule pattern '" + rule.pattern_text +
                                    "' is not a valid regular expression: " + e.what());
      }
    } else {
      throw std::invalid_argument("mapping rule '" + std::string(rest) +
                                  "' is neither DEFAULT nor RULE:pattern/replacement/[LU]");
    }
    skip_spaces(text, i);
    if (i < text.size()) {
      if (text[i] != ',') {
        throw std::invalid_argument("unexpected '" + std::string(text.substr(i)) +
                                    "' after a mapping rule (rules are separated by ',')");
      }
      ++i;
      skip_spaces(text, i);
    }
    out.rules_.push_back(std::move(rule));
  }
  if (out.rules_.empty()) {
    throw std::invalid_argument("ssl.principal.mapping.rules is empty (use DEFAULT)");
  }
  return out;
}

std::optional<std::string> PrincipalMappingRules::apply(const std::string& subject) const {
  for (const auto& rule : rules_) {
    if (rule.is_default) return subject;
    if (!std::regex_match(subject, rule.pattern)) continue;
    std::string name = std::regex_replace(subject, rule.pattern, rule.replacement);
    for (char& c : name) {
      if (rule.case_fold == 'L') c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (rule.case_fold == 'U') c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return name;
  }
  return std::nullopt;
}

}  // namespace skiff::kernel::security
