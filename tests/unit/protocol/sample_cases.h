// The table of every generated message with sample-based checks: encode a sample
// message of a version, and round-trip it (encode, decode, compare, re-encode,
// compare bytes). The table and the fill_sample() functions it relies on are
// generated into generated_samples.cpp by tools/codegen/generate.py.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernel/protocol/wire/reader.h"
#include "kernel/protocol/wire/writer.h"
#include "tests/unit/protocol/sample_gen.h"

namespace skiff::protocol {

enum class MessageKind { kRequest, kResponse, kHeader, kData };

struct SampleCase {
  const char* name;
  int16_t api_key;  // -1 for headers and data structures
  MessageKind kind;
  int16_t min_version;
  int16_t max_version;
  // The sample message of `version`, encoded; prefer_null: null wherever allowed.
  std::vector<uint8_t> (*encode)(int16_t version, bool prefer_null);
  // Throws std::runtime_error describing the first difference found.
  void (*round_trip)(int16_t version, bool prefer_null);
  // Whether the sample of `version` differs from a default-constructed message.
  bool (*differs_from_default)(int16_t version);
};

const std::vector<SampleCase>& all_sample_cases();

template <class Message>
Message make_sample(int16_t version, bool prefer_null) {
  Message m;
  SampleGen gen;
  gen.prefer_null = prefer_null;
  fill_sample(m, version, gen);  // generated; found by argument-dependent lookup
  return m;
}

template <class Message>
std::vector<uint8_t> encode_message(const Message& m, int16_t version) {
  Writer w;
  m.encode(w, version);
  return std::move(w).finish().flatten();
}

template <class Message>
std::vector<uint8_t> encode_sample(int16_t version, bool prefer_null) {
  return encode_message(make_sample<Message>(version, prefer_null), version);
}

template <class Message>
void round_trip_sample(int16_t version, bool prefer_null) {
  const Message original = make_sample<Message>(version, prefer_null);
  const std::vector<uint8_t> bytes = encode_message(original, version);
  Reader reader(bytes.data(), bytes.size());
  Message decoded;
  decoded.decode(reader, version);
  if (!reader.at_end()) {
    throw std::runtime_error("decoding left " + std::to_string(reader.remaining()) + " of " +
                             std::to_string(bytes.size()) + " bytes");
  }
  if (!(decoded == original)) throw std::runtime_error("decoded message differs from the sample");
  if (encode_message(decoded, version) != bytes) {
    throw std::runtime_error("re-encoding gives different bytes");
  }
}

template <class Message>
bool sample_differs_from_default(int16_t version) {
  return !(make_sample<Message>(version, false) == Message());
}

template <class Message>
SampleCase make_sample_case(MessageKind kind) {
  return SampleCase{Message::kName,        Message::kApiKey,
                    kind,                  Message::kMinVersion,
                    Message::kMaxVersion,  &encode_sample<Message>,
                    &round_trip_sample<Message>, &sample_differs_from_default<Message>};
}

}  // namespace skiff::protocol
