// Topic creation through librdkafka's admin API (CreateTopics), waiting for the
// result of every topic.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace skiff::bench {

struct TopicSpec {
  std::string name;
  int partitions = 1;
  std::map<std::string, std::string> configs;  // topic configs, e.g. segment.bytes
};

// Partitions 0 .. count-1.
std::vector<int32_t> partition_range(int count);

// BenchError if the request or any topic fails.
void create_topics(const std::string& bootstrap, const std::vector<TopicSpec>& topics);

}  // namespace skiff::bench
