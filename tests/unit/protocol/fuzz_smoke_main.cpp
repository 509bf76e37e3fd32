// protocol_fuzz_smoke: runs the libFuzzer entry point of fuzz/protocol on a few
// thousand inputs without libFuzzer: valid request frames built from the generated
// samples (every request, every version), mutations of them, and random bytes. The
// entry point aborts on anything but DecodeError, so finishing is passing.
//   protocol_fuzz_smoke [--write-corpus DIR]   (DIR: also write the valid frames as
//                                               seeds for the real fuzzer)
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "kernel/protocol/frame.h"
#include "kernel/protocol/generated/api_table.h"
#include "kernel/protocol/generated/request_decoders.h"
#include "tests/unit/protocol/sample_cases.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using skiff::protocol::SampleCase;

size_t g_runs = 0;

// Exactly-sized heap copy, so sanitizers catch any read past the input.
void run(const std::vector<uint8_t>& input) {
  std::unique_ptr<uint8_t[]> copy(new uint8_t[input.size() + (input.empty() ? 1 : 0)]);
  if (!input.empty()) std::memcpy(copy.get(), input.data(), input.size());
  LLVMFuzzerTestOneInput(copy.get(), input.size());
  ++g_runs;
}

// The seeds must be valid, or the mutations would not reach deep into the decoders.
bool decodes_completely(const std::vector<uint8_t>& frame) {
  auto parsed = skiff::protocol::parse_request_frame(frame.data(), frame.size());
  skiff::protocol::Reader body(frame.data() + parsed.body_offset,
                               frame.size() - parsed.body_offset);
  return skiff::protocol::decode_request_for_fuzzing(parsed.header.request_api_key,
                                                     parsed.header.request_api_version, body) &&
         body.at_end();
}

// A request frame body: the request header for this API version, then the body.
std::vector<uint8_t> frame_body(const SampleCase& c, int16_t version, bool prefer_null) {
  skiff::protocol::Writer w =
      skiff::protocol::start_request_frame(c.api_key, version, 1, std::string("smoke"));
  w.write_raw(c.encode(version, prefer_null));
  std::vector<uint8_t> frame = skiff::protocol::finish_frame(std::move(w)).flatten();
  return std::vector<uint8_t>(frame.begin() + 4, frame.end());  // without the size
}

std::vector<uint8_t> mutate(std::vector<uint8_t> in, std::mt19937& rng) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % (n == 0 ? 1 : n)); };
  static const uint8_t kInteresting[] = {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff};
  switch (rng() % 6) {
    case 0:  // flip a few bits
      for (int i = 0; i < 3 && !in.empty(); ++i) in[pick(in.size())] ^= 1u << (rng() % 8);
      break;
    case 1:  // a boundary byte value, often a length or count
      if (!in.empty()) in[pick(in.size())] = kInteresting[pick(sizeof kInteresting)];
      break;
    case 2:  // truncate
      in.resize(pick(in.size()));
      break;
    case 3: {  // a huge or negative 32-bit length
      if (in.size() >= 4) {
        size_t at = pick(in.size() - 3);
        const uint8_t values[][4] = {{0x7f, 0xff, 0xff, 0xff}, {0xff, 0xff, 0xff, 0xfe},
                                     {0xff, 0xff, 0xff, 0xff}, {0x00, 0x01, 0x00, 0x00}};
        std::memcpy(&in[at], values[pick(4)], 4);
      }
      break;
    }
    case 4: {  // insert random bytes
      size_t at = pick(in.size() + 1);
      std::vector<uint8_t> extra(1 + pick(8));
      for (auto& b : extra) b = static_cast<uint8_t>(rng());
      in.insert(in.begin() + static_cast<std::ptrdiff_t>(at), extra.begin(), extra.end());
      break;
    }
    default: {  // overwrite a run of bytes with 0xff (varint continuation bits)
      size_t at = pick(in.size());
      for (size_t i = at; i < in.size() && i < at + 6; ++i) in[i] = 0xff;
      break;
    }
  }
  return in;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus_dir;
  if (argc == 3 && std::string(argv[1]) == "--write-corpus") corpus_dir = argv[2];

  std::mt19937 rng(20240601);
  size_t seeds = 0;
  for (const SampleCase& c : skiff::protocol::all_sample_cases()) {
    if (c.kind != skiff::protocol::MessageKind::kRequest) continue;
    for (int16_t v = c.min_version; v <= c.max_version; ++v) {
      for (bool prefer_null : {false, true}) {
        const std::vector<uint8_t> seed = frame_body(c, v, prefer_null);
        if (!corpus_dir.empty()) {
          std::string path = corpus_dir + "/" + c.name + "-v" + std::to_string(v) +
                             (prefer_null ? "-nulls" : "");
          std::ofstream(path, std::ios::binary)
              .write(reinterpret_cast<const char*>(seed.data()),
                     static_cast<std::streamsize>(seed.size()));
        }
        if (!decodes_completely(seed)) {
          std::fprintf(stderr, "seed %s v%d does not decode\n", c.name, v);
          return 1;
        }
        run(seed);
        ++seeds;
        for (int i = 0; i < 3; ++i) run(mutate(seed, rng));
      }
    }
  }
  // Random bytes behind a valid api key and version.
  auto apis = skiff::protocol::all_apis();
  for (int i = 0; i < 500; ++i) {
    const auto& api = apis[rng() % apis.size()];
    std::vector<uint8_t> input(8 + rng() % 64);
    for (auto& b : input) b = static_cast<uint8_t>(rng());
    const int16_t version =
        static_cast<int16_t>(api.min_version + rng() % (api.max_version - api.min_version + 1));
    input[0] = static_cast<uint8_t>(api.api_key >> 8);
    input[1] = static_cast<uint8_t>(api.api_key);
    input[2] = static_cast<uint8_t>(version >> 8);
    input[3] = static_cast<uint8_t>(version);
    run(input);
  }
  std::printf("protocol_fuzz_smoke: %zu inputs (%zu valid seeds), no crash\n", g_runs, seeds);
  return 0;
}
