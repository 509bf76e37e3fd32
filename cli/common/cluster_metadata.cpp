// Fetching and copying cluster metadata.
#include "common/cluster_metadata.h"

#include <algorithm>

#include "common/errors.h"
#include "common/rdkafka_handles.h"

namespace skiff::cli {

std::vector<TopicMetadata> fetch_topics(rd_kafka_t* rk, int timeout_ms) {
  const rd_kafka_metadata_t* raw = nullptr;
  auto err = rd_kafka_metadata(rk, 1, nullptr, &raw, timeout_ms);
  MetadataPtr metadata(raw);
  if (err) throw CommandError(std::string("cannot fetch metadata: ") + rd_kafka_err2str(err));

  std::vector<TopicMetadata> topics;
  for (int t = 0; t < metadata->topic_cnt; ++t) {
    const auto& mt = metadata->topics[t];
    TopicMetadata topic{mt.topic, {}, mt.err};
    for (int p = 0; p < mt.partition_cnt; ++p) {
      const auto& mp = mt.partitions[p];
      topic.partitions.push_back({mp.id, mp.leader,
                                  {mp.replicas, mp.replicas + mp.replica_cnt},
                                  {mp.isrs, mp.isrs + mp.isr_cnt}, mp.err});
    }
    std::sort(topic.partitions.begin(), topic.partitions.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    topics.push_back(std::move(topic));
  }
  std::sort(topics.begin(), topics.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return topics;
}

const TopicMetadata& require_topic(const std::vector<TopicMetadata>& topics,
                                   std::string_view name) {
  auto it = std::find_if(topics.begin(), topics.end(), [&](const auto& t) { return t.name == name; });
  if (it == topics.end() || it->error == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
    throw CommandError("topic '" + std::string(name) + "' does not exist");
  }
  return *it;
}

}  // namespace skiff::cli
