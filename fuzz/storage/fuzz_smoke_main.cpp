// storage_fuzz_smoke: feeds the batch-validator fuzz entry point thousands of inputs
// mutated from valid batches (bit flips, truncations, length and count edits, random
// bytes), without libFuzzer, so the suite exercises it on every run. Any crash or
// sanitizer report fails the test; rejections are the expected outcome.
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "skiff/sdk/record_batch.h"
#include "smoke_mutations.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<uint8_t> valid_batch(std::mt19937& rng) {
  std::uniform_int_distribution<int> count(1, 8), len(0, 40), coin(0, 3);
  std::vector<skiff::sdk::Record> records;
  for (int i = 0, n = count(rng); i < n; ++i) {
    skiff::sdk::Record r;
    if (coin(rng)) r.key = std::string(static_cast<size_t>(len(rng)), 'k');
    if (coin(rng)) r.value = std::string(static_cast<size_t>(len(rng)), 'v');
    if (coin(rng) == 0) r.headers.push_back({"h", std::string("x")});
    r.timestamp = 1700000000000 + i;
    records.push_back(std::move(r));
  }
  return skiff::sdk::build_batch(records);
}

void feed(const std::vector<uint8_t>& bytes, bool fix_crc) {
  std::vector<uint8_t> input;
  input.reserve(bytes.size() + 1);
  // Bit 1 sometimes: also walk the batch as a bare records section.
  input.push_back(static_cast<uint8_t>((fix_crc ? 1 : 0) | (bytes.size() % 7 == 0 ? 2 | 12 : 0)));
  input.insert(input.end(), bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(input.data(), input.size());
}

}  // namespace

int main() {
  std::mt19937 rng(20261126);
  std::uniform_int_distribution<int> byte(0, 255);
  size_t inputs = 0;
  for (int round = 0; round < 2000; ++round) {
    auto batch = valid_batch(rng);
    if (round % 3 == 0) {  // two batches back to back
      auto second = valid_batch(rng);
      batch.insert(batch.end(), second.begin(), second.end());
    }
    feed(batch, false);
    for (int m = 0; m < 4; ++m) {
      auto mutated = batch;
      switch (m) {
        case 0: skiff::fuzz::flip_bit(mutated, rng); break;
        case 1: skiff::fuzz::truncate(mutated, rng); break;
        case 2:  // lie about the length or the record count
          skiff::sdk::store_be<int32_t>(mutated.data() + skiff::sdk::batch::kBatchLength,
                                        byte(rng) * 1000 - 100000);
          skiff::sdk::store_be<int32_t>(mutated.data() + skiff::sdk::batch::kRecordsCount,
                                        byte(rng) - 128);
          break;
        default: skiff::fuzz::add_noise(mutated, rng, skiff::sdk::batch::kHeaderSize, 16);
      }
      feed(mutated, true);
      feed(mutated, false);
      inputs += 2;
    }
    std::vector<uint8_t> noise(static_cast<size_t>(byte(rng)) * 2);
    for (auto& b : noise) b = static_cast<uint8_t>(byte(rng));
    feed(noise, true);
    inputs += 2;
  }
  std::printf("storage_fuzz_smoke: %zu inputs, no crash\n", inputs);
  return 0;
}
