// storage_decompress_fuzz_smoke: feeds the decompressor fuzz entry point records
// sections compressed with each of Kafka's codecs, then mutated (bit flips,
// truncations, spliced noise), without libFuzzer, so the suite exercises it on every
// run. Any crash or sanitizer report fails the test; rejections are the expected outcome.
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "compression_test_support.h"
#include "skiff/sdk/record_batch.h"
#include "smoke_mutations.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using skiff::storage::test::Codec;

void feed(Codec codec, int records, const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> input;
  int id = static_cast<int>(skiff::storage::test::compression_of(codec)) - 1;
  input.push_back(static_cast<uint8_t>(id | (records << 2)));
  input.insert(input.end(), payload.begin(), payload.end());
  LLVMFuzzerTestOneInput(input.data(), input.size());
}

}  // namespace

int main() {
  std::mt19937 rng(20261126);
  std::uniform_int_distribution<int> byte(0, 255), count(1, 20);
  const Codec codecs[] = {Codec::kGzip, Codec::kSnappyXerial, Codec::kSnappyRaw, Codec::kLz4,
                          Codec::kZstd};
  size_t inputs = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<skiff::sdk::Record> records;
    int n = count(rng);
    for (int i = 0; i < n; ++i) {
      records.push_back({"k" + std::to_string(i), std::string(static_cast<size_t>(byte(rng)), 'v'),
                         {}, 1700000000000 + i});
    }
    auto plain = skiff::sdk::build_batch(records);
    auto section = skiff::storage::test::records_section(plain);
    for (Codec codec : codecs) {
      auto payload = skiff::storage::test::compress(codec, section);
      feed(codec, n, payload);
      for (int m = 0; m < 3; ++m) {
        auto mutated = payload;
        if (m == 0) skiff::fuzz::flip_bit(mutated, rng);
        if (m == 1) skiff::fuzz::truncate(mutated, rng);
        if (m == 2) skiff::fuzz::add_noise(mutated, rng, 0, 8);
        feed(codec, n, mutated);
      }
      inputs += 4;
    }
  }
  std::printf("storage_decompress_fuzz_smoke: %zu inputs, no crash\n", inputs);
  return 0;
}
