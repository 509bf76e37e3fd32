// A small RAII layer over LMDB: an environment (one directory), transactions that
// abort unless committed, and named sub-database handles. Every failure throws
// LmdbError carrying the LMDB code and a message naming the environment's path.
#pragma once

#include <lmdb.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace skiff::controller_local {

class LmdbError : public std::runtime_error {
 public:
  LmdbError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  // The LMDB or errno code, e.g. MDB_MAP_FULL.
  int code() const { return code_; }

 private:
  int code_;
};

// One LMDB environment: a directory holding data.mdb and lock.mdb.
class LmdbEnv {
 public:
  // Creates `dir` if missing. `map_size` is the most the data file may grow to; the
  // file is sparse, so a large value costs nothing until used.
  LmdbEnv(const std::filesystem::path& dir, std::size_t map_size, unsigned max_dbs);
  ~LmdbEnv();
  LmdbEnv(const LmdbEnv&) = delete;
  LmdbEnv& operator=(const LmdbEnv&) = delete;

  MDB_env* get() const { return env_; }
  const std::string& path() const { return path_; }

  // Throws LmdbError naming `what` and the path when rc is not MDB_SUCCESS.
  void check(int rc, std::string_view what) const;

 private:
  MDB_env* env_ = nullptr;
  std::string path_;
};

// A named sub-database. The handle stays valid as long as its environment, which
// closes it, so there is nothing to release here.
struct LmdbDbi {
  MDB_dbi handle = 0;
};

// A read or write transaction; destroyed without commit() it aborts.
class LmdbTxn {
 public:
  enum class Mode { kRead, kWrite };
  LmdbTxn(const LmdbEnv& env, Mode mode);
  ~LmdbTxn();
  LmdbTxn(const LmdbTxn&) = delete;
  LmdbTxn& operator=(const LmdbTxn&) = delete;

  // Opens the sub-database `name`, creating it if missing; needs a write transaction.
  // Commit the transaction so the handle outlives it.
  LmdbDbi open_dbi(const char* name);

  // The value's bytes are valid until the transaction ends.
  std::optional<std::string_view> get(LmdbDbi dbi, std::string_view key);
  void put(LmdbDbi dbi, std::string_view key, std::string_view value);
  // False when the key was absent.
  bool del(LmdbDbi dbi, std::string_view key);
  // Visits keys starting with `prefix` in key order; `visit` returns false to stop.
  void for_each(LmdbDbi dbi, std::string_view prefix,
                const std::function<bool(std::string_view key, std::string_view value)>& visit);

  void commit();

 private:
  const LmdbEnv& env_;
  MDB_txn* txn_ = nullptr;
};

}  // namespace skiff::controller_local
