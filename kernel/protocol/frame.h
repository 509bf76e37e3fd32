// Request and response framing around message bodies: parsing the request header at
// the start of a request frame (the bytes after the 4-byte size prefix), and writing
// size-prefixed frames with the header version each API version requires.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "kernel/protocol/generated/request_header.h"
#include "kernel/protocol/wire/output_buffer.h"
#include "kernel/protocol/wire/writer.h"

namespace skiff::protocol {

struct RequestFrame {
  // api key, api version, correlation id, and (header v1+) client id and (v2) tags.
  RequestHeader header;
  // 0, 1 or 2; -1 for an api key this broker does not know, in which case only the
  // api key, api version and correlation id were parsed (enough to answer or close).
  int16_t header_version = -1;
  // Where the request body starts in the frame.
  size_t body_offset = 0;

  bool known_api() const { return header_version >= 0; }
};

struct ApiId {
  int16_t api_key = 0;
  int16_t api_version = 0;
};
// The api key and version that start every request header (they decide its header
// version). Throws DecodeError when the frame is shorter.
ApiId peek_api(const uint8_t* data, size_t size);
// The api key alone, or -1 when the frame is too short to hold one.
int16_t peek_api_key(const uint8_t* data, size_t size) noexcept;

// Parses the request header of a frame body [data, data + size). Throws DecodeError
// if the header is truncated or malformed. Unsupported versions of known APIs are
// parsed with the header version their API uses (so ApiVersions from newer clients
// can be answered).
RequestFrame parse_request_frame(const uint8_t* data, size_t size);
// The same with the request header version given (0-2; -1: the api key is unknown),
// for APIs Kafka's table does not define (plugins' APIs).
RequestFrame parse_request_frame(const uint8_t* data, size_t size, int16_t header_version);

// Starts a response frame: a size placeholder and the response header. Encode the
// body into the returned writer, then call finish_frame.
Writer start_response_frame(int16_t api_key, int16_t api_version, int32_t correlation_id);
// The same with the response header version (0 or 1) given.
Writer start_response_frame(int16_t header_version, int32_t correlation_id);

// Starts a request frame (clients, tests): a size placeholder and the request header
// in the version the API requires. Throws EncodeError for an unknown api key.
Writer start_request_frame(int16_t api_key, int16_t api_version, int32_t correlation_id,
                           const std::optional<std::string>& client_id);

// Fills in the size of a frame started by start_*_frame and returns its bytes.
OutputBuffer finish_frame(Writer&& frame);

}  // namespace skiff::protocol
