// OutputBuffer: the pieces a Writer produces around file slices, and flattening.
#include <catch2/catch.hpp>

#include "tests/unit/protocol/bytes_util.h"
#include "tests/unit/protocol/temp_file.h"

using skiff::protocol::OutputBuffer;
using skiff::protocol::Records;
using skiff::protocol::Writer;
using skiff::protocol::test::hex;
using skiff::protocol::test::TempFile;

TEST_CASE("writer output without file slices is one piece") {
  Writer w;
  w.write_int32(5);
  OutputBuffer out = std::move(w).finish();
  CHECK(out.total_size() == 4);
  CHECK_FALSE(out.has_file_slices());
  REQUIRE(out.pieces().size() == 1);
  CHECK_FALSE(out.pieces()[0].is_file());
  CHECK(out.memory_bytes() == hex("00000005"));
  CHECK(out.flatten() == hex("00000005"));
}

TEST_CASE("file slices split the output into pieces, in order") {
  TempFile file(hex("00112233445566778899"));
  Records records;
  records.append(skiff::sdk::FileSlice{file.fd(), 1, 3, nullptr});
  records.append(std::vector<uint8_t>{0xEE});
  records.append(skiff::sdk::FileSlice{file.fd(), 8, 2, nullptr});

  Writer w;
  w.write_int16(1);
  w.write_records(records, false);
  w.write_int16(2);
  CHECK(w.size() == 2 + 4 + 6 + 2);
  OutputBuffer out = std::move(w).finish();

  CHECK(out.total_size() == 14);
  CHECK(out.has_file_slices());
  std::vector<std::pair<bool, size_t>> shape;
  for (const auto& piece : out) shape.emplace_back(piece.is_file(), piece.size);
  // [int16 + length], file 3, [0xEE], file 2, [int16]
  CHECK(shape == std::vector<std::pair<bool, size_t>>{
                     {false, 6}, {true, 3}, {false, 1}, {true, 2}, {false, 2}});
  CHECK(out.pieces()[1].file->offset == 1);
  CHECK(out.flatten() == hex("0001 00000006 112233 ee 8899 0002"));

  // Moving the buffer keeps its pieces valid.
  OutputBuffer moved = std::move(out);
  CHECK(moved.flatten() == hex("0001 00000006 112233 ee 8899 0002"));
}

TEST_CASE("appending writers keeps file slices in place") {
  TempFile file(hex("aabbccdd"));
  Writer inner;
  inner.write_int8(1);
  inner.write_file_slice(skiff::sdk::FileSlice{file.fd(), 0, 2, nullptr});
  inner.write_int8(2);
  Writer outer;
  outer.write_int8(0);
  outer.append(std::move(inner));
  outer.write_int8(3);
  CHECK(std::move(outer).finish().flatten() == hex("00 01 aabb 02 03"));
}

TEST_CASE("flattening a slice past the end of its file throws") {
  TempFile file(hex("aabb"));
  Writer w;
  w.write_file_slice(skiff::sdk::FileSlice{file.fd(), 1, 5, nullptr});
  OutputBuffer out = std::move(w).finish();
  CHECK_THROWS(out.flatten());
}
