// The controller's LMDB layout; see metadata_store.h.
#include "metadata_store.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <stdexcept>

#include "kafka_uuid.h"
#include "metadata_codec.h"

namespace skiff::controller_local {
namespace {

constexpr unsigned kMaxDbs = 8;
constexpr std::string_view kTopicConfigPrefix = "topic:";
constexpr std::string_view kBrokerConfigPrefix = "broker:";
constexpr std::string_view kNextProducerIdKey = "next";
constexpr std::string_view kClusterIdKey = "cluster.id";
constexpr std::string_view kNodeIdKey = "node.id";

std::string topic_config_key(std::string_view topic) {
  return std::string(kTopicConfigPrefix).append(topic);
}

std::string broker_config_key(int32_t broker_id) {
  return std::string(kBrokerConfigPrefix) + std::to_string(broker_id);
}

// The namespace goes first, length-prefixed, so any namespace (even one containing
// the separator a text format would use) keeps its keys contiguous for prefix scans.
std::string record_key(std::string_view ns, std::string_view key) {
  if (ns.size() > std::numeric_limits<uint16_t>::max()) {
    throw std::invalid_argument("record namespace longer than 65535 bytes");
  }
  std::string out;
  out.push_back(static_cast<char>(ns.size() >> 8));
  out.push_back(static_cast<char>(ns.size() & 0xFF));
  out.append(ns).append(key);
  return out;
}

// Decodes one stored value, turning a CodecError into a message that says which
// record of which store is unreadable.
template <class Decode>
auto decode_record(const std::string& path, std::string_view db, std::string_view key,
                   std::string_view bytes, Decode decode) {
  try {
    return decode(bytes);
  } catch (const CodecError& e) {
    throw std::runtime_error("corrupted metadata record " + std::string(db) + "/" +
                             std::string(key) + " in " + path + ": " + e.what());
  }
}

}  // namespace

MetadataStore::MetadataStore(const std::filesystem::path& dir, int32_t node_id,
                             std::size_t map_size)
    : env_(dir, map_size, kMaxDbs) {
  open_databases(node_id);
}

void MetadataStore::open_databases(int32_t node_id) {
  LmdbTxn txn(env_, LmdbTxn::Mode::kWrite);
  topics_ = txn.open_dbi("topics");
  configs_ = txn.open_dbi("configs");
  producer_ids_ = txn.open_dbi("producer_ids");
  cluster_meta_ = txn.open_dbi("cluster_meta");
  records_ = txn.open_dbi("records");

  if (auto stored = txn.get(cluster_meta_, kNodeIdKey)) {
    int64_t stored_id = decode_record(path(), "cluster_meta", kNodeIdKey, *stored, decode_int64);
    // Like Kafka's meta.properties check: topics name this node as their replica,
    // so opening them under another id would leave every partition leaderless.
    if (stored_id != node_id) {
      throw std::runtime_error("metadata store " + path() + " belongs to node.id " +
                               std::to_string(stored_id) + ", but this broker's node.id is " +
                               std::to_string(node_id));
    }
  } else {
    txn.put(cluster_meta_, kNodeIdKey, encode_int64(node_id));
  }
  if (!txn.get(cluster_meta_, kClusterIdKey)) {
    txn.put(cluster_meta_, kClusterIdKey, encode_string(uuid_to_base64(random_kafka_uuid())));
  }
  txn.commit();
}

StoredMetadata MetadataStore::load() const {
  StoredMetadata out;
  LmdbTxn txn(env_, LmdbTxn::Mode::kRead);

  auto cluster_id = txn.get(cluster_meta_, kClusterIdKey);
  if (!cluster_id) throw std::runtime_error("metadata store " + path() + " has no cluster id");
  out.cluster_id = decode_record(path(), "cluster_meta", kClusterIdKey, *cluster_id, decode_string);

  if (auto next = txn.get(producer_ids_, kNextProducerIdKey)) {
    out.next_producer_id =
        decode_record(path(), "producer_ids", kNextProducerIdKey, *next, decode_int64);
  }

  txn.for_each(topics_, {}, [&](std::string_view key, std::string_view value) {
    auto topic = decode_record(path(), "topics", key, value, decode_topic);
    if (topic.name != key) {
      throw std::runtime_error("corrupted metadata record topics/" + std::string(key) + " in " +
                               path() + ": it holds topic '" + topic.name + "'");
    }
    out.topics.emplace(topic.name, std::move(topic));
    return true;
  });

  txn.for_each(configs_, {}, [&](std::string_view key, std::string_view value) {
    auto configs = decode_record(path(), "configs", key, value, decode_configs);
    if (key.starts_with(kTopicConfigPrefix)) {
      auto it = out.topics.find(key.substr(kTopicConfigPrefix.size()));
      // Topic and configs are written and deleted in one transaction, so orphaned
      // configs mean the store was changed behind our back.
      if (it == out.topics.end()) {
        throw std::runtime_error("corrupted metadata record configs/" + std::string(key) +
                                 " in " + path() + ": no such topic");
      }
      it->second.configs = std::move(configs);
      return true;
    }
    int32_t broker_id = 0;
    auto id_text = key.substr(std::min(key.size(), kBrokerConfigPrefix.size()));
    auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), broker_id);
    if (!key.starts_with(kBrokerConfigPrefix) || ec != std::errc() ||
        end != id_text.data() + id_text.size()) {
      throw std::runtime_error("corrupted metadata record configs/" + std::string(key) + " in " +
                               path() + ": unknown key");
    }
    out.broker_configs[broker_id] = std::move(configs);
    return true;
  });
  return out;
}

