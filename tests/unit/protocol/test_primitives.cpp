// Reader and Writer primitives: byte layouts, varint edge cases, and the errors on
// truncated or invalid input.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "tests/unit/protocol/bytes_util.h"

using skiff::protocol::DecodeError;
using skiff::protocol::EncodeError;
using skiff::protocol::Reader;
using skiff::protocol::TaggedField;
using skiff::protocol::Writer;
using skiff::protocol::test::encoded;
using skiff::protocol::test::hex;
using skiff::protocol::test::reader_of;

TEST_CASE("fixed-width integers are big-endian") {
  auto bytes = encoded([](Writer& w) {
    w.write_int8(-2);
    w.write_int16(0x0102);
    w.write_int32(-1);
    w.write_int64(0x0102030405060708LL);
    w.write_uint16(0xFFFE);
    w.write_uint32(0x80000001u);
    w.write_bool(true);
    w.write_float64(1.0);
  });
  CHECK(bytes == hex("fe 0102 ffffffff 0102030405060708 fffe 80000001 01 3ff0000000000000"));
  Reader r = reader_of(bytes);
  CHECK(r.read_int8() == -2);
  CHECK(r.read_int16() == 0x0102);
  CHECK(r.read_int32() == -1);
  CHECK(r.read_int64() == 0x0102030405060708LL);
  CHECK(r.read_uint16() == 0xFFFE);
  CHECK(r.read_uint32() == 0x80000001u);
  CHECK(r.read_bool());
  CHECK(r.read_float64() == 1.0);
  CHECK(r.at_end());
}

TEST_CASE("bool: any non-zero byte is true") {
  auto bytes = hex("00 02");
  Reader r = reader_of(bytes);
  CHECK_FALSE(r.read_bool());
  CHECK(r.read_bool());
}

TEST_CASE("uuid: high is the first 8 bytes") {
  skiff::sdk::Uuid id{0x0011223344556677ULL, 0x8899aabbccddeeffULL};
  auto bytes = encoded([&](Writer& w) { w.write_uuid(id); });
  CHECK(bytes == hex("0011223344556677 8899aabbccddeeff"));
  Reader r = reader_of(bytes);
  CHECK(r.read_uuid() == id);
}

TEST_CASE("unsigned varints") {
  struct Case {
    uint32_t value;
    const char* bytes;
  };
  const Case cases[] = {{0, "00"},         {1, "01"},         {127, "7f"},
                        {128, "8001"},     {300, "ac02"},     {16383, "ff7f"},
                        {16384, "808001"}, {0x0FFFFFFF, "ffffff7f"},
                        {0x10000000, "8080808001"}, {0xFFFFFFFF, "ffffffff0f"}};
  for (const auto& c : cases) {
    INFO(c.value);
    auto bytes = encoded([&](Writer& w) { w.write_uvarint(c.value); });
    CHECK(bytes == hex(c.bytes));
    Reader r = reader_of(bytes);
    CHECK(r.read_uvarint() == c.value);
    CHECK(r.at_end());
  }
}

TEST_CASE("zigzag varints and varlongs") {
  struct Case {
    int64_t value;
    const char* bytes;
  };
  const Case ints[] = {{0, "00"},  {-1, "01"},   {1, "02"},  {-64, "7f"},
                       {64, "8001"}, {-65, "8101"},
                       {std::numeric_limits<int32_t>::max(), "feffffff0f"},
                       {std::numeric_limits<int32_t>::min(), "ffffffff0f"}};
  for (const auto& c : ints) {
    INFO(c.value);
    auto bytes = encoded([&](Writer& w) { w.write_varint(static_cast<int32_t>(c.value)); });
    CHECK(bytes == hex(c.bytes));
    Reader r = reader_of(bytes);
    CHECK(r.read_varint() == c.value);
    // A varlong of a 32-bit value has the same encoding.
    Reader r2 = reader_of(bytes);
    CHECK(r2.read_varlong() == c.value);
  }
  const Case longs[] = {{std::numeric_limits<int64_t>::max(), "feffffffffffffffff01"},
                        {std::numeric_limits<int64_t>::min(), "ffffffffffffffffff01"},
                        {1LL << 35, "8080808080 02"}};
  for (const auto& c : longs) {
    INFO(c.value);
    auto bytes = encoded([&](Writer& w) { w.write_varlong(c.value); });
    CHECK(bytes == hex(c.bytes));
    Reader r = reader_of(bytes);
    CHECK(r.read_varlong() == c.value);
  }
}

