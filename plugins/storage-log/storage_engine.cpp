#include "storage_engine.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>

#include "file.h"
#include "log_layout.h"
#include "storage_error.h"

namespace skiff::storage {

namespace {

uint64_t directory_bytes(const std::filesystem::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
    if (item.is_regular_file(ec)) total += item.file_size(ec);
  }
  return total;
}

// "<name>.<unique>-delete": unique even when the same partition is deleted twice.
std::string deletion_name(const std::string& name) {
  static std::atomic<uint64_t> counter{0};
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return name + "." + std::to_string(now) + "x" + std::to_string(counter++) +
         std::string(layout::kDeleteDirSuffix);
}

}  // namespace

LogStorageEngine::LogStorageEngine(EngineConfig config, sdk::Logger& logger, Clock clock)
    : config_(std::move(config)), logger_(logger), clock_(std::move(clock)) {
  for (const auto& path : config_.log_dirs) {
    dirs_.push_back(
        {path, {}, std::make_unique<RecoveryLimiter>(config_.recovery_threads_per_dir)});
    scan_dir(dirs_.size() - 1);
  }
  bool any_online = false;
  for (const auto& d : dirs_) any_online = any_online || d.error.empty();
  if (!any_online) {
    std::string why;
    for (const auto& d : dirs_) why += (why.empty() ? "" : "; ") + d.error;
    throw StorageError(sdk::ErrorCode::kKafkaStorageError, "no usable log directory: " + why);
  }
}

LogStorageEngine::~LogStorageEngine() = default;

void LogStorageEngine::scan_dir(std::size_t index) {
  Dir& dir = dirs_[index];
  std::error_code ec;
  std::filesystem::create_directories(dir.path, ec);
  if (ec) {
    dir.error = "cannot create log directory " + dir.path.string() + ": " + ec.message();
  } else if (::access(dir.path.c_str(), R_OK | W_OK | X_OK) != 0) {
    dir.error = "log directory " + dir.path.string() + " is not writable: " + std::strerror(errno);
  }
  if (!dir.error.empty()) {
    logger_.error(dir.error + "; the directory is offline");
    return;
  }
  for (const auto& item : std::filesystem::directory_iterator(dir.path, ec)) {
    if (!item.is_directory(ec)) continue;
    const auto name = item.path().filename().string();
    if (layout::has_suffix(name, layout::kDeleteDirSuffix)) {
      // A deletion interrupted by a restart: finish it.
      std::filesystem::remove_all(item.path(), ec);
      if (ec) logger_.warn("cannot delete " + item.path().string() + ": " + ec.message());
      continue;
    }
    auto tp = layout::parse_partition_dir_name(name);
    if (!tp) continue;
    auto [it, inserted] = placement_.emplace(*tp, index);
    if (!inserted) {
      logger_.warn(name + " exists in both " + dirs_[it->second].path.string() + " and " +
                   dir.path.string() + "; using the first");
    }
  }
  if (ec) {
    dir.error = "cannot list log directory " + dir.path.string() + ": " + ec.message();
    logger_.error(dir.error + "; the directory is offline");
  }
}

std::filesystem::path LogStorageEngine::partition_path(std::size_t dir,
                                                       const sdk::TopicPartition& tp) const {
  return dirs_[dir].path / layout::partition_dir_name(tp);
}

std::size_t LogStorageEngine::place_locked(const sdk::TopicPartition& tp) {
  if (auto it = placement_.find(tp); it != placement_.end()) {
    const Dir& dir = dirs_[it->second];
    if (!dir.error.empty()) {
      throw StorageError(
          sdk::ErrorCode::kKafkaStorageError,
          layout::partition_dir_name(tp) + " lives in an offline log directory: " + dir.error);
    }
    return it->second;
  }
  std::vector<std::size_t> load(dirs_.size(), 0);
  for (const auto& [p, d] : placement_) ++load[d];
  std::size_t best = dirs_.size();
  for (std::size_t i = 0; i < dirs_.size(); ++i) {
    if (dirs_[i].error.empty() && (best == dirs_.size() || load[i] < load[best])) best = i;
  }
  if (best == dirs_.size()) {
    throw StorageError(sdk::ErrorCode::kKafkaStorageError, "every log directory is offline");
  }
  placement_[tp] = best;
  return best;
}

std::mutex& LogStorageEngine::open_lock(const sdk::TopicPartition& tp) {
  std::lock_guard lock(mu_);
  auto& slot = open_locks_[tp];
  if (!slot) slot = std::make_unique<std::mutex>();
  return *slot;
}

std::shared_ptr<sdk::PartitionLog> LogStorageEngine::open(const sdk::TopicPartition& tp,
                                                          const sdk::ConfigView& topic_config) {
  if (!layout::is_safe_topic_name(tp.topic) || tp.partition < 0) {
    throw StorageError(
        sdk::ErrorCode::kInvalidTopicException,
        "cannot store partition " + std::to_string(tp.partition) + " of topic '" + tp.topic + "'");
  }
  // Opens of one partition are serialized; different partitions open in parallel.
  std::lock_guard opening(open_lock(tp));
  Log::Options options;
  {
    std::lock_guard lock(mu_);
    if (closed_)
      throw StorageError(sdk::ErrorCode::kKafkaStorageError, "storage engine is stopped");
    if (auto it = logs_.find(tp); it != logs_.end()) {
      it->second->update_config(topic_config);
      return it->second;
    }
    std::size_t dir = place_locked(tp);
    options.dir = partition_path(dir, tp);
    options.limiter = dirs_[dir].limiter.get();
    options.defaults = config_.defaults;
    options.flush_on_append = config_.flush_on_append;
    options.direct_write_min_bytes = config_.direct_write_min_bytes;
  }
  options.partition = tp;
  options.config = LogConfig::from(topic_config, options.defaults);
  options.clock = clock_;
  options.logger = &logger_;
  options.flush_time = flush_time_;
  options.tend_queue = &tend_queue_;
  auto log = Log::open(std::move(options));
  std::lock_guard lock(mu_);
  logs_[tp] = log;
  return log;
}

