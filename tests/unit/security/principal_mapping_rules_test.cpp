// ssl.principal.mapping.rules: Kafka's syntax and semantics (first matching rule
// wins, $n replacements, L/U case folding, DEFAULT, no match refused, bad rules).
#include <catch2/catch.hpp>

#include "kernel/security/principal_mapping_rules.h"

using skiff::kernel::security::PrincipalMappingRules;

TEST_CASE("DEFAULT keeps the whole subject") {
  auto rules = PrincipalMappingRules::parse("DEFAULT");
  CHECK(rules.apply("CN=alice,OU=eng,O=acme") == "CN=alice,OU=eng,O=acme");
}

TEST_CASE("Kafka's documented example rules") {
  auto rules = PrincipalMappingRules::parse(
      "RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/,"
      "RULE:^CN=(.*?),OU=(.*?),O=(.*?),L=(.*?),ST=(.*?),C=(.*?)$/$1@$2/L,"
      "RULE:^.*[Cc][Nn]=([a-zA-Z0-9.]*).*$/$1/U,"
      "DEFAULT");
  CHECK(rules.apply("CN=kafka-svc,OU=ServiceUsers,O=Unknown") == "kafka-svc");
  CHECK(rules.apply("CN=Adam,OU=Eng,O=Acme,L=Here,ST=There,C=US") == "adam@eng");
  CHECK(rules.apply("OU=x,cn=bob.smith,O=y") == "BOB.SMITH");
}

TEST_CASE("the first matching rule wins and no match refuses") {
  auto rules = PrincipalMappingRules::parse(" RULE:^CN=([a-z]+)$/$1/ , RULE:^CN=(.*)$/other/ ");
  CHECK(rules.apply("CN=alice") == "alice");
  CHECK(rules.apply("CN=Alice") == "other");
  CHECK(!rules.apply("O=acme").has_value());
}

TEST_CASE("escaped slashes stay in the pattern") {
  auto rules = PrincipalMappingRules::parse("RULE:^CN=a\\/b$/ab/");
  CHECK(rules.apply("CN=a/b") == "ab");
}

TEST_CASE("malformed rules are refused with a message") {
  CHECK_THROWS_AS(PrincipalMappingRules::parse("RULE:^CN=(.*)$"), std::invalid_argument);
  CHECK_THROWS_AS(PrincipalMappingRules::parse("NOPE"), std::invalid_argument);
  CHECK_THROWS_AS(PrincipalMappingRules::parse("RULE:^CN=((.*$/$1/"), std::invalid_argument);
  CHECK_THROWS_AS(PrincipalMappingRules::parse("DEFAULT x"), std::invalid_argument);
  CHECK_THROWS_AS(PrincipalMappingRules::parse(""), std::invalid_argument);
}
