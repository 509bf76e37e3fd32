// Metadata v1 by hand: request header v1 with an empty client id and a null topic
// array; the response is walked far enough to count brokers, topics, partitions.
#include "broker/metadata_probe.h"

#include <arpa/inet.h>

#include <cstring>
#include <string>
#include <vector>

#include "common/bench_error.h"
#include "common/fd.h"

namespace skiff::bench {
namespace {

constexpr int16_t kMetadataKey = 3;
constexpr int16_t kMetadataVersion = 1;
constexpr int32_t kCorrelationId = 7;
constexpr uint32_t kMaxResponseBytes = 256u << 20;

void put16(std::vector<uint8_t>& out, int16_t v) {
  uint16_t n = htons(static_cast<uint16_t>(v));
  out.insert(out.end(), reinterpret_cast<uint8_t*>(&n), reinterpret_cast<uint8_t*>(&n) + 2);
}

void put32(std::vector<uint8_t>& out, int32_t v) {
  uint32_t n = htonl(static_cast<uint32_t>(v));
  out.insert(out.end(), reinterpret_cast<uint8_t*>(&n), reinterpret_cast<uint8_t*>(&n) + 4);
}

// Big-endian reads over the response body; BenchError past the end.
class Cursor {
 public:
  explicit Cursor(const std::vector<uint8_t>& bytes) : bytes_(bytes) {}
  int16_t i16() { return static_cast<int16_t>(ntohs(take<uint16_t>())); }
  int32_t i32() { return static_cast<int32_t>(ntohl(take<uint32_t>())); }
  void skip(size_t n) {
    need(n);
    pos_ += n;
  }
  void skip_string() {
    int16_t len = i16();
    if (len > 0) skip(static_cast<size_t>(len));
  }
  void skip_int32_array() {
    int32_t n = i32();
    if (n > 0) skip(static_cast<size_t>(n) * 4);
  }

 private:
  template <typename T>
  T take() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  void need(size_t n) const {
    if (pos_ + n > bytes_.size()) throw BenchError("metadata response is truncated");
  }
  const std::vector<uint8_t>& bytes_;
  size_t pos_ = 0;
};

MetadataSummary parse_v1(const std::vector<uint8_t>& body) {
  Cursor in(body);
  if (in.i32() != kCorrelationId) throw BenchError("metadata response: wrong correlation id");
  MetadataSummary out;
  out.brokers = in.i32();
  for (int32_t b = 0; b < out.brokers; ++b) {
    in.i32();  // node id
    in.skip_string();
    in.i32();  // port
    in.skip_string();  // rack
  }
  in.i32();  // controller id
  out.topics = in.i32();
  for (int32_t t = 0; t < out.topics; ++t) {
    in.i16();  // error code
    in.skip_string();
    in.skip(1);  // is_internal
    int32_t partitions = in.i32();
    for (int32_t p = 0; p < partitions; ++p) {
      in.i16();  // error code
      in.i32();  // index
      in.i32();  // leader
      in.skip_int32_array();  // replicas
      in.skip_int32_array();  // isr
    }
    out.partitions += partitions;
  }
  return out;
}

}  // namespace

MetadataSummary metadata_round_trip(int fd) {
  std::vector<uint8_t> request;
  put32(request, 0);  // size, patched below
  put16(request, kMetadataKey);
  put16(request, kMetadataVersion);
  put32(request, kCorrelationId);
  put16(request, 0);   // client id ""
  put32(request, -1);  // topics: null = all
  uint32_t size = htonl(static_cast<uint32_t>(request.size() - 4));
  std::memcpy(request.data(), &size, 4);
  if (!write_all(fd, request.data(), request.size())) throw BenchError("metadata: write failed");

  uint32_t length = 0;
  if (!read_exact(fd, &length, 4)) throw BenchError("metadata: connection closed");
  length = ntohl(length);
  if (length > kMaxResponseBytes) throw BenchError("metadata: response too large");
  std::vector<uint8_t> body(length);
  if (!read_exact(fd, body.data(), body.size())) throw BenchError("metadata: connection closed");
  return parse_v1(body);
}

}  // namespace skiff::bench
