// The controller's on-disk layout in one LMDB environment: which sub-database holds
// what under which key, reading it all back at open, and atomic write batches.
//
//   topics        <name>              -> encode_topic (id, partitions; no configs)
//   configs       "topic:" <name>     -> encode_configs (topic overrides)
//                 "broker:" <id>      -> encode_configs (dynamic; id -1: cluster default)
//   producer_ids  "next"              -> encode_int64 (first id of the next block)
//   cluster_meta  "cluster.id"        -> encode_string
//                 "node.id"           -> encode_int64
//   records       <u16 ns length><ns><key> -> value bytes, opaque to the controller
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lmdb_env.h"
#include "skiff/sdk/controller.h"

namespace skiff::controller_local {

// Everything but the records, as read at open.
struct StoredMetadata {
  std::string cluster_id;
  std::map<std::string, sdk::TopicInfo, std::less<>> topics;  // configs included
  std::map<int32_t, std::map<std::string, std::string>> broker_configs;
  int64_t next_producer_id = 0;
};

class MetadataStore {
 public:
  // Opens or creates the store in `dir`. A new store gets a fresh cluster id and
  // remembers `node_id`. Throws std::runtime_error (LmdbError for LMDB failures)
  // when the store cannot be opened or belongs to another node id.
  MetadataStore(const std::filesystem::path& dir, int32_t node_id, std::size_t map_size);

  const std::string& path() const { return env_.path(); }

  // Reads every topic, config and counter. Throws std::runtime_error naming the
  // record when a value is corrupted or written by a newer format version.
  StoredMetadata load() const;

  // The writes of one transaction; see write().
  class Batch {
   public:
    // Writes the topic and its config overrides.
    void put_topic(const sdk::TopicInfo& topic);
    void put_topic_configs(std::string_view topic, const std::map<std::string, std::string>& configs);
    // Removes the topic and its config overrides.
    void delete_topic(std::string_view topic);
    // An empty map removes the broker's entry.
    void put_broker_configs(int32_t broker_id, const std::map<std::string, std::string>& configs);
    void put_next_producer_id(int64_t next);
    void put_record(std::string_view ns, std::string_view key, std::string_view value);
    bool delete_record(std::string_view ns, std::string_view key);

   private:
    friend class MetadataStore;
    Batch(const MetadataStore& store, LmdbTxn& txn) : store_(store), txn_(txn) {}
    const MetadataStore& store_;
    LmdbTxn& txn_;
  };

  // Runs `fill` in one write transaction and commits it durably; nothing is written
  // if `fill` or the commit throws (LmdbError, e.g. MDB_MAP_FULL).
  void write(const std::function<void(Batch&)>& fill);

  std::optional<std::string> get_record(std::string_view ns, std::string_view key) const;
  // Keys (without the namespace) starting with `key_prefix`, in key order.
  std::vector<std::pair<std::string, std::string>> scan_records(std::string_view ns,
                                                                std::string_view key_prefix) const;

 private:
  void open_databases(int32_t node_id);

  LmdbEnv env_;
  LmdbDbi topics_;
  LmdbDbi configs_;
  LmdbDbi producer_ids_;
  LmdbDbi cluster_meta_;
  LmdbDbi records_;
};

}  // namespace skiff::controller_local