TEST_CASE("malformed varints are rejected") {
  auto too_long = hex("ffffffff1f");  // bits beyond 32
  CHECK_THROWS_AS(reader_of(too_long).read_uvarint(), DecodeError);
  auto six_bytes = hex("ffffffffff01");
  CHECK_THROWS_AS(reader_of(six_bytes).read_uvarint(), DecodeError);
  auto truncated = hex("8080");
  CHECK_THROWS_AS(reader_of(truncated).read_uvarint(), DecodeError);
  auto long_too_long = hex("ffffffffffffffffff02");
  CHECK_THROWS_AS(reader_of(long_too_long).read_uvarlong(), DecodeError);
  auto eleven = hex("ffffffffffffffffffff01");
  CHECK_THROWS_AS(reader_of(eleven).read_varlong(), DecodeError);
}

TEST_CASE("truncated fixed-width reads throw") {
  auto three = hex("010203");
  CHECK_THROWS_AS(reader_of(three).read_int32(), DecodeError);
  CHECK_THROWS_AS(reader_of(three).read_int64(), DecodeError);
  CHECK_THROWS_AS(reader_of(three).read_uuid(), DecodeError);
  std::vector<uint8_t> none;
  CHECK_THROWS_AS(reader_of(none).read_int8(), DecodeError);
  CHECK_THROWS_AS(reader_of(none).read_bool(), DecodeError);
  CHECK_THROWS_AS(reader_of(three).read_raw(4), DecodeError);
}

TEST_CASE("strings: classic and compact, nullable") {
  auto bytes = encoded([](Writer& w) {
    w.write_string("abc");
    w.write_compact_string("abc");
    w.write_nullable_string(std::nullopt);
    w.write_compact_nullable_string(std::nullopt);
    w.write_string("");
    w.write_compact_string("");
  });
  CHECK(bytes == hex("0003616263 04616263 ffff 00 0000 01"));
  Reader r = reader_of(bytes);
  CHECK(r.read_string() == "abc");
  CHECK(r.read_compact_string() == "abc");
  CHECK(r.read_nullable_string() == std::nullopt);
  CHECK(r.read_compact_nullable_string() == std::nullopt);
  CHECK(r.read_string(false).empty());
  CHECK(r.read_string(true).empty());
  CHECK(r.at_end());
}

TEST_CASE("invalid string lengths are rejected before allocating") {
  auto null_string = hex("ffff");
  CHECK_THROWS_AS(reader_of(null_string).read_string(), DecodeError);
  auto negative = hex("fffe");
  CHECK_THROWS_AS(reader_of(negative).read_nullable_string(), DecodeError);
  auto too_long = hex("7fff 6162");
  CHECK_THROWS_AS(reader_of(too_long).read_string(), DecodeError);
  auto compact_null = hex("00");
  CHECK_THROWS_AS(reader_of(compact_null).read_compact_string(), DecodeError);
  // A compact length of 2^32-2 with two bytes left.
  auto compact_huge = hex("ffffffff0f 6162");
  CHECK_THROWS_AS(reader_of(compact_huge).read_compact_nullable_string(), DecodeError);
}

