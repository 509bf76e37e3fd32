// sdk::TieredStore through an in-memory implementation: a segment copied with its
// indexes reads back whole, from a position, and per index; deleted segments and
// unknown ones are kResourceNotFound.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "skiff/sdk/tiered_store.h"

namespace {

using skiff::sdk::CopySegmentResult;
using skiff::sdk::ErrorCode;
using skiff::sdk::LocalSegmentFiles;
using skiff::sdk::RemoteFetchResult;
using skiff::sdk::RemoteIndexType;
using skiff::sdk::RemoteInputStream;
using skiff::sdk::RemoteSegmentId;
using skiff::sdk::RemoteSegmentMetadata;
using skiff::sdk::Status;
using Bytes = std::vector<uint8_t>;

class BytesStream final : public RemoteInputStream {
 public:
  explicit BytesStream(Bytes bytes) : bytes_(std::move(bytes)) {}
  Chunk read(std::span<uint8_t> buffer) override {
    const size_t n = std::min(buffer.size(), bytes_.size() - pos_);
    std::copy_n(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_), n, buffer.begin());
    pos_ += n;
    return {{}, n};
  }

 private:
  Bytes bytes_;
  size_t pos_ = 0;
};

// Keeps copies in memory, as an object store would keep one object per file.
class MemoryTieredStore final : public skiff::sdk::TieredStore {
 public:
  CopySegmentResult copy_segment(const RemoteSegmentMetadata& metadata,
                                 const LocalSegmentFiles& files) override {
    Stored stored;
    Status status = read_file(files.log_segment, stored.log);
    auto index = [&](RemoteIndexType type, const std::string& path) {
      if (status.ok()) status = read_file(path, stored.indexes[type]);
    };
    index(RemoteIndexType::kOffset, files.offset_index);
    index(RemoteIndexType::kTimestamp, files.time_index);
    index(RemoteIndexType::kProducerSnapshot, files.producer_snapshot);
    if (files.transaction_index) index(RemoteIndexType::kTransaction, *files.transaction_index);
    if (!status.ok()) return {status, std::nullopt};
    stored.indexes[RemoteIndexType::kLeaderEpoch] = files.leader_epoch_checkpoint;
    std::lock_guard lock(mutex_);
    segments_[metadata.segment] = std::move(stored);
    const std::string where = "memory:" + metadata.segment.partition.topic;
    return {{}, Bytes(where.begin(), where.end())};
  }

  RemoteFetchResult fetch_segment(const RemoteSegmentMetadata& metadata, int64_t start_position,
                                  std::optional<int64_t> end_position) override {
    std::lock_guard lock(mutex_);
    const Stored* stored = find(metadata);
    if (stored == nullptr) return {not_found(metadata), nullptr};
    const auto size = static_cast<int64_t>(stored->log.size());
    if (start_position < 0 || start_position >= size) {
      return {{ErrorCode::kPositionOutOfRange, "start " + std::to_string(start_position)}, nullptr};
    }
    const int64_t end = std::min(end_position.value_or(size - 1), size - 1);
    return {{}, std::make_unique<BytesStream>(Bytes(stored->log.begin() + start_position,
                                                    stored->log.begin() + end + 1))};
  }

  RemoteFetchResult fetch_index(const RemoteSegmentMetadata& metadata,
                                RemoteIndexType index) override {
    std::lock_guard lock(mutex_);
    const Stored* stored = find(metadata);
    if (stored == nullptr) return {not_found(metadata), nullptr};
    auto it = stored->indexes.find(index);
    if (it == stored->indexes.end()) {
      return {{ErrorCode::kResourceNotFound, "no such index"}, nullptr};
    }
    return {{}, std::make_unique<BytesStream>(it->second)};
  }

  Status delete_segment(const RemoteSegmentMetadata& metadata) override {
    std::lock_guard lock(mutex_);
    return segments_.erase(metadata.segment) ? Status{} : not_found(metadata);
  }

 private:
  struct Stored {
    Bytes log;
    std::map<RemoteIndexType, Bytes> indexes;
  };

  static Status read_file(const std::string& path, Bytes& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {ErrorCode::kKafkaStorageError, "cannot read " + path};
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return {};
  }
  static Status not_found(const RemoteSegmentMetadata& metadata) {
    return {ErrorCode::kResourceNotFound,
            "no remote segment of " + metadata.segment.partition.topic + " at " +
                std::to_string(metadata.start_offset)};
  }
  const Stored* find(const RemoteSegmentMetadata& metadata) const {
    auto it = segments_.find(metadata.segment);
    return it == segments_.end() ? nullptr : &it->second;
  }

  std::mutex mutex_;
  std::map<RemoteSegmentId, Stored> segments_;
};

// Everything a stream yields, read in small chunks to exercise the loop.
Bytes drain(RemoteFetchResult result) {
  REQUIRE(result.status.ok());
  REQUIRE(result.stream);
  Bytes out;
  uint8_t buffer[3];
  for (;;) {
    auto chunk = result.stream->read(buffer);
    REQUIRE(chunk.status.ok());
    if (chunk.bytes == 0) return out;
    out.insert(out.end(), buffer, buffer + chunk.bytes);
  }
}

