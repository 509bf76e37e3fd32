// Request header parsing and frame writing.
#include "kernel/protocol/frame.h"

#include <limits>

#include "kernel/protocol/generated/api_table.h"
#include "kernel/protocol/generated/response_header.h"
#include "kernel/protocol/wire/reader.h"

namespace skiff::protocol {

namespace {

// start_*_frame reserves the size first in a new writer, so its token is always 0.
constexpr size_t kSizeToken = 0;

}  // namespace

ApiId peek_api(const uint8_t* data, size_t size) {
  Reader peek(data, size);
  ApiId id;
  id.api_key = peek.read_int16();
  id.api_version = peek.read_int16();
  return id;
}

int16_t peek_api_key(const uint8_t* data, size_t size) noexcept {
  if (size < 2) return -1;
  return static_cast<int16_t>((static_cast<uint16_t>(data[0]) << 8) | data[1]);
}

RequestFrame parse_request_frame(const uint8_t* data, size_t size) {
  const ApiId id = peek_api(data, size);
  return parse_request_frame(data, size, request_header_version(id.api_key, id.api_version));
}

RequestFrame parse_request_frame(const uint8_t* data, size_t size, int16_t header_version) {
  RequestFrame frame;
  frame.header_version = header_version;
  Reader reader(data, size);
  if (frame.header_version < 0) {
    frame.header.request_api_key = reader.read_int16();
    frame.header.request_api_version = reader.read_int16();
    frame.header.correlation_id = reader.read_int32();
  } else {
    frame.header.decode(reader, frame.header_version);
  }
  frame.body_offset = reader.position();
  return frame;
}

Writer start_response_frame(int16_t api_key, int16_t api_version, int32_t correlation_id) {
  int16_t header_version = response_header_version(api_key, api_version);
  // Unknown api keys get the plainest header: their client cannot expect more.
  return start_response_frame(header_version < 0 ? int16_t{0} : header_version, correlation_id);
}

Writer start_response_frame(int16_t header_version, int32_t correlation_id) {
  Writer w;
  w.reserve_int32();
  ResponseHeader header;
  header.correlation_id = correlation_id;
  header.encode(w, header_version);
  return w;
}

Writer start_request_frame(int16_t api_key, int16_t api_version, int32_t correlation_id,
                           const std::optional<std::string>& client_id) {
  int16_t header_version = request_header_version(api_key, api_version);
  if (header_version < 0) throw EncodeError("unknown api key " + std::to_string(api_key));
  Writer w;
  w.reserve_int32();
  RequestHeader header;
  header.request_api_key = api_key;
  header.request_api_version = api_version;
  header.correlation_id = correlation_id;
  header.client_id = client_id;  // ignorable: header v0 simply has none
  header.encode(w, header_version);
  return w;
}

OutputBuffer finish_frame(Writer&& frame) {
  size_t body = frame.size() - 4;
  if (body > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw EncodeError("frame too large: " + std::to_string(body) + " bytes");
  }
  frame.patch_int32(kSizeToken, static_cast<int32_t>(body));
  return std::move(frame).finish();
}

}  // namespace skiff::protocol
