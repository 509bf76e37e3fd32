// LmdbOffsetStore: the OffsetStore in an LMDB environment of its own (by default
// <first log.dirs>/__skiff_groups). One writer thread takes every queued write
// batch at once and commits them in a single transaction (group commit), so many
// concurrent offset commits share one fsync; each batch is acknowledged only after
// that commit returns. Reads run on the caller's thread in read transactions.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>

#include "kernel/groups/lmdb_handle.h"
#include "kernel/groups/offset_store.h"
#include "skiff/sdk/log.h"

namespace skiff::kernel::groups {

class LmdbOffsetStore final : public OffsetStore {
 public:
  // Opens or creates the store. Throws if it was created for another number of
  // coordinator partitions: groups would no longer be found where they were put.
  LmdbOffsetStore(const std::filesystem::path& dir, int32_t num_partitions, sdk::Logger& logger);
  // Finishes every queued write first.
  ~LmdbOffsetStore() override;

  void write(std::vector<StoreOp> ops, StoreDone done) override;
  void flush() override;
  std::optional<StoredOffset> get_offset(const OffsetKey& key) const override;
  void for_each_offset(int32_t coordinator_partition, const std::string& group,
                       const std::function<void(const std::string& topic, int32_t partition,
                                                const StoredOffset& offset)>& visit) const override;
  bool has_offsets(int32_t coordinator_partition, const std::string& group) const override;
  PartitionContents load_partition(int32_t coordinator_partition) const override;

 private:
  struct Pending {
    std::vector<StoreOp> ops;
    StoreDone done;
  };

  void check_partition_count(int32_t num_partitions);
  void writer_loop();
  std::vector<StoreWriteResult> commit_batch(const std::deque<Pending>& batch);
  void apply(LmdbTransaction& txn, const StoreOp& op, StoreWriteResult& result);

  sdk::Logger& logger_;
  LmdbEnvironment env_;
  MDB_dbi offsets_ = 0;
  MDB_dbi groups_ = 0;
  MDB_dbi meta_ = 0;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Pending> queue_;
  bool busy_ = false;  // a batch is being written or its callbacks run
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace skiff::kernel::groups
