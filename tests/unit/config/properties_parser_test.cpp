#include <catch2/catch.hpp>

#include "kernel/config/properties_parser.h"
#include "temp_config_dir.h"

using skiff::kernel::parse_properties;
using skiff::kernel::parse_properties_file;

namespace {

// key -> value of the last entry with that key
std::string value_of(const skiff::kernel::PropertiesParse& p, std::string_view key) {
  std::string found = "<missing>";
  for (const auto& e : p.entries) {
    if (e.key == key) found = e.value;
  }
  return found;
}

}  // namespace

TEST_CASE("properties: the three separators and surrounding blanks") {
  auto p = parse_properties("a=1\nb: 2\nc 3\n  d  =  4 \ne\t:\tfive\nf=\ng\n", "x");
  REQUIRE(p.problems.empty());
  CHECK(value_of(p, "a") == "1");
  CHECK(value_of(p, "b") == "2");
  CHECK(value_of(p, "c") == "3");
  CHECK(value_of(p, "d") == "4 ");  // like Java: trailing blanks belong to the value
  CHECK(value_of(p, "e") == "five");
  CHECK(value_of(p, "f") == "");
  CHECK(value_of(p, "g") == "");
  CHECK(value_of(p, "h") == "<missing>");
}

TEST_CASE("properties: only the first separator splits; '=' may appear in values") {
  auto p = parse_properties("listeners=PLAINTEXT://:9092\nmap = A:B,C:D\nx==y\n", "x");
  CHECK(value_of(p, "listeners") == "PLAINTEXT://:9092");
  CHECK(value_of(p, "map") == "A:B,C:D");
  CHECK(value_of(p, "x") == "=y");
}

TEST_CASE("properties: comments and blank lines, with line numbers") {
  auto p = parse_properties("# comment\n! also a comment\n\n   \n  # indented comment\nk=v\n", "f");
  REQUIRE(p.entries.size() == 1);
  CHECK(p.entries[0].key == "k");
  CHECK(p.entries[0].line == 6);
}

TEST_CASE("properties: line continuation joins lines and drops leading blanks") {
  auto p = parse_properties("list=a,\\\n    b,\\\n    c\nnext=1\n", "f");
  REQUIRE(p.entries.size() == 2);
  CHECK(p.entries[0].value == "a,b,c");
  CHECK(p.entries[0].line == 1);
  CHECK(p.entries[1].line == 4);
}

TEST_CASE("properties: an even number of trailing backslashes does not continue") {
  auto p = parse_properties("path=C:\\\\\nnext=1\n", "f");
  REQUIRE(p.entries.size() == 2);
  CHECK(p.entries[0].value == "C:\\");
}

TEST_CASE("properties: a comment line never continues") {
  auto p = parse_properties("# comment \\\nk=v\n", "f");
  REQUIRE(p.entries.size() == 1);
  CHECK(p.entries[0].key == "k");
}

TEST_CASE("properties: escapes in keys and values") {
  auto p = parse_properties("a\\=b\\ c=1\nt=x\\ty\\nz\nu=\\u00e9\\u20AC\nq=\\q\\:\nemoji=\\ud83d\\ude00\n", "f");
  REQUIRE(p.problems.empty());
  CHECK(value_of(p, "a=b c") == "1");
  CHECK(value_of(p, "t") == "x\ty\nz");
  CHECK(value_of(p, "u") == "\xC3\xA9\xE2\x82\xAC");
  CHECK(value_of(p, "q") == "q:");
  CHECK(value_of(p, "emoji") == "\xF0\x9F\x98\x80");
}

TEST_CASE("properties: CRLF and CR line ends") {
  auto p = parse_properties("a=1\r\nb=2\rc=3", "f");
  REQUIRE(p.entries.size() == 3);
  CHECK(p.entries[2].value == "3");
  CHECK(p.entries[2].line == 3);
}

TEST_CASE("properties: a malformed \\u escape is a located problem; other lines still parse") {
  auto p = parse_properties("ok=1\nbad=\\u12G4\n", "server.properties");
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].to_string() == "server.properties:2: malformed \\uXXXX escape");
  CHECK(value_of(p, "ok") == "1");
}

TEST_CASE("properties: repeated keys are all kept in order") {
  auto p = parse_properties("k=1\nk=2\n", "f");
  REQUIRE(p.entries.size() == 2);
  CHECK(value_of(p, "k") == "2");
}

TEST_CASE("properties: files, and unreadable files") {
  TempConfigDir dir;
  auto file = dir.write("server.properties", "node.id=3\n");
  auto p = parse_properties_file(file);
  REQUIRE(p.entries.size() == 1);
  CHECK(p.entries[0].value == "3");

  auto missing = parse_properties_file(dir.path() / "nope.properties");
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].location == (dir.path() / "nope.properties").string());
  CHECK(missing.problems[0].message.find("cannot read") == 0);
}