Bytes bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

struct SegmentOnDisk {
  std::filesystem::path dir;
  LocalSegmentFiles files;

  explicit SegmentOnDisk(bool with_transactions) {
    dir = std::filesystem::temp_directory_path() /
          ("skiff-tiered-" + std::to_string(::getpid()) + (with_transactions ? "-txn" : ""));
    std::filesystem::create_directories(dir);
    files.log_segment = write("00000000000000000100.log", "batches of records");
    files.offset_index = write("00000000000000000100.index", "offset index");
    files.time_index = write("00000000000000000100.timeindex", "time index");
    files.producer_snapshot = write("00000000000000000100.snapshot", "producer state");
    if (with_transactions) {
      files.transaction_index = write("00000000000000000100.txnindex", "aborts");
    }
    files.leader_epoch_checkpoint = bytes("0\n1\n3 100\n");
  }
  ~SegmentOnDisk() { std::filesystem::remove_all(dir); }

  std::string write(const std::string& name, std::string_view content) {
    std::ofstream(dir / name, std::ios::binary) << content;
    return (dir / name).string();
  }
};

RemoteSegmentMetadata metadata_for(uint64_t id) {
  RemoteSegmentMetadata m;
  m.segment = {{"orders", 2}, {1, 2}, {0, id}};
  m.start_offset = 100;
  m.end_offset = 149;
  m.max_timestamp_ms = 1700000000000;
  m.broker_id = 1;
  m.segment_leader_epochs = {{3, 100}};
  m.size_bytes = 18;
  return m;
}

}  // namespace

TEST_CASE("a copied segment and its indexes read back") {
  SegmentOnDisk segment(true);
  MemoryTieredStore store;
  skiff::sdk::TieredStore& tiered = store;  // used only through the interface
  RemoteSegmentMetadata m = metadata_for(7);

  CopySegmentResult copied = tiered.copy_segment(m, segment.files);
  REQUIRE(copied.status.ok());
  REQUIRE(copied.custom_metadata == bytes("memory:orders"));
  m.custom_metadata = copied.custom_metadata;

  CHECK(drain(tiered.fetch_segment(m, 0, std::nullopt)) == bytes("batches of records"));
  CHECK(drain(tiered.fetch_segment(m, 8, std::nullopt)) == bytes("of records"));
  CHECK(drain(tiered.fetch_segment(m, 8, 9)) == bytes("of"));
  CHECK(tiered.fetch_segment(m, 18, std::nullopt).status.error == ErrorCode::kPositionOutOfRange);

  CHECK(drain(tiered.fetch_index(m, RemoteIndexType::kOffset)) == bytes("offset index"));
  CHECK(drain(tiered.fetch_index(m, RemoteIndexType::kTimestamp)) == bytes("time index"));
  CHECK(drain(tiered.fetch_index(m, RemoteIndexType::kTransaction)) == bytes("aborts"));
  CHECK(drain(tiered.fetch_index(m, RemoteIndexType::kProducerSnapshot)) ==
        bytes("producer state"));
  CHECK(drain(tiered.fetch_index(m, RemoteIndexType::kLeaderEpoch)) == bytes("0\n1\n3 100\n"));

  REQUIRE(tiered.delete_segment(m).ok());
  CHECK(tiered.fetch_segment(m, 0, std::nullopt).status.error == ErrorCode::kResourceNotFound);
  CHECK(tiered.fetch_index(m, RemoteIndexType::kOffset).stream == nullptr);
}

TEST_CASE("unknown segments and missing indexes are errors, not exceptions") {
  SegmentOnDisk segment(false);
  MemoryTieredStore store;
  skiff::sdk::TieredStore& tiered = store;
  const RemoteSegmentMetadata copied = metadata_for(1);
  REQUIRE(tiered.copy_segment(copied, segment.files).status.ok());

  // The same segment copied again gets a new id: the first copy is not it.
  const RemoteSegmentMetadata unknown = metadata_for(2);
  auto fetched = tiered.fetch_segment(unknown, 0, std::nullopt);
  CHECK(fetched.status.error == ErrorCode::kResourceNotFound);
  CHECK(fetched.status.message.find("orders") != std::string::npos);
  CHECK(fetched.stream == nullptr);
  CHECK(tiered.fetch_index(unknown, RemoteIndexType::kOffset).status.error ==
        ErrorCode::kResourceNotFound);
  CHECK(tiered.delete_segment(unknown).error == ErrorCode::kResourceNotFound);

  // No transaction index was copied for a segment without aborts.
  CHECK(tiered.fetch_index(copied, RemoteIndexType::kTransaction).status.error ==
        ErrorCode::kResourceNotFound);

  LocalSegmentFiles missing = segment.files;
  missing.log_segment = (segment.dir / "gone.log").string();
  CHECK(tiered.copy_segment(metadata_for(3), missing).status.error ==
        ErrorCode::kKafkaStorageError);
  CHECK(tiered.fetch_segment(metadata_for(3), 0, std::nullopt).status.error ==
        ErrorCode::kResourceNotFound);
}
