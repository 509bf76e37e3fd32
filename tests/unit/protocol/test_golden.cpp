// Golden byte vectors worked out by hand from Kafka's protocol guide, proving the
// generated code encodes what Kafka expects (not merely what it decodes itself).
#include <catch2/catch.hpp>

#include "kernel/protocol/frame.h"
#include "kernel/protocol/generated/api_versions_request.h"
#include "kernel/protocol/generated/api_versions_response.h"
#include "kernel/protocol/generated/metadata_request.h"
#include "kernel/protocol/generated/produce_request.h"
#include "kernel/protocol/generated/response_header.h"
#include "tests/unit/protocol/bytes_util.h"

using namespace skiff::protocol;
using skiff::protocol::test::hex;

namespace {

template <class Message>
std::vector<uint8_t> encode(const Message& m, int16_t version) {
  Writer w;
  m.encode(w, version);
  return std::move(w).finish().flatten();
}

template <class Message>
Message decode(const std::vector<uint8_t>& bytes, int16_t version) {
  Reader r(bytes.data(), bytes.size());
  Message m;
  m.decode(r, version);
  REQUIRE(r.at_end());
  return m;
}

}  // namespace

TEST_CASE("ApiVersionsRequest v3 in a request frame") {
  ApiVersionsRequest req;
  req.client_software_name = "skiff";
  req.client_software_version = "0.1.0";
  Writer frame = start_request_frame(18, 3, 7, std::string("cli"));
  req.encode(frame, 3);
  std::vector<uint8_t> bytes = finish_frame(std::move(frame)).flatten();
  CHECK(bytes == hex(
      "0000001b"                  // frame size: 27
      "0012 0003 00000007"        // header v2: api key 18, version 3, correlation id 7
      "0003 636c69"               // client id "cli": always a classic string
      "00"                        // header tagged fields
      "06 736b696666"             // compact string "skiff"
      "06 302e312e30"             // compact string "0.1.0"
      "00"));                     // body tagged fields

  RequestFrame parsed = parse_request_frame(bytes.data() + 4, bytes.size() - 4);
  CHECK(parsed.header_version == 2);
  CHECK(parsed.header.request_api_key == 18);
  CHECK(parsed.header.request_api_version == 3);
  CHECK(parsed.header.correlation_id == 7);
  CHECK(parsed.header.client_id == "cli");
  CHECK(parsed.body_offset == 14);
  std::vector<uint8_t> body(bytes.begin() + 4 + 14, bytes.end());
  CHECK(decode<ApiVersionsRequest>(body, 3) == req);
}

TEST_CASE("ApiVersionsRequest v0 has an empty body") {
  ApiVersionsRequest req;
  CHECK(encode(req, 0).empty());
  // The v3 fields are ignorable: a v0 encoding just drops them.
  req.client_software_name = "x";
  CHECK(encode(req, 0).empty());
}

TEST_CASE("MetadataRequest v1") {
  MetadataRequest req;
  req.topics.emplace();
  req.topics->emplace_back().name = "a";
  req.topics->emplace_back().name = "bc";
  const auto bytes = hex(
      "00000002"    // two topics
      "0001 61"     // "a"
      "0002 6263"); // "bc"
  CHECK(encode(req, 1) == bytes);
  CHECK(decode<MetadataRequest>(bytes, 1) == req);

  // v1 allows a null topic list (all topics); v0 does not.
  MetadataRequest all;
  all.topics.reset();
  CHECK(encode(all, 1) == hex("ffffffff"));
  CHECK(decode<MetadataRequest>(hex("ffffffff"), 1) == all);
  CHECK_THROWS_AS(encode(all, 0), EncodeError);
  CHECK_THROWS_AS(decode<MetadataRequest>(hex("ffffffff"), 0), DecodeError);
}

TEST_CASE("a non-ignorable field the version lacks must keep its default") {
  MetadataRequest req;
  req.allow_auto_topic_creation = false;  // v4+, default true, not ignorable
  CHECK_THROWS_AS(encode(req, 3), EncodeError);
  CHECK(encode(req, 4) == hex("00000000 00"));
}

TEST_CASE("ApiVersionsResponse v0 and v3") {
  ApiVersionsResponse resp;
  auto& key = resp.api_keys.emplace_back();
  key.api_key = 18;
  key.min_version = 0;
  key.max_version = 4;
  resp.finalized_features_epoch = 5;  // tag 1 in v3+, ignorable
  CHECK(encode(resp, 0) == hex("0000 00000001 0012 0000 0004"));
  const auto v3 = hex(
      "0000"                          // error code
      "02 0012 0000 0004 00"          // one api key, with its empty tagged fields
      "00000000"                      // throttle time
      "01 01 08 0000000000000005");   // one tagged field: tag 1, 8 bytes, epoch 5
  CHECK(encode(resp, 3) == v3);
  CHECK(decode<ApiVersionsResponse>(v3, 3) == resp);
}

TEST_CASE("ProduceRequest v3 carries records as a zero-copy view") {
  ProduceRequest req;
  req.acks = -1;
  req.timeout_ms = 30000;
  auto& topic = req.topic_data.emplace_back();
  topic.name = "t";
  auto& partition = topic.partition_data.emplace_back();
  partition.index = 0;
  partition.records = Records::from_bytes({0xAA, 0xBB, 0xCC});
  auto bytes = std::make_shared<std::vector<uint8_t>>(hex(
      "ffff"                 // transactional id: null
      "ffff 00007530"        // acks -1, timeout 30000
      "00000001 0001 74"     // one topic "t"
      "00000001 00000000"    // one partition, index 0
      "00000003 aabbcc"));   // records
  CHECK(encode(req, 3) == *bytes);

  Reader r(bytes->data(), bytes->size(), bytes);
  ProduceRequest decoded;
  decoded.decode(r, 3);
  CHECK(decoded == req);
  const Records& records = decoded.topic_data[0].partition_data[0].records;
  CHECK(records.bytes().data() == bytes->data() + bytes->size() - 3);
  CHECK(records.owner() == bytes);
}

TEST_CASE("response headers: v1 has tagged fields, ApiVersions always uses v0") {
  ResponseHeader h;
  h.correlation_id = 9;
  CHECK(encode(h, 0) == hex("00000009"));
  CHECK(encode(h, 1) == hex("00000009 00"));
  // Metadata v9 is flexible: header v1. ApiVersions v3 is flexible but uses v0.
  CHECK(finish_frame(start_response_frame(3, 9, 9)).flatten() == hex("00000005 00000009 00"));
  CHECK(finish_frame(start_response_frame(18, 3, 9)).flatten() == hex("00000004 00000009"));
}

TEST_CASE("versions outside the schema's range are rejected") {
  ProduceRequest req;
  Writer w;
  CHECK_THROWS_AS(req.encode(w, ProduceRequest::kMaxVersion + 1), EncodeError);
  CHECK_THROWS_AS(req.encode(w, -1), EncodeError);
  const auto bytes = encode(req, ProduceRequest::kMaxVersion);
  CHECK_THROWS_AS(decode<ProduceRequest>(bytes, ProduceRequest::kMaxVersion + 1), DecodeError);
}
