// Encodings of stored offsets and group metadata with the wire primitives.
#include "kernel/groups/record_codec.h"

#include "kernel/protocol/wire/reader.h"
#include "kernel/protocol/wire/writer.h"

namespace skiff::kernel::groups {
namespace {

constexpr int16_t kOffsetVersion = 0;
constexpr int16_t kGroupVersion = 0;

std::string finish(protocol::Writer&& w) {
  auto out = std::move(w).finish();
  const auto& bytes = out.memory_bytes();
  return std::string(bytes.begin(), bytes.end());
}

protocol::Reader reader_of(std::string_view bytes) {
  return protocol::Reader(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

void check_version(int16_t version, int16_t known, const char* what) {
  if (version < 0 || version > known) {
    throw protocol::DecodeError(std::string("unknown ") + what + " record version " +
                                std::to_string(version));
  }
}

}  // namespace

std::string partition_prefix(int32_t coordinator_partition) {
  protocol::Writer w;
  w.write_int32(coordinator_partition);
  return finish(std::move(w));
}

std::string group_key(int32_t coordinator_partition, std::string_view group) {
  protocol::Writer w;
  w.write_int32(coordinator_partition);
  w.write_string(group);
  return finish(std::move(w));
}

std::string offset_key(const OffsetKey& key) {
  protocol::Writer w;
  w.write_int32(key.coordinator_partition);
  w.write_string(key.group);
  w.write_string(key.topic);
  w.write_int32(key.partition);
  return finish(std::move(w));
}

OffsetKey decode_offset_key(std::string_view bytes) {
  auto r = reader_of(bytes);
  OffsetKey key;
  key.coordinator_partition = r.read_int32();
  key.group = r.read_string();
  key.topic = r.read_string();
  key.partition = r.read_int32();
  return key;
}

std::string decode_group_key(std::string_view bytes) {
  auto r = reader_of(bytes);
  r.read_int32();
  return r.read_string();
}

std::string encode_offset(const StoredOffset& offset) {
  protocol::Writer w;
  w.write_int16(kOffsetVersion);
  w.write_int64(offset.offset);
  w.write_int32(offset.leader_epoch);
  w.write_string(offset.metadata);
  w.write_int64(offset.commit_timestamp_ms);
  w.write_int64(offset.expire_timestamp_ms);
  return finish(std::move(w));
}

StoredOffset decode_offset(std::string_view bytes) {
  auto r = reader_of(bytes);
  check_version(r.read_int16(), kOffsetVersion, "offset");
  StoredOffset o;
  o.offset = r.read_int64();
  o.leader_epoch = r.read_int32();
  o.metadata = r.read_string();
  o.commit_timestamp_ms = r.read_int64();
  o.expire_timestamp_ms = r.read_int64();
  return o;
}

std::string encode_group(const StoredGroup& group) {
  protocol::Writer w;
  w.write_int16(kGroupVersion);
  w.write_string(group.protocol_type);
  w.write_int32(group.generation_id);
  w.write_nullable_string(group.protocol_name);
  w.write_nullable_string(group.leader);
  w.write_int64(group.state_timestamp_ms);
  w.write_int32(static_cast<int32_t>(group.members.size()));
  for (const auto& m : group.members) {
    w.write_string(m.member_id);
    w.write_nullable_string(m.group_instance_id);
    w.write_string(m.client_id);
    w.write_string(m.client_host);
    w.write_int32(m.rebalance_timeout_ms);
    w.write_int32(m.session_timeout_ms);
    w.write_bytes(m.subscription);
    w.write_bytes(m.assignment);
  }
  return finish(std::move(w));
}

StoredGroup decode_group(std::string_view bytes) {
  auto r = reader_of(bytes);
  check_version(r.read_int16(), kGroupVersion, "group");
  StoredGroup g;
  g.protocol_type = r.read_string();
  g.generation_id = r.read_int32();
  g.protocol_name = r.read_nullable_string();
  g.leader = r.read_nullable_string();
  g.state_timestamp_ms = r.read_int64();
  int32_t n = r.read_array_length(false);
  for (int32_t i = 0; i < n; ++i) {
    StoredMember m;
    m.member_id = r.read_string();
    m.group_instance_id = r.read_nullable_string();
    m.client_id = r.read_string();
    m.client_host = r.read_string();
    m.rebalance_timeout_ms = r.read_int32();
    m.session_timeout_ms = r.read_int32();
    m.subscription = r.read_bytes();
    m.assignment = r.read_bytes();
    g.members.push_back(std::move(m));
  }
  return g;
}

}  // namespace skiff::kernel::groups
