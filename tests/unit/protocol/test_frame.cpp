// Request frame parsing (header versions 0-2, unknown API keys, truncation) and the
// API table.
#include <catch2/catch.hpp>

#include "kernel/protocol/frame.h"
#include "kernel/protocol/generated/api_table.h"
#include "kernel/protocol/generated/fetch_request.h"
#include "kernel/protocol/generated/produce_request.h"
#include "tests/unit/protocol/bytes_util.h"

using namespace skiff::protocol;
using skiff::protocol::test::hex;

TEST_CASE("request header v1: classic nullable client id") {
  const auto bytes = hex("0003 0001 0000002a ffff 00000000");  // Metadata v1, null client id
  RequestFrame f = parse_request_frame(bytes.data(), bytes.size());
  CHECK(f.known_api());
  CHECK(f.header_version == 1);
  CHECK(f.header.request_api_key == 3);
  CHECK(f.header.request_api_version == 1);
  CHECK(f.header.correlation_id == 42);
  CHECK_FALSE(f.header.client_id.has_value());
  CHECK(f.body_offset == 10);
}

TEST_CASE("request header v0: ControlledShutdown v0 has no client id") {
  const auto bytes = hex("0007 0000 00000001 00000005");
  RequestFrame f = parse_request_frame(bytes.data(), bytes.size());
  CHECK(f.header_version == 0);
  CHECK(f.body_offset == 8);
}

TEST_CASE("request header v2 keeps unknown tagged fields") {
  const auto bytes = hex("0012 0003 00000001 0001 78 01 05 01 ff");
  RequestFrame f = parse_request_frame(bytes.data(), bytes.size());
  CHECK(f.header_version == 2);
  CHECK(f.header.client_id == "x");
  REQUIRE(f.header.unknown_tagged_fields.size() == 1);
  CHECK(f.header.unknown_tagged_fields[0].tag == 5);
  CHECK(f.body_offset == bytes.size());
}

TEST_CASE("unsupported versions of known APIs use their API's header version") {
  // ApiVersions v99 from a newer client: header v2, so it can be answered.
  const auto bytes = hex("0012 0063 00000001 0001 78 00");
  RequestFrame f = parse_request_frame(bytes.data(), bytes.size());
  CHECK(f.header_version == 2);
  CHECK(f.header.request_api_version == 99);
  CHECK(f.body_offset == bytes.size());
}

TEST_CASE("unknown api keys: only key, version and correlation id") {
  const auto bytes = hex("7fff 0001 0000000b 0003 616263");
  RequestFrame f = parse_request_frame(bytes.data(), bytes.size());
  CHECK_FALSE(f.known_api());
  CHECK(f.header.request_api_key == 0x7fff);
  CHECK(f.header.request_api_version == 1);
  CHECK(f.header.correlation_id == 11);
  CHECK(f.body_offset == 8);
}

TEST_CASE("truncated request headers throw") {
  for (const char* text : {"", "00", "0003 00", "0003 0001 0000", "0003 0001 0000002a 00",
                           "0003 0001 0000002a 0005 6162", "0012 0003 00000001 0001 78"}) {
    INFO(text);
    const auto bytes = hex(text);
    CHECK_THROWS_AS(parse_request_frame(bytes.data(), bytes.size()), DecodeError);
  }
}

TEST_CASE("API table") {
  const ApiInfo* produce = find_api(0);
  REQUIRE(produce != nullptr);
  CHECK(std::string(produce->name) == "Produce");
  CHECK(produce->min_version == ProduceRequest::kMinVersion);
  CHECK(produce->max_version == ProduceRequest::kMaxVersion);
  CHECK(produce->first_flexible_version == 9);
  CHECK(static_cast<int16_t>(ApiKey::kFetch) == FetchRequest::kApiKey);
  CHECK(find_api(-1) == nullptr);
  CHECK(find_api(10000) == nullptr);

  int16_t previous = -1;
  for (const ApiInfo& api : all_apis()) {
    CHECK(api.api_key > previous);
    previous = api.api_key;
    CHECK(find_api(api.api_key) == &api);
  }

  CHECK(request_header_version(0, 8) == 1);
  CHECK(request_header_version(0, 9) == 2);
  CHECK(request_header_version(7, 0) == 0);
  CHECK(request_header_version(7, 1) == 1);
  CHECK(request_header_version(18, 3) == 2);
  CHECK(request_header_version(999, 0) == -1);
  CHECK(response_header_version(0, 8) == 0);
  CHECK(response_header_version(0, 9) == 1);
  CHECK(response_header_version(18, 3) == 0);
  CHECK(response_header_version(999, 0) == -1);
}

TEST_CASE("unknown api keys parse with a header version given (plugins' APIs)") {
  const auto bytes = hex("2711 0001 0000000b 0003 616263 00 ee");  // key 10001, v1, header v2
  RequestFrame f = parse_request_frame(bytes.data(), bytes.size(), 2);
  CHECK(f.header_version == 2);
  CHECK(f.header.request_api_key == 10001);
  CHECK(f.header.client_id == "abc");
  CHECK(f.body_offset == bytes.size() - 1);
  CHECK(parse_request_frame(bytes.data(), bytes.size(), -1).body_offset == 8);
  // The response header version given: v1 carries (empty) tagged fields.
  CHECK(finish_frame(start_response_frame(int16_t{1}, 9)).flatten() == hex("00000005 00000009 00"));
  CHECK(finish_frame(start_response_frame(int16_t{0}, 9)).flatten() == hex("00000004 00000009"));
}

TEST_CASE("request frames written for clients parse back") {
  Writer w = start_request_frame(0, 9, 77, std::string("me"));
  ProduceRequest req;
  req.acks = 1;
  req.encode(w, 9);
  const auto bytes = finish_frame(std::move(w)).flatten();
  RequestFrame f = parse_request_frame(bytes.data() + 4, bytes.size() - 4);
  CHECK(f.header_version == 2);
  CHECK(f.header.correlation_id == 77);
  Reader body(bytes.data() + 4 + f.body_offset, bytes.size() - 4 - f.body_offset);
  ProduceRequest decoded;
  decoded.decode(body, 9);
  CHECK(decoded == req);
  CHECK_THROWS_AS(start_request_frame(999, 0, 1, std::nullopt), EncodeError);
}
