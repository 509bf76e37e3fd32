// Tagged fields: written only when not default, in tag order merged with unknown
// ones; unknown tags preserved through decode and encode at every struct level; a
// tag is known only in the versions its field is tagged in.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kernel/protocol/generated/fetch_request.h"
#include "kernel/protocol/generated/fetch_response.h"
#include "tests/unit/protocol/bytes_util.h"

using namespace skiff::protocol;
using skiff::protocol::test::hex;

namespace {

std::vector<uint8_t> encode(const FetchRequest& m, int16_t version) {
  Writer w;
  m.encode(w, version);
  return std::move(w).finish().flatten();
}

FetchRequest decode(const std::vector<uint8_t>& bytes, int16_t version) {
  Reader r(bytes.data(), bytes.size());
  FetchRequest m;
  m.decode(r, version);
  REQUIRE(r.at_end());
  return m;
}

bool ends_with(const std::vector<uint8_t>& bytes, const std::vector<uint8_t>& suffix) {
  return bytes.size() >= suffix.size() &&
         std::equal(suffix.begin(), suffix.end(), bytes.end() - suffix.size());
}

}  // namespace

TEST_CASE("default tagged fields are not written") {
  FetchRequest req;
  CHECK(ends_with(encode(req, 13), hex("01 01 01 00")));  // topics, forgotten, rack, no tags
}

TEST_CASE("known and unknown tags are written in tag order and preserved") {
  FetchRequest req;
  req.cluster_id = "c1";                                   // tag 0
  req.unknown_tagged_fields.push_back({1, {0xAA, 0xBB}});  // tag 1: unknown before v15
  const auto bytes = encode(req, 13);
  CHECK(ends_with(bytes, hex("02 00 03 03 6331 01 02 aabb")));
  FetchRequest decoded = decode(bytes, 13);
  CHECK(decoded.cluster_id == "c1");
  CHECK(decoded.unknown_tagged_fields == req.unknown_tagged_fields);
  CHECK(encode(decoded, 13) == bytes);
}

TEST_CASE("a tag is known only where its field is tagged") {
  FetchRequest req;
  req.replica_state.replica_id = 3;
  req.replica_state.replica_epoch = 4;
  // ReplicaState is v15+ and not ignorable.
  CHECK_THROWS_AS(encode(req, 14), EncodeError);
  const auto v15 = encode(req, 15);
  CHECK(ends_with(v15, hex("01 01 0d 00000003 0000000000000004 00")));
  CHECK(decode(v15, 15).replica_state.replica_id == 3);

  // The same tag in v14 bytes is not ReplicaState, just an unknown field.
  FetchRequest old;
  old.unknown_tagged_fields.push_back({1, hex("00000003 0000000000000004 00")});
  const auto v14 = encode(old, 14);
  CHECK(ends_with(v14, hex("01 01 0d 00000003 0000000000000004 00")));
  CHECK(decode(v14, 14).unknown_tagged_fields == old.unknown_tagged_fields);
}

TEST_CASE("a known tag whose value has the wrong size is an error") {
  FetchRequest req;
  req.unknown_tagged_fields.push_back({1, {0xAA, 0xBB}});
  CHECK_THROWS_AS(decode(encode(req, 15), 15), DecodeError);
  FetchRequest longer;
  longer.unknown_tagged_fields.push_back({1, hex("00000003 0000000000000004 00 ff")});
  CHECK_THROWS_AS(decode(encode(longer, 15), 15), DecodeError);
}

TEST_CASE("unknown tags are preserved in nested structs") {
  FetchResponse resp;
  auto& topic = resp.responses.emplace_back();
  topic.unknown_tagged_fields.push_back({7, {1}});
  auto& partition = topic.partitions.emplace_back();
  partition.diverging_epoch.epoch = 2;  // known tag 0
  partition.unknown_tagged_fields.push_back({9, {2, 3}});
  partition.records = Records::empty();
  Writer w;
  resp.encode(w, 12);
  const auto bytes = std::move(w).finish().flatten();
  Reader r(bytes.data(), bytes.size());
  FetchResponse decoded;
  decoded.decode(r, 12);
  CHECK(r.at_end());
  CHECK(decoded == resp);
  CHECK(decoded.responses[0].unknown_tagged_fields == topic.unknown_tagged_fields);
  CHECK(decoded.responses[0].partitions[0].unknown_tagged_fields ==
        partition.unknown_tagged_fields);
}
