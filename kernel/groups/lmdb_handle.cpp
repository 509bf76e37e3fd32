// RAII over LMDB environments and transactions; see lmdb_handle.h.
#include "kernel/groups/lmdb_handle.h"

#include <system_error>
#include <vector>

namespace skiff::kernel::groups {
namespace {

MDB_val to_val(std::string_view bytes) {
  // LMDB does not write through mv_data for keys and values passed in.
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}

std::string_view from_val(const MDB_val& v) { return {static_cast<const char*>(v.mv_data), v.mv_size}; }

// A cursor closed when the scope ends.
class Cursor {
 public:
  Cursor(const LmdbEnvironment& env, MDB_txn* txn, MDB_dbi dbi) {
    env.check(mdb_cursor_open(txn, dbi, &cursor_), "mdb_cursor_open");
  }
  ~Cursor() { mdb_cursor_close(cursor_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  MDB_cursor* get() const { return cursor_; }

 private:
  MDB_cursor* cursor_ = nullptr;
};

// Positions at the first key >= prefix; returns LMDB's code.
int seek(MDB_cursor* c, std::string_view prefix, MDB_val& k, MDB_val& v) {
  k = to_val(prefix);
  return prefix.empty() ? mdb_cursor_get(c, &k, &v, MDB_FIRST) : mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
}

}  // namespace

LmdbEnvironment::LmdbEnvironment(const std::filesystem::path& dir, size_t map_size,
                                 unsigned max_dbs)
    : path_(dir.string()) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw LmdbFailure(ec.value(), "cannot create " + path_ + ": " + ec.message());
  check(mdb_env_create(&env_), "mdb_env_create");
  try {
    check(mdb_env_set_mapsize(env_, map_size), "mdb_env_set_mapsize");
    check(mdb_env_set_maxdbs(env_, max_dbs), "mdb_env_set_maxdbs");
    // MDB_NOTLS: read transactions may be used from any request thread. Default
    // sync: a commit is on disk when it returns, which is what acks promise.
    check(mdb_env_open(env_, path_.c_str(), MDB_NOTLS, 0644), "mdb_env_open");
  } catch (...) {
    mdb_env_close(env_);
    throw;
  }
}

LmdbEnvironment::~LmdbEnvironment() {
  if (env_) mdb_env_close(env_);
}

void LmdbEnvironment::check(int rc, std::string_view what) const {
  if (rc == MDB_SUCCESS) return;
  throw LmdbFailure(rc, std::string(what) + " failed on group store " + path_ + ": " + mdb_strerror(rc));
}

size_t LmdbEnvironment::max_key_size() const {
  return static_cast<size_t>(mdb_env_get_maxkeysize(env_));
}

LmdbTransaction::LmdbTransaction(const LmdbEnvironment& env, bool write) : env_(env) {
  env_.check(mdb_txn_begin(env_.get(), nullptr, write ? 0u : MDB_RDONLY, &txn_), "mdb_txn_begin");
}

LmdbTransaction::~LmdbTransaction() {
  if (txn_) mdb_txn_abort(txn_);
}

MDB_dbi LmdbTransaction::open(const char* name) {
  MDB_dbi dbi = 0;
  env_.check(mdb_dbi_open(txn_, name, MDB_CREATE, &dbi), std::string("opening ") + name);
  return dbi;
}

std::optional<std::string_view> LmdbTransaction::get(MDB_dbi dbi, std::string_view key) {
  MDB_val k = to_val(key);
  MDB_val v{};
  int rc = mdb_get(txn_, dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  env_.check(rc, "mdb_get");
  return from_val(v);
}

void LmdbTransaction::put(MDB_dbi dbi, std::string_view key, std::string_view value) {
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  env_.check(mdb_put(txn_, dbi, &k, &v, 0), "mdb_put");
}

bool LmdbTransaction::del(MDB_dbi dbi, std::string_view key) {
  MDB_val k = to_val(key);
  int rc = mdb_del(txn_, dbi, &k, nullptr);
  if (rc == MDB_NOTFOUND) return false;
  env_.check(rc, "mdb_del");
  return true;
}

void LmdbTransaction::scan(
    MDB_dbi dbi, std::string_view prefix,
    const std::function<bool(std::string_view key, std::string_view value)>& visit) {
  Cursor cursor(env_, txn_, dbi);
  MDB_val k{}, v{};
  int rc = seek(cursor.get(), prefix, k, v);
  while (rc == MDB_SUCCESS) {
    std::string_view key = from_val(k);
    if (!key.starts_with(prefix) || !visit(key, from_val(v))) return;
    rc = mdb_cursor_get(cursor.get(), &k, &v, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) env_.check(rc, "mdb_cursor_get");
}

size_t LmdbTransaction::erase_if(
    MDB_dbi dbi, std::string_view prefix,
    const std::function<bool(std::string_view key, std::string_view value)>& drop) {
  // Collected first: deleting under a live cursor has subtle repositioning rules.
  std::vector<std::string> doomed;
  scan(dbi, prefix, [&](std::string_view key, std::string_view value) {
    if (drop(key, value)) doomed.emplace_back(key);
    return true;
  });
  for (const auto& key : doomed) del(dbi, key);
  return doomed.size();
}

void LmdbTransaction::commit() {
  MDB_txn* txn = txn_;
  txn_ = nullptr;  // freed by mdb_txn_commit even when it fails
  env_.check(mdb_txn_commit(txn), "mdb_txn_commit");
}

}  // namespace skiff::kernel::groups
