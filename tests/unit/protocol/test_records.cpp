// Records: null/empty, zero-copy views on decode, chunk lists with file slices on
// encode, comparison.
#include <catch2/catch.hpp>

#include "tests/unit/protocol/bytes_util.h"
#include "tests/unit/protocol/temp_file.h"

using skiff::protocol::DecodeError;
using skiff::protocol::Reader;
using skiff::protocol::Records;
using skiff::protocol::Writer;
using skiff::protocol::test::encoded;
using skiff::protocol::test::hex;
using skiff::protocol::test::reader_of;
using skiff::protocol::test::TempFile;

TEST_CASE("records default to null") {
  Records r;
  CHECK(r.is_null());
  CHECK(r.size() == 0);
  CHECK(Records::null() == r);
  CHECK_FALSE(Records::empty().is_null());
  CHECK_FALSE(Records::empty() == r);
  CHECK(Records::empty().bytes().empty());
}

TEST_CASE("decoded records view the request buffer without copying") {
  auto buffer = std::make_shared<std::vector<uint8_t>>(hex("00000003 aabbcc 04 010203"));
  std::weak_ptr<std::vector<uint8_t>> watch = buffer;
  Records classic, compact;
  {
    Reader r(buffer->data(), buffer->size(), buffer);
    classic = r.read_records(false);
    compact = r.read_records(true);
    CHECK(r.at_end());
  }
  CHECK(classic.is_contiguous());
  CHECK(classic.bytes().data() == buffer->data() + 4);
  CHECK(classic.size() == 3);
  CHECK(compact.bytes().data() == buffer->data() + 8);
  CHECK(compact.owner() == buffer);
  // The records keep the buffer alive after everyone else lets go.
  buffer.reset();
  CHECK_FALSE(watch.expired());
  CHECK(classic.to_vector() == hex("aabbcc"));
  classic = Records();
  compact = Records();
  CHECK(watch.expired());
}

TEST_CASE("null and invalid records lengths") {
  auto nulls = hex("ffffffff 00");
  Reader r = reader_of(nulls);
  CHECK(r.read_records(false).is_null());
  CHECK(r.read_records(true).is_null());
  auto negative = hex("fffffffe");
  CHECK_THROWS_AS(reader_of(negative).read_records(false), DecodeError);
  auto too_long = hex("00000010 aabb");
  CHECK_THROWS_AS(reader_of(too_long).read_records(false), DecodeError);
}

TEST_CASE("records from bytes encode with a length prefix") {
  Records r = Records::from_bytes({1, 2, 3});
  CHECK(r.size() == 3);
  CHECK(encoded([&](Writer& w) { w.write_records(r, false); }) == hex("00000003 010203"));
  CHECK(encoded([&](Writer& w) { w.write_records(r, true); }) == hex("04 010203"));
  CHECK(encoded([&](Writer& w) { w.write_records(Records(), false); }) == hex("ffffffff"));
  CHECK(encoded([&](Writer& w) { w.write_records(Records(), true); }) == hex("00"));
}

TEST_CASE("records chunks: bytes and file slices") {
  TempFile file(hex("00112233445566778899"));
  Records r;
  r.append(std::vector<uint8_t>{0xA0, 0xA1});
  r.append(skiff::sdk::FileSlice{file.fd(), 2, 4, nullptr});
  r.append(std::vector<uint8_t>{0xB0});
  r.append(std::vector<uint8_t>{});  // empty chunks are dropped
  CHECK_FALSE(r.is_null());
  CHECK(r.size() == 7);
  CHECK(r.chunk_count() == 3);
  CHECK(r.has_file_chunks());
  CHECK_FALSE(r.is_contiguous());
  CHECK_THROWS_AS(r.bytes(), std::logic_error);
  CHECK(r.to_vector() == hex("a0a1 22334455 b0"));

  Records same;
  same.append(std::vector<uint8_t>{0xA0, 0xA1});
  same.append(skiff::sdk::FileSlice{file.fd(), 2, 4, nullptr});
  same.append(std::vector<uint8_t>{0xB0});
  CHECK(r == same);
  Records other_slice;
  other_slice.append(std::vector<uint8_t>{0xA0, 0xA1});
  other_slice.append(skiff::sdk::FileSlice{file.fd(), 3, 4, nullptr});
  other_slice.append(std::vector<uint8_t>{0xB0});
  CHECK_FALSE(r == other_slice);
}

TEST_CASE("records compare by content across chunk boundaries") {
  Records split;
  split.append(std::vector<uint8_t>{1, 2});
  split.append(std::vector<uint8_t>{3});
  CHECK(split == Records::from_bytes({1, 2, 3}));
  CHECK_FALSE(split == Records::from_bytes({1, 2, 4}));
  Records joined;
  joined.append(split);
  CHECK(joined == split);
}