void MetadataStore::write(const std::function<void(Batch&)>& fill) {
  LmdbTxn txn(env_, LmdbTxn::Mode::kWrite);
  Batch batch(*this, txn);
  fill(batch);
  txn.commit();
}

void MetadataStore::Batch::put_topic(const sdk::TopicInfo& topic) {
  txn_.put(store_.topics_, topic.name, encode_topic(topic));
  put_topic_configs(topic.name, topic.configs);
}

void MetadataStore::Batch::put_topic_configs(std::string_view topic,
                                             const std::map<std::string, std::string>& configs) {
  if (configs.empty()) {
    txn_.del(store_.configs_, topic_config_key(topic));
  } else {
    txn_.put(store_.configs_, topic_config_key(topic), encode_configs(configs));
  }
}

void MetadataStore::Batch::delete_topic(std::string_view topic) {
  txn_.del(store_.topics_, topic);
  txn_.del(store_.configs_, topic_config_key(topic));
}

void MetadataStore::Batch::put_broker_configs(int32_t broker_id,
                                              const std::map<std::string, std::string>& configs) {
  if (configs.empty()) {
    txn_.del(store_.configs_, broker_config_key(broker_id));
  } else {
    txn_.put(store_.configs_, broker_config_key(broker_id), encode_configs(configs));
  }
}

void MetadataStore::Batch::put_next_producer_id(int64_t next) {
  txn_.put(store_.producer_ids_, kNextProducerIdKey, encode_int64(next));
}

void MetadataStore::Batch::put_record(std::string_view ns, std::string_view key,
                                      std::string_view value) {
  txn_.put(store_.records_, record_key(ns, key), value);
}

bool MetadataStore::Batch::delete_record(std::string_view ns, std::string_view key) {
  return txn_.del(store_.records_, record_key(ns, key));
}

std::optional<std::string> MetadataStore::get_record(std::string_view ns,
                                                     std::string_view key) const {
  LmdbTxn txn(env_, LmdbTxn::Mode::kRead);
  auto value = txn.get(records_, record_key(ns, key));
  return value ? std::optional<std::string>(*value) : std::nullopt;
}

std::vector<std::pair<std::string, std::string>> MetadataStore::scan_records(
    std::string_view ns, std::string_view key_prefix) const {
  std::vector<std::pair<std::string, std::string>> out;
  std::string prefix = record_key(ns, key_prefix);
  std::size_t ns_bytes = prefix.size() - key_prefix.size();
  LmdbTxn txn(env_, LmdbTxn::Mode::kRead);
  txn.for_each(records_, prefix, [&](std::string_view key, std::string_view value) {
    out.emplace_back(std::string(key.substr(ns_bytes)), std::string(value));
    return true;
  });
  return out;
}

}  // namespace skiff::controller_local
