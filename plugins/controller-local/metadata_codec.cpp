// Encoding and decoding of stored controller values; see metadata_codec.h.
#include "metadata_codec.h"

#include <limits>
#include <utility>
#include <vector>

namespace skiff::controller_local {
namespace {

class Writer {
 public:
  Writer() { out_.push_back(static_cast<char>(kFormatVersion)); }

  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out_.push_back(static_cast<char>(v >> shift));
  }
  void u64(uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out_.push_back(static_cast<char>(v >> shift));
  }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void count(std::size_t n) {
    if (n > std::numeric_limits<uint32_t>::max()) throw CodecError("value too large to store");
    u32(static_cast<uint32_t>(n));
  }
  void str(std::string_view s) {
    count(s.size());
    out_.append(s);
  }
  void i32_list(const std::vector<int32_t>& list) {
    count(list.size());
    for (int32_t v : list) i32(v);
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Bounds-checked reader; every read past the end or leftover byte is a CodecError.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {
    uint8_t version = u8();
    if (version != kFormatVersion) {
      throw CodecError("unknown format version " + std::to_string(version) +
                       " (this build reads version " + std::to_string(kFormatVersion) + ")");
    }
  }

  uint8_t u8() { return static_cast<uint8_t>(take(1)[0]); }
  uint32_t u32() { return static_cast<uint32_t>(big_endian(4)); }
  uint64_t u64() { return big_endian(8); }
  int32_t i32() { return static_cast<int32_t>(u32()); }
  // A length that must fit in the remaining bytes, `min_item_size` bytes per item,
  // so a corrupted count cannot make us allocate gigabytes.
  uint32_t count(std::size_t min_item_size) {
    uint32_t n = u32();
    if (min_item_size > 0 && n > (in_.size() - pos_) / min_item_size) {
      throw CodecError("truncated value (count " + std::to_string(n) + " exceeds the data)");
    }
    return n;
  }
  std::string str() {
    uint32_t n = count(1);
    return std::string(take(n));
  }
  std::vector<int32_t> i32_list() {
    std::vector<int32_t> list(count(4));
    for (auto& v : list) v = i32();
    return list;
  }
  void finish() const {
    if (pos_ != in_.size()) {
      throw CodecError(std::to_string(in_.size() - pos_) + " unexpected trailing bytes");
    }
  }

 private:
  std::string_view take(std::size_t n) {
    if (n > in_.size() - pos_) throw CodecError("truncated value");
    auto bytes = in_.substr(pos_, n);
    pos_ += n;
    return bytes;
  }
  uint64_t big_endian(std::size_t n) {
    uint64_t v = 0;
    for (char c : take(n)) v = (v << 8) | static_cast<uint8_t>(c);
    return v;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string encode_topic(const sdk::TopicInfo& topic) {
  Writer w;
  w.str(topic.name);
  w.u64(topic.id.high);
  w.u64(topic.id.low);
  w.u8(topic.internal ? 1 : 0);
  w.count(topic.partitions.size());
  for (const auto& p : topic.partitions) {
    w.i32(p.partition);
    w.i32(p.leader);
    w.i32(p.leader_epoch);
    w.i32(p.partition_epoch);
    w.i32_list(p.replicas);
    w.i32_list(p.isr);
  }
  return w.take();
}

sdk::TopicInfo decode_topic(std::string_view bytes) {
  Reader r(bytes);
  sdk::TopicInfo topic;
  topic.name = r.str();
  topic.id.high = r.u64();
  topic.id.low = r.u64();
  topic.internal = r.u8() != 0;
  // Smallest partition: four int32s and two empty lists.
  topic.partitions.resize(r.count(24));
  for (auto& p : topic.partitions) {
    p.partition = r.i32();
    p.leader = r.i32();
    p.leader_epoch = r.i32();
    p.partition_epoch = r.i32();
    p.replicas = r.i32_list();
    p.isr = r.i32_list();
  }
  r.finish();
  return topic;
}

std::string encode_configs(const std::map<std::string, std::string>& configs) {
  Writer w;
  w.count(configs.size());
  for (const auto& [key, value] : configs) {
    w.str(key);
    w.str(value);
  }
  return w.take();
}

std::map<std::string, std::string> decode_configs(std::string_view bytes) {
  Reader r(bytes);
  std::map<std::string, std::string> configs;
  // Smallest entry: two empty strings.
  for (uint32_t n = r.count(8); n > 0; --n) {
    std::string key = r.str();
    configs[std::move(key)] = r.str();
  }
  r.finish();
  return configs;
}

std::string encode_int64(int64_t value) {
  Writer w;
  w.u64(static_cast<uint64_t>(value));
  return w.take();
}

int64_t decode_int64(std::string_view bytes) {
  Reader r(bytes);
  auto value = static_cast<int64_t>(r.u64());
  r.finish();
  return value;
}

std::string encode_string(std::string_view value) {
  Writer w;
  w.str(value);
  return w.take();
}

std::string decode_string(std::string_view bytes) {
  Reader r(bytes);
  std::string value = r.str();
  r.finish();
  return value;
}

}  // namespace skiff::controller_local
