#include "log_loader.h"

#include <algorithm>
#include <map>
#include <set>

#include "file.h"
#include "log_layout.h"
#include "partition_files.h"
#include "producer_state_loader.h"
#include "storage_error.h"

namespace skiff::storage {

namespace {

void warn(const LoadRequest& r, const std::string& message) {
  if (r.logger) r.logger->warn(layout::partition_dir_name(r.partition) + ": " + message);
}

struct Listing {
  std::map<int64_t, uint64_t> logs;  // base offset -> size
  std::set<int64_t> txn_indexes;
};

// Lists segment files and removes what interrupted work left behind.
Listing list_segments(const LoadRequest& r) {
  Listing listing;
  std::vector<std::pair<int64_t, std::filesystem::path>> indexes;
  std::error_code ec;
  for (const auto& item : std::filesystem::directory_iterator(r.dir, ec)) {
    const auto name = item.path().filename().string();
    if (layout::has_suffix(name, layout::kTempSuffix)) {
      std::filesystem::remove(item.path(), ec);
      continue;
    }
    if (auto base = layout::parse_offset_file_name(name, layout::kLogSuffix)) {
      listing.logs[*base] = item.file_size(ec);
      if (ec) throw_io_error("cannot stat", item.path(), ec.value());
      continue;
    }
    for (auto suffix : {layout::kIndexSuffix, layout::kTimeIndexSuffix, layout::kTxnIndexSuffix}) {
      if (auto base = layout::parse_offset_file_name(name, suffix)) {
        indexes.emplace_back(*base, item.path());
        if (suffix == layout::kTxnIndexSuffix) listing.txn_indexes.insert(*base);
      }
    }
  }
  if (ec) throw_io_error("cannot list", r.dir, ec.value());
  for (const auto& [base, path] : indexes) {
    if (!listing.logs.contains(base)) {
      warn(r, "removing " + path.filename().string() + " (its segment is gone)");
      std::filesystem::remove(path, ec);
    }
  }
  return listing;
}

int64_t stored_log_start(const LoadRequest& r) {
  try {
    return partition_files::read_log_start_offset(r.dir).value_or(0);
  } catch (const StorageError& e) {
    warn(r, std::string(e.what()) + "; starting at the first segment");
    return 0;
  }
}

// False when the checkpoint is missing or damaged.
bool load_epochs(const LoadRequest& r, LeaderEpochCache& epochs) {
  try {
    return epochs.load();
  } catch (const StorageError& e) {
    warn(r, std::string(e.what()) + "; rebuilding leader epochs from the log");
    return false;
  }
}

// The epochs stamped in every batch header (a full scan: only without a checkpoint).
void rebuild_epochs(const std::vector<std::shared_ptr<Segment>>& segments,
                    LeaderEpochCache& epochs) {
  for (const auto& segment : segments) {
    segment->for_each_batch(segment->base_offset(), [&](const ScannedBatch& b, BatchScanner&) {
      epochs.assign(b.header.partition_leader_epoch, b.header.base_offset);
      return true;
    });
  }
  epochs.save();
}

}  // namespace

LoadedLog load_log(const LoadRequest& r) {
  std::error_code ec;
  std::filesystem::create_directories(r.dir, ec);
  if (ec) throw_io_error("cannot create log directory", r.dir, ec.value());
  partition_files::ensure_partition_metadata(r.dir, r.partition);
  const bool clean = partition_files::has_clean_shutdown_marker(r.dir);
  const auto interval = static_cast<uint32_t>(r.config.index_interval_bytes);

  LoadedLog out;
  out.epochs =
      std::make_unique<LeaderEpochCache>(r.dir / std::string(layout::kLeaderEpochCheckpoint));
  const bool have_epochs = load_epochs(r, *out.epochs);
  int64_t log_start = stored_log_start(r);

  auto listing = list_segments(r);
  for (const auto& [base, size] : listing.logs) {
    out.segments.push_back(std::make_shared<Segment>(r.dir, base, size, interval, r.logger,
                                                     listing.txn_indexes.contains(base)));
  }
  const bool fresh = out.segments.empty();
  if (fresh) {
    out.segments.push_back(Segment::create(r.dir, log_start, interval, r.logger));
    sync_directory(r.dir);
  }

  Segment& last = *out.segments.back();
  std::optional<std::string> damage;
  if (clean) damage = last.open();
  if (!fresh && (!clean || damage)) {
    if (damage) warn(r, *damage + " despite a clean shutdown");
    RecoveryLimiter::Permit permit(r.limiter);
    auto cut = last.recover([&](const ScannedBatch& b) {
      // Without a checkpoint every segment is scanned below, in order.
      if (have_epochs) out.epochs->assign(b.header.partition_leader_epoch, b.header.base_offset);
    });
    if (cut) warn(r, "recovery " + *cut);
    out.recovered = true;
  }
  out.log_end_offset = last.next_offset();
  if (!have_epochs && !fresh) rebuild_epochs(out.segments, *out.epochs);
  out.log_start_offset =
      std::min(std::max(log_start, out.segments.front()->base_offset()), out.log_end_offset);
  out.epochs->truncate_from_end(out.log_end_offset);
  out.epochs->truncate_from_start(out.log_start_offset);

  ProducerStateRestore restore;
  restore.dir = r.dir;
  restore.segments = &out.segments;
  restore.log_end_offset = out.log_end_offset;
  restore.logger = r.logger;
  if (out.recovered) {
    // Replay the recovered segment's markers so its aborted-transaction index is rebuilt.
    restore.snapshot_limit = last.base_offset();
    restore.on_completed = [&](Segment& segment, const CompletedTxn& txn) {
      if (!txn.aborted || &segment != &last) return;
      segment.add_aborted_txn(
          {txn.producer_id, txn.first_offset, txn.last_offset,
           out.producers.first_unstable_offset().value_or(txn.last_offset + 1)});
    };
  } else {
    restore.snapshot_limit = out.log_end_offset;
  }
  restore_producer_state(restore, out.producers);

  partition_files::remove_clean_shutdown_marker(r.dir);
  return out;
}

}  // namespace skiff::storage
