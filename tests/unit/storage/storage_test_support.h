// Helpers shared by the storage tests: a map-backed ConfigView, a logger that keeps
// what it hears, a temporary directory, batch builders and a reader for the file
// slices a read returns.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "partition_log.h"
#include "skiff/sdk/config.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/record_batch.h"
#include "skiff/sdk/storage.h"

namespace skiff::storage::test {

class MapConfig final : public sdk::ConfigView {
 public:
  MapConfig() = default;
  MapConfig(std::initializer_list<std::pair<const std::string, std::string>> values)
      : values_(values) {}
  std::optional<std::string> raw(std::string_view key) const override {
    auto it = values_.find(std::string(key));
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  void set(const std::string& key, std::string value) { values_[key] = std::move(value); }

 private:
  std::map<std::string, std::string> values_;
};

class CaptureLogger final : public sdk::Logger {
 public:
  bool enabled(sdk::LogLevel) const override { return true; }
  void write(sdk::LogLevel level, std::string_view message) override {
    std::lock_guard lock(mu_);
    lines_.push_back({level, std::string(message)});
  }
  bool heard(std::string_view fragment) const {
    std::lock_guard lock(mu_);
    for (const auto& [level, line] : lines_) {
      if (line.find(fragment) != std::string::npos) return true;
    }
    return false;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<sdk::LogLevel, std::string>> lines_;
};

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("skiff-storage-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A clock the test moves by hand.
struct ManualClock {
  std::shared_ptr<std::atomic<int64_t>> now =
      std::make_shared<std::atomic<int64_t>>(1'700'000'000'000);
  Clock clock() const {
    auto n = now;
    return [n] { return n->load(); };
  }
  void advance(int64_t ms) { *now += ms; }
};

// `count` records "k<i>"/"v<i>" with timestamps `ts`, ts+1, ...
inline std::vector<sdk::Record> records(int count, int64_t ts = 1000,
                                        const std::string& tag = "v") {
  std::vector<sdk::Record> out;
  for (int i = 0; i < count; ++i) {
    out.push_back({"k" + std::to_string(i), tag + std::to_string(i), {}, ts + i});
  }
  return out;
}

inline std::vector<uint8_t> batch(int count, int64_t ts = 1000,
                                  sdk::BatchBuildOptions options = {}) {
  return sdk::build_batch(records(count, ts), options);
}

inline std::vector<uint8_t> idempotent_batch(int64_t pid, int16_t epoch, int32_t seq, int count,
                                             int64_t ts = 1000) {
  sdk::BatchBuildOptions o;
  o.producer_id = pid;
  o.producer_epoch = epoch;
  o.base_sequence = seq;
  return batch(count, ts, o);
}

inline sdk::AppendResult append(sdk::PartitionLog& log, const std::vector<uint8_t>& bytes,
                                int32_t epoch = 0) {
  sdk::AppendRequest request;
  request.batches = bytes;
  request.leader_epoch = epoch;
  return log.append(request);
}

// The bytes of every slice, concatenated.
inline std::vector<uint8_t> slice_bytes(const sdk::ReadResult& result) {
  std::vector<uint8_t> out;
  for (const auto& s : result.slices) {
    std::vector<uint8_t> part(s.length);
    auto n = ::pread(s.fd, part.data(), part.size(), static_cast<off_t>(s.offset));
    part.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

// Headers of the batches in a read result (after checking each one is valid).
inline std::vector<sdk::RecordBatchHeader> read_headers(const sdk::ReadResult& result) {
  auto bytes = slice_bytes(result);
  std::vector<std::span<const uint8_t>> spans;
  sdk::BatchValidationOptions lenient;
  lenient.contiguous_offsets = false;
  auto ok = sdk::validate_batches(bytes, spans, lenient);
  if (!ok) throw std::runtime_error("read returned bad batches: " + ok.message);
  std::vector<sdk::RecordBatchHeader> out;
  for (auto s : spans) out.push_back(sdk::RecordBatchHeader::parse(s.data()));
  return out;
}

inline sdk::ReadResult read_from(sdk::PartitionLog& log, int64_t offset,
                                 int32_t max_bytes = 1 << 20, int64_t max_offset = -1,
                                 bool min_one = true) {
  sdk::ReadRequest request;
  request.offset = offset;
  request.max_bytes = max_bytes;
  request.max_offset = max_offset;
  request.min_one_batch = min_one;
  return log.read(request);
}

// The .log file of the newest segment in `dir` (segment file names sort by base
// offset); empty if there is none.
inline std::filesystem::path last_log_file(const std::filesystem::path& dir) {
  std::filesystem::path last;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".log" && (last.empty() || e.path() > last)) last = e.path();
  }
  return last;
}

// Opens a Log in `dir` with the given topic settings.
struct LogFixture {
  TempDir tmp;
  CaptureLogger logger;
  ManualClock time;
  MapConfig topic;
  int32_t direct_write_min_bytes = -1;  // log.direct.write.min.bytes
  TendQueue* tend_queue = nullptr;

  std::filesystem::path dir() const { return tmp.path() / "topic-0"; }

  std::shared_ptr<Log> open(bool flush_on_append = false) {
    Log::Options o;
    o.dir = dir();
    o.partition = {"topic", 0};
    o.config = LogConfig::from(topic, LogConfig{});
    o.flush_on_append = flush_on_append;
    o.direct_write_min_bytes = direct_write_min_bytes;
    o.clock = time.clock();
    o.logger = &logger;
    o.tend_queue = tend_queue;
    return Log::open(o);
  }
};

}  // namespace skiff::storage::test
