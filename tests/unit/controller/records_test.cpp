// LocalController records: namespaced key/values for other subsystems.
#include <catch2/catch.hpp>

#include "local_controller.h"
#include "temp_dir.h"

using namespace skiff::controller_local;
using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("records: put, get, overwrite, delete, scan by prefix per namespace") {
  skiff::test::TempDir dir;
  {
    LocalController controller(dir.path(), 1);
    controller.put_record("scram", "SCRAM-SHA-256/alice", "a1");
    controller.put_record("scram", "SCRAM-SHA-256/bob", "b1");
    controller.put_record("scram", "SCRAM-SHA-512/alice", "a5");
    controller.put_record("acl", "SCRAM-SHA-256/zed", "not scram");
    // A namespace that is a prefix of another must not see the other's keys.
    controller.put_record("scra", "m", "short ns");

    CHECK(controller.get_record("scram", "SCRAM-SHA-256/alice") == "a1");
    CHECK_FALSE(controller.get_record("acl", "SCRAM-SHA-256/alice"));
    controller.put_record("scram", "SCRAM-SHA-256/alice", "a2");
    CHECK(controller.get_record("scram", "SCRAM-SHA-256/alice") == "a2");

    CHECK(controller.scan_records("scram", "SCRAM-SHA-256/") ==
          Pairs{{"SCRAM-SHA-256/alice", "a2"}, {"SCRAM-SHA-256/bob", "b1"}});
    CHECK(controller.scan_records("scram", "").size() == 3);
    CHECK(controller.scan_records("scra", "") == Pairs{{"m", "short ns"}});
    CHECK(controller.scan_records("none", "").empty());

    CHECK(controller.delete_record("scram", "SCRAM-SHA-256/bob"));
    CHECK_FALSE(controller.delete_record("scram", "SCRAM-SHA-256/bob"));
  }
  LocalController reopened(dir.path(), 1);
  CHECK(reopened.scan_records("scram", "") ==
        Pairs{{"SCRAM-SHA-256/alice", "a2"}, {"SCRAM-SHA-512/alice", "a5"}});
  CHECK(reopened.get_record("acl", "SCRAM-SHA-256/zed") == "not scram");
}

TEST_CASE("record values are binary-safe") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 1);
  std::string value("\0\x01\xff", 3);
  controller.put_record("bin", std::string("k\0", 2), value);
  CHECK(controller.get_record("bin", std::string("k\0", 2)) == value);
}
