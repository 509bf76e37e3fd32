#include "prepared_append.h"

#include <algorithm>

#include "batch_decompressor.h"

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
std::optional<sdk::ControlRecordType> read_marker(const sdk::RecordBatchHeader& h,
                                                  std::span<const uint8_t> records) {
  std::optional<sdk::ControlRecordType> marker;
  auto walked =
      sdk::for_each_record_in(records, h.records_count, [&](const sdk::RecordView& record) {
        marker = sdk::control_record_type(record);
        return false;
      });
  if (!walked) return std::nullopt;
  return marker;
}

// Kafka stores the largest record timestamp as the batch's maxTimestamp, whatever the
// producer wrote there (kafkajs leaves records with default timestamps out of it), so
// time lookups and the time index see every record. The batch's CRC is recomputed
// (for a compressed batch it covers the compressed bytes, as for any other).
void set_max_timestamp(std::span<uint8_t> batch, const sdk::RecordBatchHeader& h, int64_t max_ts) {
  if (max_ts != h.max_timestamp && h.records_count > 0) {
    sdk::store_be<int64_t>(batch.data() + sdk::batch::kMaxTimestamp, max_ts);
    sdk::update_crc(batch);
  }
}

// Why `timestamp` is too far from `now`, or an empty string.
std::string timestamp_problem(int64_t timestamp, int64_t now, const LogConfig& config) {
  if (timestamp == sdk::batch::kNoTimestamp) return {};
  // Producer timestamps can be anything: compute the distance without overflow.
  __int128 behind = static_cast<__int128>(now) - timestamp;
  __int128 ahead = -behind;
  if (behind > config.timestamp_before_max_ms || ahead > config.timestamp_after_max_ms ||
      (behind < 0 ? ahead : behind) > config.timestamp_difference_max_ms) {
    return "timestamp " + std::to_string(timestamp) + " is out of range of the broker time " +
           std::to_string(now);
  }
  return {};
}

struct TimestampScan {
  int64_t max_timestamp = sdk::batch::kNoTimestamp;
  std::optional<PreparedAppend> rejected;
};

// One walk over the records (`records`: the records section, decompressed for a
// compressed batch): their largest timestamp and, when `check`, a rejection for the
// first one too far from `now`. Every record is checked, compressed or not, as
// Kafka's LogValidator does.
TimestampScan scan_timestamps(const sdk::RecordBatchHeader& h, std::span<const uint8_t> records,
                              std::size_t index, int64_t now, const LogConfig& config,
                              bool check) {
  TimestampScan scan;
  int32_t record = 0;
  sdk::for_each_record_in(records, h.records_count, [&](const sdk::RecordView& r) {
    const int64_t timestamp = sdk::record_timestamp(h, r);
    if (check) {
      if (auto why = timestamp_problem(timestamp, now, config); !why.empty()) {
        scan.rejected = reject(sdk::ErrorCode::kInvalidTimestamp,
                               "record batch " + std::to_string(index) + ": " + why, record);
        return false;
      }
    }
    scan.max_timestamp = std::max(scan.max_timestamp, timestamp);
    ++record;
    return true;
  });
  return scan;
}

// The records section of batch `index`: in place, or decompressed into the thread's
// buffer (valid until the next call) and checked as validate_batches() checks an
// uncompressed batch: framing, recordsCount, offset deltas 0, 1, 2, ... Kafka's
// LogValidator rebuilds a compressed batch whose inner offsets are not consecutive;
// Skiff stores batches as produced and never recompresses, so it refuses them
// instead, as it does for uncompressed batches.
std::optional<PreparedAppend> records_of(std::span<const uint8_t> batch,
                                         const sdk::RecordBatchHeader& h, std::size_t index,
                                         std::span<const uint8_t>& records) {
  records = batch.subspan(sdk::batch::kHeaderSize);
  if (h.compression() == sdk::Compression::kNone) return std::nullopt;  // already walked
  auto status = thread_decompressor().decompress(h.compression(), records, records);
  if (status) status = sdk::validate_records(h, records);
  if (status) return std::nullopt;
  return reject(status.error, "record batch " + std::to_string(index) + ": " + status.message,
                status.record_index);
}

bool checks_timestamps(const LogConfig& c) {
  return c.timestamp_type == sdk::TimestampType::kCreateTime &&
         (c.timestamp_before_max_ms != LogConfig::kNever ||
          c.timestamp_after_max_ms != LogConfig::kNever ||
          c.timestamp_difference_max_ms != LogConfig::kNever);
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

  // One large batch must not pin its buffer to this thread.
  struct ShrinkAfter {
    ~ShrinkAfter() { thread_decompressor().shrink(); }
  } shrink_after;
  PreparedAppend out;
  out.bytes.assign(request_batches.begin(), request_batches.end());
  bool log_append_time = config.timestamp_type == sdk::TimestampType::kLogAppendTime;
  if (log_append_time) out.log_append_time = now_ms;
  std::size_t position = 0;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (spans[i].size() > static_cast<std::size_t>(config.max_message_bytes)) {
      return reject(sdk::ErrorCode::kMessageTooLarge, "record batch " + std::to_string(i) + " of " +
                                                          std::to_string(spans[i].size()) +
                                                          " bytes exceeds max.message.bytes " +
                                                          std::to_string(config.max_message_bytes));
    }
    std::span<uint8_t> batch(out.bytes.data() + position, spans[i].size());
    PreparedBatch prepared;
    prepared.position = position;
    prepared.header = sdk::RecordBatchHeader::parse(batch.data());
    std::span<const uint8_t> records;
    if (auto rejected = records_of(spans[i], prepared.header, i, records))
      return std::move(*rejected);
    const bool check = checks_timestamps(config);
    const bool correct_max =
        !log_append_time && prepared.header.timestamp_type() == sdk::TimestampType::kCreateTime;
    TimestampScan timestamps;
    if (check || correct_max) {
      timestamps = scan_timestamps(prepared.header, records, i, now_ms, config, check);
      if (timestamps.rejected) return std::move(*timestamps.rejected);
    }
    if (prepared.header.control()) {
      prepared.marker = read_marker(prepared.header, records);
      if (!prepared.marker) {
        return reject(sdk::ErrorCode::kInvalidRecord,
                      "control batch " + std::to_string(i) + " holds no transaction marker", 0);
      }
    }
    sdk::set_partition_leader_epoch(batch, leader_epoch);
    prepared.header.partition_leader_epoch = leader_epoch;
    if (log_append_time) {
      sdk::set_log_append_time(batch, now_ms);
    } else if (correct_max) {
      set_max_timestamp(batch, prepared.header, timestamps.max_timestamp);
    }
    prepared.header = sdk::RecordBatchHeader::parse(batch.data());
    out.offset_count += prepared.header.last_offset_delta + 1;
    out.batches.push_back(prepared);
    position += spans[i].size();
  }
  return out;
}

void assign_offsets(PreparedAppend& append, int64_t base_offset) {
  int64_t next = base_offset;
  for (auto& b : append.batches) {
    sdk::set_base_offset(
        std::span<uint8_t>(append.bytes.data() + b.position, sdk::batch::kHeaderSize), next);
    b.header.base_offset = next;
    next = b.header.last_offset() + 1;
  }
}

}  // namespace skiff::storage
