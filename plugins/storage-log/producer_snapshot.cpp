#include "producer_snapshot.h"

#include <string>

#include "checkpoint_file.h"
#include "file.h"
#include "log_layout.h"
#include "skiff/sdk/crc32c.h"
#include "storage_error.h"

namespace skiff::storage {

namespace {

constexpr int16_t kVersion = 1;
constexpr std::size_t kPrefix = 2 + 4;  // version + crc

class Writer {
 public:
  template <class T>
  void put(T v) {
    uint8_t raw[sizeof(T)];
    sdk::store_be<T>(raw, v);
    bytes_.append(reinterpret_cast<const char*>(raw), sizeof raw);
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

class Reader {
 public:
  Reader(const std::vector<uint8_t>& bytes, std::size_t pos, const std::filesystem::path& path)
      : bytes_(bytes), pos_(pos), path_(path) {}
  template <class T>
  T get() {
    if (bytes_.size() - pos_ < sizeof(T)) throw_corrupt(path_, "producer snapshot is truncated");
    T v = sdk::load_be<T>(bytes_.data() + pos_);
    pos_ += sizeof(T);
    return v;
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  const std::vector<uint8_t>& bytes_;
  std::size_t pos_;
  const std::filesystem::path& path_;
};

}  // namespace

void write_producer_snapshot(const std::filesystem::path& dir, int64_t offset,
                             const std::vector<ProducerEntry>& entries) {
  Writer w;
  w.put<int16_t>(kVersion);
  w.put<uint32_t>(0);  // CRC, filled below
  w.put<int32_t>(static_cast<int32_t>(entries.size()));
  for (const auto& e : entries) {
    w.put<int64_t>(e.producer_id);
    w.put<int16_t>(e.epoch);
    w.put<int64_t>(e.last_timestamp);
    w.put<int64_t>(e.txn_first_offset);
    w.put<int8_t>(static_cast<int8_t>(e.batches.size()));
    for (const auto& b : e.batches) {
      w.put<int32_t>(b.first_seq);
      w.put<int32_t>(b.last_seq);
      w.put<int64_t>(b.first_offset);
      w.put<int64_t>(b.last_offset);
      w.put<int64_t>(b.timestamp);
    }
  }
  auto& bytes = w.bytes();
  uint32_t crc = sdk::crc32c(bytes.data() + kPrefix, bytes.size() - kPrefix);
  sdk::store_be<uint32_t>(reinterpret_cast<uint8_t*>(bytes.data()) + 2, crc);
  write_file_atomically(dir / layout::offset_file_name(offset, layout::kSnapshotSuffix), bytes);
}

std::vector<ProducerEntry> read_producer_snapshot(const std::filesystem::path& path) {
  auto file = File::open(path, File::Mode::kRead);
  std::vector<uint8_t> bytes(file->size());
  file->read_exact(0, bytes.data(), bytes.size());
  if (bytes.size() < kPrefix + 4) throw_corrupt(path, "producer snapshot is truncated");
  if (sdk::load_be<int16_t>(bytes.data()) != kVersion) {
    throw_corrupt(path, "unknown producer snapshot version");
  }
  if (sdk::load_be<uint32_t>(bytes.data() + 2) !=
      sdk::crc32c(bytes.data() + kPrefix, bytes.size() - kPrefix)) {
    throw_corrupt(path, "producer snapshot fails its CRC");
  }
  Reader r(bytes, kPrefix, path);
  auto count = r.get<int32_t>();
  if (count < 0) throw_corrupt(path, "negative producer count");
  std::vector<ProducerEntry> entries;
  for (int32_t i = 0; i < count; ++i) {
    ProducerEntry e;
    e.producer_id = r.get<int64_t>();
    e.epoch = r.get<int16_t>();
    e.last_timestamp = r.get<int64_t>();
    e.txn_first_offset = r.get<int64_t>();
    auto batches = r.get<int8_t>();
    if (batches < 0 || static_cast<std::size_t>(batches) > ProducerStateManager::kMaxBatches) {
      throw_corrupt(path, "bad batch count in producer snapshot");
    }
    for (int8_t b = 0; b < batches; ++b) {
      ProducerBatch pb;
      pb.first_seq = r.get<int32_t>();
      pb.last_seq = r.get<int32_t>();
      pb.first_offset = r.get<int64_t>();
      pb.last_offset = r.get<int64_t>();
      pb.timestamp = r.get<int64_t>();
      e.batches.push_back(pb);
    }
    entries.push_back(std::move(e));
  }
  if (!r.done()) throw_corrupt(path, "trailing bytes in producer snapshot");
  return entries;
}

std::map<int64_t, std::filesystem::path> list_producer_snapshots(const std::filesystem::path& dir) {
  std::map<int64_t, std::filesystem::path> out;
  std::error_code ec;
  for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
    auto name = item.path().filename().string();
    if (auto offset = layout::parse_offset_file_name(name, layout::kSnapshotSuffix)) {
      out.emplace(*offset, item.path());
    }
  }
  if (ec) throw_io_error("cannot list", dir, ec.value());
  return out;
}

}  // namespace skiff::storage