void LogStorageEngine::remove(const sdk::TopicPartition& tp) {
  std::shared_ptr<Log> log;
  std::filesystem::path path;
  {
    std::lock_guard lock(mu_);
    if (auto it = logs_.find(tp); it != logs_.end()) {
      log = std::move(it->second);
      logs_.erase(it);
    }
    auto placed = placement_.find(tp);
    if (placed == placement_.end()) return;
    path = partition_path(placed->second, tp);
    placement_.erase(placed);
  }
  if (log) log->close_for_removal();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return;
  auto doomed = path.parent_path() / deletion_name(path.filename().string());
  std::filesystem::rename(path, doomed, ec);
  if (ec) {
    logger_.error("cannot rename " + path.string() + " for deletion: " + ec.message());
    return;
  }
  try {
    sync_directory(path.parent_path());
  } catch (const StorageError& e) {
    logger_.warn(e.what());
  }
  std::filesystem::remove_all(doomed, ec);
  if (ec)
    logger_.warn("cannot delete " + doomed.string() + " (retried at restart): " + ec.message());
  logger_.info("deleted " + layout::partition_dir_name(tp));
}

std::vector<sdk::TopicPartition> LogStorageEngine::stored_partitions() {
  std::lock_guard lock(mu_);
  std::vector<sdk::TopicPartition> out;
  for (const auto& [tp, dir] : placement_) {
    if (dirs_[dir].error.empty()) out.push_back(tp);
  }
  return out;
}

std::vector<sdk::LogDir> LogStorageEngine::describe_log_dirs() {
  std::map<sdk::TopicPartition, std::size_t> placement;
  std::map<sdk::TopicPartition, std::shared_ptr<Log>> logs;
  {
    std::lock_guard lock(mu_);
    placement = placement_;
    logs = logs_;
  }
  std::vector<sdk::LogDir> out;
  for (std::size_t i = 0; i < dirs_.size(); ++i) {
    sdk::LogDir d;
    d.path = dirs_[i].path.string();
    if (!dirs_[i].error.empty()) {
      d.error = sdk::ErrorCode::kKafkaStorageError;
      out.push_back(std::move(d));
      continue;
    }
    struct statvfs fs {};
    if (::statvfs(d.path.c_str(), &fs) == 0) {
      d.total_bytes = static_cast<uint64_t>(fs.f_blocks) * fs.f_frsize;
      d.usable_bytes = static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
    } else {
      d.error = sdk::ErrorCode::kKafkaStorageError;
    }
    for (const auto& [tp, dir] : placement) {
      if (dir != i) continue;
      auto log = logs.find(tp);
      uint64_t size =
          log != logs.end() ? log->second->size_bytes() : directory_bytes(partition_path(i, tp));
      d.partitions.push_back({tp, size, 0});
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<std::shared_ptr<Log>> LogStorageEngine::all_logs() const {
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<Log>> out;
  for (const auto& [tp, log] : logs_) out.push_back(log);
  return out;
}

std::shared_ptr<Log> LogStorageEngine::find(const sdk::TopicPartition& tp) const {
  std::lock_guard lock(mu_);
  auto it = logs_.find(tp);
  return it == logs_.end() ? nullptr : it->second;
}

EngineConfig LogStorageEngine::config() const {
  std::lock_guard lock(mu_);
  return config_;
}

void LogStorageEngine::enforce_retention() {
  for (const auto& log : all_logs()) log->enforce_retention();
}

void LogStorageEngine::expire_producers() {
  const int64_t expiration_ms = config().producer_id_expiration_ms;
  for (const auto& log : all_logs()) log->expire_producers(expiration_ms);
}

void LogStorageEngine::roll_if_due() {
  for (const auto& log : all_logs()) log->roll_if_due();
}

void LogStorageEngine::flush_if_due() {
  for (const auto& log : all_logs()) log->flush_if_due();
}

void LogStorageEngine::tend_active_segments() {
  for (const auto& log : tend_queue_.take()) log->tend_active_segment();
}

void LogStorageEngine::release_idle_spares() {
  for (const auto& log : all_logs()) log->release_idle_spare();
}

void LogStorageEngine::reconfigure(const EngineConfig& config) {
  {
    std::lock_guard lock(mu_);
    config_.defaults = config.defaults;
    config_.flush_on_append = config.flush_on_append;
  }
  for (const auto& log : all_logs()) log->set_defaults(config.defaults, config.flush_on_append);
}

void LogStorageEngine::close_all() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  for (const auto& log : all_logs()) log->close();
  logger_.info("closed every partition log cleanly");
}

}  // namespace skiff::storage
