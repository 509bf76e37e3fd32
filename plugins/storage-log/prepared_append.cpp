#include "prepared_append.h"

namespace skiff::storage {

namespace {

PreparedAppend reject(sdk::ErrorCode code, std::string message, int32_t record = -1) {
  PreparedAppend out;
  out.error = code;
  out.message = message;
  if (record >= 0) out.record_errors.push_back({record, std::move(message)});
  return out;
}

// A control batch must hold one readable marker record.
std::optional<sdk::ControlRecordType> read_marker(std::span<const uint8_t> batch) {
  std::optional<sdk::ControlRecordType> marker;
  auto walked = sdk::for_each_record(batch, [&](const sdk::RecordView& record) {
    marker = sdk::control_record_type(record);
    return false;
  });
  if (!walked) return std::nullopt;
  return marker;
}

}  // namespace

std::vector<sdk::RecordBatchHeader> PreparedAppend::headers() const {
  std::vector<sdk::RecordBatchHeader> out;
  out.reserve(batches.size());
  for (const auto& b : batches) out.push_back(b.header);
  return out;
}

PreparedAppend prepare_append(std::span<const uint8_t> request_batches, const LogConfig& config,
                              int32_t leader_epoch, int64_t now_ms) {
  std::vector<std::span<const uint8_t>> spans;
  auto valid = sdk::validate_batches(request_batches, spans);
  if (!valid) return reject(valid.error, valid.message, valid.record_index);

  PreparedAppend out;
  out.bytes.assign(request_batches.begin(), request_batches.end());
  bool log_append_time = config.timestamp_type == sdk::TimestampType::kLogAppendTime;
  if (log_append_time) out.log_append_time = now_ms;
  std::size_t position = 0;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (spans[i].size() > static_cast<std::size_t>(config.max_message_bytes)) {
      return reject(sdk::ErrorCode::kMessageTooLarge,
                    "record batch " + std::to_string(i) + " of " + std::to_string(spans[i].size()) +
                        " bytes exceeds max.message.bytes " +
                        std::to_string(config.max_message_bytes));
    }
    std::span<uint8_t> batch(out.bytes.data() + position, spans[i].size());
    PreparedBatch prepared;
    prepared.position = position;
    prepared.header = sdk::RecordBatchHeader::parse(batch.data());
    if (prepared.header.control()) {
      prepared.marker = prepared.header.compression() == sdk::Compression::kNone
                            ? read_marker(spans[i])
                            : std::nullopt;
      if (!prepared.marker) {
        return reject(sdk::ErrorCode::kInvalidRecord,
                      "control batch " + std::to_string(i) + " holds no transaction marker", 0);
      }
    }
    sdk::set_partition_leader_epoch(batch, leader_epoch);
    prepared.header.partition_leader_epoch = leader_epoch;
    if (log_append_time) {
      sdk::set_log_append_time(batch, now_ms);
      prepared.header = sdk::RecordBatchHeader::parse(batch.data());
    }
    out.offset_count += prepared.header.last_offset_delta + 1;
    out.batches.push_back(prepared);
    position += spans[i].size();
  }
  return out;
}

void assign_offsets(PreparedAppend& append, int64_t base_offset) {
  int64_t next = base_offset;
  for (auto& b : append.batches) {
    sdk::set_base_offset(std::span<uint8_t>(append.bytes.data() + b.position, sdk::batch::kHeaderSize),
                         next);
    b.header.base_offset = next;
    next = b.header.last_offset() + 1;
  }
}

}  // namespace skiff::storage
