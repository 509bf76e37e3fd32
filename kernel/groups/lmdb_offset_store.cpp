// The LMDB offset store and its group-commit writer thread.
#include "kernel/groups/lmdb_offset_store.h"

#include <stdexcept>

#include "kernel/protocol/wire/errors.h"

namespace skiff::kernel::groups {
namespace {

constexpr size_t kMapSize = size_t{64} << 30;  // address space only; the file grows as used
constexpr std::string_view kPartitionCountKey = "offsets.topic.num.partitions";

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace

LmdbOffsetStore::LmdbOffsetStore(const std::filesystem::path& dir, int32_t num_partitions,
                                 sdk::Logger& logger)
    : logger_(logger), env_(dir, kMapSize, 4) {
  {
    LmdbTransaction txn(env_, true);
    offsets_ = txn.open("offsets");
    groups_ = txn.open("groups");
    meta_ = txn.open("meta");
    txn.commit();
  }
  check_partition_count(num_partitions);
  writer_ = std::thread([this] { writer_loop(); });
}

LmdbOffsetStore::~LmdbOffsetStore() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

void LmdbOffsetStore::check_partition_count(int32_t num_partitions) {
  LmdbTransaction txn(env_, true);
  std::string wanted = std::to_string(num_partitions);
  if (auto stored = txn.get(meta_, kPartitionCountKey)) {
    if (*stored != wanted) {
      throw std::runtime_error("the group store was created with offsets.topic.num.partitions=" +
                               std::string(*stored) + ", not " + wanted +
                               "; it cannot change once groups are stored");
    }
    return;
  }
  txn.put(meta_, kPartitionCountKey, wanted);
  txn.commit();
}

void LmdbOffsetStore::write(std::vector<StoreOp> ops, StoreDone done) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(Pending{std::move(ops), std::move(done)});
  }
  wake_.notify_one();
}

void LmdbOffsetStore::flush() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

void LmdbOffsetStore::writer_loop() {
  for (;;) {
    std::deque<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      busy_ = false;
      if (queue_.empty()) idle_.notify_all();
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is written
      batch.swap(queue_);
      busy_ = true;
    }
    std::vector<StoreWriteResult> results = commit_batch(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].done) batch[i].done(results[i]);
    }
  }
}

std::vector<StoreWriteResult> LmdbOffsetStore::commit_batch(const std::deque<Pending>& batch) {
  std::vector<StoreWriteResult> results(batch.size());
  try {
    LmdbTransaction txn(env_, true);
    for (size_t i = 0; i < batch.size(); ++i) {
      for (const auto& op : batch[i].ops) apply(txn, op, results[i]);
    }
    txn.commit();
    return results;
  } catch (const std::exception& e) {
    if (batch.size() == 1) {
      logger_.error(std::string("group store write failed: ") + e.what());
      results[0] = StoreWriteResult{sdk::ErrorCode::kKafkaStorageError, 0};
      return results;
    }
  }
  // One bad write must not fail the others committed with it: retry one by one.
  for (size_t i = 0; i < batch.size(); ++i) {
    results[i] = StoreWriteResult{};
    try {
      LmdbTransaction txn(env_, true);
      for (const auto& op : batch[i].ops) apply(txn, op, results[i]);
      txn.commit();
    } catch (const std::exception& e) {
      logger_.error(std::string("group store write failed: ") + e.what());
      results[i] = StoreWriteResult{sdk::ErrorCode::kKafkaStorageError, 0};
    }
  }
  return results;
}

void LmdbOffsetStore::apply(LmdbTransaction& txn, const StoreOp& op, StoreWriteResult& result) {
  std::visit(
      Overloaded{
          [&](const store_ops::PutOffset& o) {
            txn.put(offsets_, offset_key(o.key), encode_offset(o.value));
          },
          [&](const store_ops::DeleteOffset& o) { txn.del(offsets_, offset_key(o.key)); },
          [&](const store_ops::PutGroup& o) {
            txn.put(groups_, group_key(o.coordinator_partition, o.group), encode_group(o.value));
          },
          [&](const store_ops::DeleteGroup& o) {
            std::string key = group_key(o.coordinator_partition, o.group);
            txn.del(groups_, key);
            txn.erase_if(offsets_, key, [](std::string_view, std::string_view) { return true; });
          },
          [&](const store_ops::ExpireOffsets& o) {
            result.expired += txn.erase_if(
                offsets_, group_key(o.coordinator_partition, o.group),
                [&](std::string_view key, std::string_view value) {
                  try {
                    return offset_expired(decode_offset_key(key).topic, decode_offset(value), o.rule);
                  } catch (const protocol::DecodeError&) {
                    return true;  // unreadable: nothing could ever use it
                  }
                });
          },
      },
      op);
}

std::optional<StoredOffset> LmdbOffsetStore::get_offset(const OffsetKey& key) const {
  std::string k = offset_key(key);
  if (k.size() > env_.max_key_size()) return std::nullopt;  // could never have been stored
  LmdbTransaction txn(env_, false);
  auto value = txn.get(offsets_, k);
  if (!value) return std::nullopt;
  try {
    return decode_offset(*value);
  } catch (const protocol::DecodeError& e) {
    logger_.warn(std::string("unreadable stored offset ignored: ") + e.what());
    return std::nullopt;
  }
}

void LmdbOffsetStore::for_each_offset(
    int32_t coordinator_partition, const std::string& group,
    const std::function<void(const std::string& topic, int32_t partition,
                             const StoredOffset& offset)>& visit) const {
  LmdbTransaction txn(env_, false);
  txn.scan(offsets_, group_key(coordinator_partition, group),
           [&](std::string_view key, std::string_view value) {
             try {
               OffsetKey k = decode_offset_key(key);
               visit(k.topic, k.partition, decode_offset(value));
             } catch (const protocol::DecodeError& e) {
               logger_.warn(std::string("unreadable stored offset ignored: ") + e.what());
             }
             return true;
           });
}

bool LmdbOffsetStore::has_offsets(int32_t coordinator_partition, const std::string& group) const {
  LmdbTransaction txn(env_, false);
  bool found = false;
  txn.scan(offsets_, group_key(coordinator_partition, group), [&](std::string_view, std::string_view) {
    found = true;
    return false;
  });
  return found;
}

OffsetStore::PartitionContents LmdbOffsetStore::load_partition(int32_t coordinator_partition) const {
  PartitionContents out;
  LmdbTransaction txn(env_, false);
  std::string prefix = partition_prefix(coordinator_partition);
  txn.scan(groups_, prefix, [&](std::string_view key, std::string_view value) {
    try {
      out.groups.emplace_back(decode_group_key(key), decode_group(value));
    } catch (const protocol::DecodeError& e) {
      logger_.warn(std::string("unreadable stored group ignored: ") + e.what());
      ++out.unreadable;
    }
    return true;
  });
  txn.scan(offsets_, prefix, [&](std::string_view key, std::string_view) {
    try {
      std::string group = decode_offset_key(key).group;
      // Keys are sorted by group, so each group's offsets are contiguous.
      if (out.groups_with_offsets.empty() || out.groups_with_offsets.back() != group) {
        out.groups_with_offsets.push_back(std::move(group));
      }
    } catch (const protocol::DecodeError&) {
      ++out.unreadable;
    }
    return true;
  });
  return out;
}

}  // namespace skiff::kernel::groups
