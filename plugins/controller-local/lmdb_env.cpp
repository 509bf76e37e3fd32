// RAII wrappers over LMDB; see lmdb_env.h.
#include "lmdb_env.h"

#include <system_error>

namespace skiff::controller_local {
namespace {

MDB_val to_val(std::string_view bytes) {
  // LMDB never writes through mv_data for keys and values passed in.
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}

std::string_view from_val(const MDB_val& val) {
  return {static_cast<const char*>(val.mv_data), val.mv_size};
}

}  // namespace

LmdbEnv::LmdbEnv(const std::filesystem::path& dir, std::size_t map_size, unsigned max_dbs)
    : path_(dir.string()) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    throw LmdbError(ec.value(), "cannot create metadata directory " + path_ + ": " + ec.message());
  }
  check(mdb_env_create(&env_), "mdb_env_create");
  try {
    check(mdb_env_set_mapsize(env_, map_size), "mdb_env_set_mapsize");
    check(mdb_env_set_maxdbs(env_, max_dbs), "mdb_env_set_maxdbs");
    // MDB_NOTLS: read transactions are not tied to a thread, so requests served by
    // any pool thread may read. Default sync: a commit is on disk when it returns.
    check(mdb_env_open(env_, path_.c_str(), MDB_NOTLS, 0644), "mdb_env_open");
  } catch (...) {
    mdb_env_close(env_);
    throw;
  }
}

LmdbEnv::~LmdbEnv() {
  if (env_) mdb_env_close(env_);
}

void LmdbEnv::check(int rc, std::string_view what) const {
  if (rc == MDB_SUCCESS) return;
  throw LmdbError(rc, std::string(what) + " failed on metadata store " + path_ + ": " +
                          mdb_strerror(rc));
}

LmdbTxn::LmdbTxn(const LmdbEnv& env, Mode mode) : env_(env) {
  env_.check(mdb_txn_begin(env_.get(), nullptr, mode == Mode::kRead ? MDB_RDONLY : 0u, &txn_),
             "mdb_txn_begin");
}

LmdbTxn::~LmdbTxn() {
  if (txn_) mdb_txn_abort(txn_);
}

LmdbDbi LmdbTxn::open_dbi(const char* name) {
  LmdbDbi dbi;
  env_.check(mdb_dbi_open(txn_, name, MDB_CREATE, &dbi.handle),
             std::string("opening sub-database '") + name + "'");
  return dbi;
}

std::optional<std::string_view> LmdbTxn::get(LmdbDbi dbi, std::string_view key) {
  MDB_val k = to_val(key);
  MDB_val v{};
  int rc = mdb_get(txn_, dbi.handle, &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  env_.check(rc, "mdb_get");
  return from_val(v);
}

void LmdbTxn::put(LmdbDbi dbi, std::string_view key, std::string_view value) {
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  env_.check(mdb_put(txn_, dbi.handle, &k, &v, 0), "mdb_put");
}

bool LmdbTxn::del(LmdbDbi dbi, std::string_view key) {
  MDB_val k = to_val(key);
  int rc = mdb_del(txn_, dbi.handle, &k, nullptr);
  if (rc == MDB_NOTFOUND) return false;
  env_.check(rc, "mdb_del");
  return true;
}

void LmdbTxn::for_each(
    LmdbDbi dbi, std::string_view prefix,
    const std::function<bool(std::string_view key, std::string_view value)>& visit) {
  MDB_cursor* cursor = nullptr;
  env_.check(mdb_cursor_open(txn_, dbi.handle, &cursor), "mdb_cursor_open");
  struct CursorCloser {
    MDB_cursor* c;
    ~CursorCloser() { mdb_cursor_close(c); }
  } closer{cursor};

  MDB_val k = to_val(prefix);
  MDB_val v{};
  // An empty key is not a valid MDB_SET_RANGE argument; start from the first key.
  int rc = prefix.empty() ? mdb_cursor_get(cursor, &k, &v, MDB_FIRST)
                          : mdb_cursor_get(cursor, &k, &v, MDB_SET_RANGE);
  while (rc == MDB_SUCCESS) {
    std::string_view key = from_val(k);
    if (!key.starts_with(prefix)) return;
    if (!visit(key, from_val(v))) return;
    rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) env_.check(rc, "mdb_cursor_get");
}

void LmdbTxn::commit() {
  // mdb_txn_commit frees the transaction even when it fails.
  MDB_txn* txn = txn_;
  txn_ = nullptr;
  env_.check(mdb_txn_commit(txn), "mdb_txn_commit");
}

}  // namespace skiff::controller_local
