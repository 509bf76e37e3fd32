// ClientConfig: rd_kafka_conf_set with error reporting, and client creation.
#include "kafka/rdkafka_handles.h"

#include "common/bench_error.h"

namespace skiff::bench {

ClientConfig::ClientConfig(const std::string& bootstrap) : conf_(rd_kafka_conf_new()) {
  set("bootstrap.servers", bootstrap);
  set("log_level", "4");
  set("client.id", "skiff-bench");
}

ClientConfig& ClientConfig::set(const std::string& key, const std::string& value) {
  char errstr[512];
  if (rd_kafka_conf_set(conf_.get(), key.c_str(), value.c_str(), errstr, sizeof errstr) !=
      RD_KAFKA_CONF_OK) {
    throw BenchError("client setting " + key + "=" + value + ": " + errstr);
  }
  return *this;
}

ClientConfig& ClientConfig::set_all(const std::map<std::string, std::string>& settings) {
  for (const auto& [key, value] : settings) set(key, value);
  return *this;
}

KafkaPtr ClientConfig::create(rd_kafka_type_t type) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf_.get(), errstr, sizeof errstr);
  if (!rk) throw BenchError(std::string("rd_kafka_new: ") + errstr);
  conf_.release();  // owned by the client now
  return KafkaPtr(rk);
}

}  // namespace skiff::bench
