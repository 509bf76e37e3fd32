// The little of LMDB the offset store needs: an environment with named
// sub-databases and transactions that abort unless committed. Failures throw
// LmdbFailure with LMDB's code and the environment's path.
#pragma once

#include <lmdb.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace skiff::kernel::groups {

class LmdbFailure : public std::runtime_error {
 public:
  LmdbFailure(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class LmdbEnvironment {
 public:
  // Creates `dir` if missing. The map size only reserves address space.
  LmdbEnvironment(const std::filesystem::path& dir, size_t map_size, unsigned max_dbs);
  ~LmdbEnvironment();
  LmdbEnvironment(const LmdbEnvironment&) = delete;
  LmdbEnvironment& operator=(const LmdbEnvironment&) = delete;

  MDB_env* get() const { return env_; }
  void check(int rc, std::string_view what) const;
  size_t max_key_size() const;

 private:
  MDB_env* env_ = nullptr;
  std::string path_;
};

class LmdbTransaction {
 public:
  LmdbTransaction(const LmdbEnvironment& env, bool write);
  ~LmdbTransaction();
  LmdbTransaction(const LmdbTransaction&) = delete;
  LmdbTransaction& operator=(const LmdbTransaction&) = delete;

  // Opens (creating) a named sub-database; commit so the handle stays valid.
  MDB_dbi open(const char* name);
  // Views valid until the transaction ends.
  std::optional<std::string_view> get(MDB_dbi dbi, std::string_view key);
  void put(MDB_dbi dbi, std::string_view key, std::string_view value);
  bool del(MDB_dbi dbi, std::string_view key);
  // Visits keys starting with `prefix` in order; `visit` returns false to stop.
  void scan(MDB_dbi dbi, std::string_view prefix,
            const std::function<bool(std::string_view key, std::string_view value)>& visit);
  // Deletes keys starting with `prefix` for which `drop` says so; returns how many.
  size_t erase_if(MDB_dbi dbi, std::string_view prefix,
                  const std::function<bool(std::string_view key, std::string_view value)>& drop);
  void commit();

 private:
  const LmdbEnvironment& env_;
  MDB_txn* txn_ = nullptr;
};

}  // namespace skiff::kernel::groups