TEST_CASE("bytes: classic and compact, nullable") {
  const std::vector<uint8_t> data = {1, 2, 3};
  auto bytes = encoded([&](Writer& w) {
    w.write_bytes(data);
    w.write_compact_bytes(data);
    w.write_nullable_bytes(std::nullopt, false);
    w.write_nullable_bytes(std::nullopt, true);
  });
  CHECK(bytes == hex("00000003 010203 04 010203 ffffffff 00"));
  Reader r = reader_of(bytes);
  CHECK(r.read_bytes() == data);
  CHECK(r.read_compact_bytes() == data);
  CHECK(r.read_nullable_bytes() == std::nullopt);
  CHECK(r.read_compact_nullable_bytes() == std::nullopt);

  auto negative = hex("fffffffe");
  CHECK_THROWS_AS(reader_of(negative).read_nullable_bytes(), DecodeError);
  auto huge = hex("7fffffff 00");
  CHECK_THROWS_AS(reader_of(huge).read_bytes(), DecodeError);
  auto null_bytes = hex("ffffffff");
  CHECK_THROWS_AS(reader_of(null_bytes).read_bytes(), DecodeError);
}

TEST_CASE("array lengths") {
  auto bytes = encoded([](Writer& w) {
    w.write_array_size(2, false);
    w.write_array_size(2, true);
    w.write_null_array(false);
    w.write_null_array(true);
    w.write_int32(0);
  });
  CHECK(bytes == hex("00000002 03 ffffffff 00 00000000"));
  Reader r = reader_of(bytes);
  CHECK(r.read_array_length(false) == 2);
  CHECK(r.read_array_length(true) == 2);
  CHECK(r.read_array_length(false) == -1);
  CHECK(r.read_array_length(true) == -1);

  auto negative = hex("fffffffe");
  CHECK_THROWS_AS(reader_of(negative).read_array_length(false), DecodeError);
  // 1000 elements cannot fit in 3 bytes.
  auto too_many = hex("000003e8 010203");
  CHECK_THROWS_AS(reader_of(too_many).read_array_length(false), DecodeError);
  // Two int32 elements need 8 bytes; 3 elements do not fit.
  auto ints = hex("00000003 0000000100000002");
  CHECK_THROWS_AS(reader_of(ints).read_array_length(false, 4), DecodeError);
  auto two_ints = hex("00000002 0000000100000002");
  CHECK(reader_of(two_ints).read_array_length(false, 4) == 2);
}

TEST_CASE("writer rejects values too long for their form") {
  Writer w;
  std::string long_string(40000, 'x');
  CHECK_THROWS_AS(w.write_string(long_string), EncodeError);
  CHECK_NOTHROW(w.write_compact_string(long_string));
}

TEST_CASE("tagged-field sections") {
  std::vector<TaggedField> fields = {{1, {0xAA}}, {300, {}}, {5, {1, 2}}};
  auto bytes = encoded([&](Writer& w) { w.write_tagged_fields(fields); });
  CHECK(bytes == hex("03 01 01 aa ac02 00 05 02 0102"));
  Reader r = reader_of(bytes);
  std::vector<TaggedField> read;
  r.read_unknown_tagged_fields(read);
  CHECK(read == fields);
  CHECK(r.at_end());

  auto size_too_big = hex("01 00 05 aa");
  std::vector<TaggedField> ignored;
  CHECK_THROWS_AS(reader_of(size_too_big).read_unknown_tagged_fields(ignored), DecodeError);
  auto count_too_big = hex("7f 00 00");
  CHECK_THROWS_AS(reader_of(count_too_big).read_unknown_tagged_fields(ignored), DecodeError);
}

TEST_CASE("sub-readers are bounded and share the owner") {
  auto owner = std::make_shared<std::vector<uint8_t>>(hex("00000001 00000002 ff"));
  Reader r(owner->data(), owner->size(), owner);
  Reader sub = r.sub_reader(4);
  CHECK(r.position() == 4);
  CHECK(sub.owner() == r.owner());
  CHECK(sub.read_int32() == 1);
  CHECK_THROWS_AS(sub.read_int8(), DecodeError);
  CHECK_NOTHROW(sub.expect_end("sub"));
  CHECK_THROWS_AS(r.expect_end("rest"), DecodeError);
  CHECK_THROWS_AS(r.sub_reader(10), DecodeError);
}

TEST_CASE("writer placeholders are patched in place") {
  Writer w;
  size_t token = w.reserve_int32();
  w.write_int16(7);
  w.patch_int32(token, 0x01020304);
  CHECK(std::move(w).finish().flatten() == hex("01020304 0007"));
}
