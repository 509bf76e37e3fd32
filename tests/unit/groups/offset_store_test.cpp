// The record encodings, the expiry rule and the LMDB offset store: durable
// writes, ordered keys, group deletion, expiry inside the write transaction,
// reopening, and a bad write not failing the writes batched with it.
#include <catch2/catch.hpp>

#include "group_test_support.h"
#include "kernel/groups/lmdb_offset_store.h"
#include "kernel/groups/offset_expiry.h"
#include "kernel/groups/record_codec.h"
#include "store_test_support.h"

using namespace skiff::test::groups;
namespace ops = skiff::kernel::groups::store_ops;

namespace {

StoredOffset offset_at(int64_t offset, int64_t committed_at = 1000) {
  return StoredOffset{offset, 7, "meta-" + std::to_string(offset), committed_at, -1};
}

ops::PutOffset put(int32_t cp, const std::string& group, const std::string& topic, int32_t p,
                   StoredOffset value) {
  return ops::PutOffset{OffsetKey{cp, group, topic, p}, std::move(value)};
}

StoredGroup a_group() {
  StoredGroup g;
  g.protocol_type = "consumer";
  g.generation_id = 4;
  g.protocol_name = "range";
  g.leader = "m1";
  g.state_timestamp_ms = 123;
  g.members.push_back(StoredMember{"m1", "instance-1", "client", "/10.0.0.1", 30000, 10000,
                                   subscription({"t"}), Bytes{1, 2, 3}});
  g.members.push_back(StoredMember{"m2", std::nullopt, "client", "/10.0.0.2", 30000, 10000, {}, {}});
  return g;
}

}  // namespace

TEST_CASE("records round-trip through their encodings") {
  StoredOffset o{42, 3, "hello", 1700000000000, 1700000100000};
  CHECK(decode_offset(encode_offset(o)) == o);
  StoredGroup g = a_group();
  CHECK(decode_group(encode_group(g)) == g);
  StoredGroup empty;
  CHECK(decode_group(encode_group(empty)) == empty);
  OffsetKey k{7, "group", "topic", 12};
  OffsetKey back = decode_offset_key(offset_key(k));
  CHECK(back.coordinator_partition == 7);
  CHECK(back.group == "group");
  CHECK(back.topic == "topic");
  CHECK(back.partition == 12);
  CHECK(decode_group_key(group_key(7, "group")) == "group");
  CHECK_THROWS(decode_offset(std::string_view("\x00\x09", 2)));
}

TEST_CASE("a group's key prefixes its offsets and no other group's") {
  std::string ab = group_key(1, "ab");
  CHECK(offset_key(OffsetKey{1, "ab", "t", 0}).rfind(ab, 0) == 0);
  CHECK(offset_key(OffsetKey{1, "abc", "t", 0}).rfind(ab, 0) != 0);
  CHECK(offset_key(OffsetKey{2, "ab", "t", 0}).rfind(ab, 0) != 0);
}

