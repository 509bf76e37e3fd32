// libFuzzer target for the request path of the wire codec: the input is a request
// frame body (request header, then the request body) as the network layer hands it
// to the server. Malformed input may only raise DecodeError; anything else (a crash,
// a sanitizer report, another exception) is a bug. Decoded requests must also
// re-encode to a fixed point: encode(decode(encode(decode(x)))) == encode(decode(x)).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kernel/protocol/frame.h"
#include "kernel/protocol/generated/request_decoders.h"
#include "kernel/protocol/wire/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace skiff::protocol;
  try {
    const RequestFrame frame = parse_request_frame(data, size);
    if (!frame.known_api()) return 0;
    const int16_t api_key = frame.header.request_api_key;
    const int16_t version = frame.header.request_api_version;
    Reader body(data + frame.body_offset, size - frame.body_offset);
    if (!decode_request_for_fuzzing(api_key, version, body)) return 0;

    Reader again(data + frame.body_offset, size - frame.body_offset);
    const auto first = reencode_request_for_fuzzing(api_key, version, again);
    Reader encoded(first->data(), first->size());
    const auto second = reencode_request_for_fuzzing(api_key, version, encoded);
    if (!encoded.at_end() || *second != *first) std::abort();
  } catch (const DecodeError&) {
    // Malformed input, rejected as it should be.
  }
  return 0;
}
