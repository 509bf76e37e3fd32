// Kafka's ssl.principal.mapping.rules: an ordered list of
//   RULE:<regex>/<replacement>/[L|U]   (regex must match the whole subject; $1.. refer to groups)
//   DEFAULT                             (the subject unchanged)
// applied to a client certificate's RFC 2253 subject; the first rule that matches
// gives the user name. Like Kafka, a subject no rule matches is refused.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace skiff::kernel::security {

class PrincipalMappingRules {
 public:
  // Throws std::invalid_argument naming the malformed rule.
  static PrincipalMappingRules parse(std::string_view text);

  // The mapped name; nullopt when no rule applies.
  std::optional<std::string> apply(const std::string& subject) const;

 private:
  struct Rule {
    bool is_default = false;
    std::string pattern_text;
    std::regex pattern;
    std::string replacement;
    char case_fold = 0;  // 'L', 'U' or 0
  };
  std::vector<Rule> rules_;
};

}  // namespace skiff::kernel::security