TEST_CASE("the expiry rule") {
  ExpiryRule rule{10'000, 1000, std::nullopt, std::nullopt};
  CHECK(offset_expired("t", StoredOffset{1, -1, "", 9000, -1}, rule));
  CHECK_FALSE(offset_expired("t", StoredOffset{1, -1, "", 9001, -1}, rule));
  // An explicit expire time wins.
  CHECK_FALSE(offset_expired("t", StoredOffset{1, -1, "", 0, 10'001}, rule));
  CHECK(offset_expired("t", StoredOffset{1, -1, "", 9999, 10'000}, rule));
  // A base time (when the group became Empty) replaces the commit time.
  rule.base_ms = 9500;
  CHECK_FALSE(offset_expired("t", StoredOffset{1, -1, "", 0, -1}, rule));
  rule.base_ms = 9000;
  rule.keep = std::set<std::string>{"kept"};
  CHECK_FALSE(offset_expired("kept", StoredOffset{1, -1, "", 0, -1}, rule));
  CHECK(offset_expired("other", StoredOffset{1, -1, "", 0, -1}, rule));
}

TEST_CASE("the LMDB store keeps offsets and groups across reopening") {
  skiff::test::TempDir dir;
  NullLogger log;
  {
    LmdbOffsetStore store(dir.path(), 50, log);
    auto r = write_and_wait(store, {put(3, "g", "t", 0, offset_at(10)), put(3, "g", "t", 1, offset_at(11)),
                                    put(3, "g", "u", 0, offset_at(12)), put(4, "h", "t", 0, offset_at(13)),
                                    ops::PutGroup{3, "g", a_group()}});
    CHECK(r.error == ErrorCode::kNone);
    CHECK(store.get_offset(OffsetKey{3, "g", "t", 1}) == offset_at(11));
  }
  LmdbOffsetStore store(dir.path(), 50, log);
  CHECK(store.get_offset(OffsetKey{3, "g", "t", 0}) == offset_at(10));
  CHECK_FALSE(store.get_offset(OffsetKey{3, "g", "t", 9}));
  CHECK_FALSE(store.get_offset(OffsetKey{4, "g", "t", 0}));
  std::vector<std::string> seen;
  store.for_each_offset(3, "g", [&](const std::string& topic, int32_t p, const StoredOffset& o) {
    seen.push_back(topic + "-" + std::to_string(p) + "=" + std::to_string(o.offset));
  });
  CHECK(seen == std::vector<std::string>{"t-0=10", "t-1=11", "u-0=12"});
  CHECK(store.has_offsets(4, "h"));
  CHECK_FALSE(store.has_offsets(4, "g"));

  auto contents = store.load_partition(3);
  REQUIRE(contents.groups.size() == 1);
  CHECK(contents.groups[0].first == "g");
  CHECK(contents.groups[0].second == a_group());
  CHECK(contents.groups_with_offsets == std::vector<std::string>{"g"});
  CHECK(store.load_partition(4).groups_with_offsets == std::vector<std::string>{"h"});
  CHECK(store.load_partition(5).groups.empty());
}

TEST_CASE("deleting a group deletes its metadata and every offset, and nothing else") {
  skiff::test::TempDir dir;
  NullLogger log;
  LmdbOffsetStore store(dir.path(), 50, log);
  write_and_wait(store, {put(1, "g", "t", 0, offset_at(1)), put(1, "g2", "t", 0, offset_at(2)),
                         ops::PutGroup{1, "g", a_group()}});
  write_and_wait(store, {ops::DeleteGroup{1, "g"}});
  CHECK_FALSE(store.has_offsets(1, "g"));
  CHECK(store.has_offsets(1, "g2"));
  CHECK(store.load_partition(1).groups.empty());
  write_and_wait(store, {ops::DeleteOffset{OffsetKey{1, "g2", "t", 0}}});
  CHECK_FALSE(store.has_offsets(1, "g2"));
}

TEST_CASE("expiry runs inside the write and counts what it removed") {
  skiff::test::TempDir dir;
  NullLogger log;
  LmdbOffsetStore store(dir.path(), 50, log);
  write_and_wait(store, {put(1, "g", "old", 0, offset_at(1, 1000)), put(1, "g", "new", 0, offset_at(2, 5000))});
  auto r = write_and_wait(store, {ops::ExpireOffsets{1, "g", ExpiryRule{6000, 2000, std::nullopt, std::nullopt}}});
  CHECK(r.expired == 1);
  CHECK_FALSE(store.get_offset(OffsetKey{1, "g", "old", 0}));
  CHECK(store.get_offset(OffsetKey{1, "g", "new", 0}));
}

TEST_CASE("a write that cannot be stored fails alone") {
  skiff::test::TempDir dir;
  NullLogger log;
  LmdbOffsetStore store(dir.path(), 50, log);
  std::string huge_topic(600, 'x');  // longer than any LMDB key
  Eventually<StoreWriteResult> bad, good;
  auto bad_cb = bad.callback();
  auto good_cb = good.callback();
  store.write({put(1, "g", huge_topic, 0, offset_at(1))}, [bad_cb](const StoreWriteResult& r) { bad_cb(r); });
  store.write({put(1, "g", "t", 0, offset_at(2))}, [good_cb](const StoreWriteResult& r) { good_cb(r); });
  CHECK(bad.get().error == ErrorCode::kKafkaStorageError);
  CHECK(good.get().error == ErrorCode::kNone);
  CHECK(store.get_offset(OffsetKey{1, "g", "t", 0}) == offset_at(2));
  CHECK_FALSE(store.get_offset(OffsetKey{1, "g", huge_topic, 0}));
}

TEST_CASE("the store refuses to open with another partition count") {
  skiff::test::TempDir dir;
  NullLogger log;
  { LmdbOffsetStore store(dir.path(), 50, log); }
  CHECK_THROWS_WITH(LmdbOffsetStore(dir.path(), 10, log), Catch::Contains("offsets.topic.num.partitions=50"));
}
