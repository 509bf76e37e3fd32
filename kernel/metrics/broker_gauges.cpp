#include "kernel/metrics/broker_gauges.h"

#include <algorithm>
#include <map>

namespace skiff::kernel::metrics {

namespace {

using sdk::MetricType;

sdk::MetricInfo gauge(std::string name, std::string help) {
  return {std::move(name), std::move(help), MetricType::kGauge};
}

sdk::MetricLabels partition_labels(const std::string& topic, int32_t partition) {
  return {{"topic", topic}, {"partition", std::to_string(partition)}};
}

bool contains(const std::vector<int32_t>& v, int32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

BrokerGauges::BrokerGauges(sdk::MetricsRegistry& registry, BrokerGaugeSources sources)
    : sources_(std::move(sources)) {
  add_replica_manager(registry);
  add_controller(registry);
  add_logs(registry);
  add_consumer_lag(registry);
}

BrokerGauges::~BrokerGauges() = default;

int32_t BrokerGauges::min_insync_replicas(const sdk::TopicInfo& topic) const {
  auto it = topic.configs.find("min.insync.replicas");
  try {
    if (it != topic.configs.end()) return std::stoi(it->second);
  } catch (const std::exception&) {
  }
  return sources_.config.get_int("min.insync.replicas", 1);
}

void BrokerGauges::add_replica_manager(sdk::MetricsRegistry& registry) {
  // The partitions of the metadata this node is a replica of, with what the
  // ReplicaManager gauges need.
  struct Counts {
    int64_t replicas = 0, leaders = 0, under_replicated = 0, under_min_isr = 0;
  };
  auto counts = [this] {
    Counts c;
    for (const auto& topic : sources_.controller.topics()) {
      const int32_t min_isr = min_insync_replicas(topic);
      for (const auto& p : topic.partitions) {
        if (!contains(p.replicas, sources_.node_id)) continue;
        ++c.replicas;
        if (p.leader != sources_.node_id) continue;
        ++c.leaders;
        if (p.isr.size() < p.replicas.size()) ++c.under_replicated;
        if (static_cast<int32_t>(p.isr.size()) < min_isr) ++c.under_min_isr;
      }
    }
    return c;
  };
  auto add = [&](const char* name, const char* help, int64_t Counts::*field) {
    registrations_.push_back(registry.callback(
        gauge(std::string("kafka_server_replicamanager_") + name, help),
        [counts, field](sdk::MetricPoints& out) {
          out.add({}, static_cast<double>(counts().*field));
        }));
  };
  add("partitioncount", "Partitions this broker is a replica of.", &Counts::replicas);
  add("leadercount", "Partitions this broker leads.", &Counts::leaders);
  add("underreplicatedpartitions",
      "Partitions led here whose in-sync replica set is smaller than their replica set.",
      &Counts::under_replicated);
  add("underminisrpartitioncount",
      "Partitions led here with fewer in-sync replicas than min.insync.replicas.",
      &Counts::under_min_isr);
  counters_.push_back(registry.counter(
      {"kafka_server_replicamanager_isrshrinks_total",
       "Times a partition led here shrank its ISR (replicas dropped out).", MetricType::kCounter}));
  counters_.push_back(registry.counter(
      {"kafka_server_replicamanager_isrexpands_total",
       "Times a partition led here grew its ISR (replicas caught up).", MetricType::kCounter}));
  registrations_.push_back(registry.callback(
      gauge("kafka_cluster_partition_underminisr",
            "1 if the partition (led here) has fewer in-sync replicas than min.insync.replicas."),
      [this](sdk::MetricPoints& out) {
        for (const auto& topic : sources_.controller.topics()) {
          const int32_t min_isr = min_insync_replicas(topic);
          for (const auto& p : topic.partitions) {
            if (p.leader != sources_.node_id) continue;
            out.add(partition_labels(topic.name, p.partition),
                    static_cast<int32_t>(p.isr.size()) < min_isr ? 1 : 0);
          }
        }
      }));
}

void BrokerGauges::add_controller(sdk::MetricsRegistry& registry) {
  auto active = [this] { return sources_.controller.active_controller_id() == sources_.node_id; };
  registrations_.push_back(registry.callback(
      gauge("kafka_controller_kafkacontroller_activecontrollercount",
            "1 on the broker that is the active controller, else 0."),
      [active](sdk::MetricPoints& out) { out.add({}, active() ? 1 : 0); }));
  registrations_.push_back(registry.callback(
      gauge("kafka_controller_kafkacontroller_offlinepartitionscount",
            "Partitions without a leader (reported by the active controller only)."),
      [this, active](sdk::MetricPoints& out) {
        int64_t offline = 0;
        if (active()) {
          for (const auto& topic : sources_.controller.topics()) {
            for (const auto& p : topic.partitions) offline += p.leader < 0 ? 1 : 0;
          }
        }
        out.add({}, static_cast<double>(offline));
      }));
  registrations_.push_back(registry.callback(
      gauge("kafka_controller_kafkacontroller_globalpartitioncount",
            "Partitions in the cluster (reported by the active controller only)."),
      [this, active](sdk::MetricPoints& out) {
        int64_t n = 0;
        if (active()) {
          for (const auto& topic : sources_.controller.topics()) n += std::ssize(topic.partitions);
        }
        out.add({}, static_cast<double>(n));
      }));
  counters_.push_back(registry.counter(
      {"kafka_controller_controllerstats_uncleanleaderelections_total",
       "Leaders elected from outside the ISR (unclean.leader.election.enable).",
       MetricType::kCounter}));
}

void BrokerGauges::add_logs(sdk::MetricsRegistry& registry) {
  auto per_partition = [&](const char* name, const char* help, auto value) {
    registrations_.push_back(registry.callback(
        gauge(name, help), [this, value](sdk::MetricPoints& out) {
          for (const auto& [tp, log] : sources_.partitions()) {
            out.add(partition_labels(tp.topic, tp.partition), static_cast<double>(value(*log)));
          }
        }));
  };
  per_partition("kafka_log_log_size", "Bytes of the partition's log on disk.",
                [](const sdk::PartitionLog& l) { return l.size_bytes(); });
  per_partition("kafka_log_log_logendoffset", "Offset the partition's next record will get.",
                [](const sdk::PartitionLog& l) { return l.log_end_offset(); });
  per_partition("kafka_log_log_logstartoffset", "First offset still in the partition's log.",
                [](const sdk::PartitionLog& l) { return l.log_start_offset(); });
  per_partition("kafka_log_log_numlogsegments", "Segments of the partition's log.",
                [](const sdk::PartitionLog& l) { return l.segment_count(); });
  registrations_.push_back(registry.callback(
      gauge("kafka_log_logmanager_offlinelogdirectorycount",
            "Log directories that failed (I/O errors) and hold no partition anymore."),
      [this](sdk::MetricPoints& out) {
        int64_t offline = 0;
        for (const auto& dir : sources_.storage.describe_log_dirs()) {
          offline += dir.error != sdk::ErrorCode::kNone ? 1 : 0;
        }
        out.add({}, static_cast<double>(offline));
      }));
  auto per_dir = [&](const char* name, const char* help, uint64_t sdk::LogDir::*field) {
    registrations_.push_back(registry.callback(
        gauge(name, help), [this, field](sdk::MetricPoints& out) {
          for (const auto& dir : sources_.storage.describe_log_dirs()) {
            if (dir.error == sdk::ErrorCode::kNone) {
              out.add({{"logdir", dir.path}}, static_cast<double>(dir.*field));
            }
          }
        }));
  };
  per_dir("skiff_log_dir_total_bytes", "Size of the file system holding the log directory.",
          &sdk::LogDir::total_bytes);
  per_dir("skiff_log_dir_usable_bytes",
          "Bytes still free for the broker on the file system holding the log directory.",
          &sdk::LogDir::usable_bytes);
}

void BrokerGauges::add_consumer_lag(sdk::MetricsRegistry& registry) {
  auto end_offsets = [this] {
    std::map<sdk::TopicPartition, std::pair<int64_t, int64_t>> out;  // start, high watermark
    for (const auto& [tp, log] : sources_.partitions()) {
      out[tp] = {log->log_start_offset(), log->high_watermark()};
    }
    return out;
  };
  auto per_partition = [&](const char* name, const char* help, bool oldest) {
    registrations_.push_back(registry.callback(
        gauge(name, help), [end_offsets, oldest](sdk::MetricPoints& out) {
          for (const auto& [tp, offsets] : end_offsets()) {
            out.add(partition_labels(tp.topic, tp.partition),
                    static_cast<double>(oldest ? offsets.first : offsets.second));
          }
        }));
  };
  per_partition("kafka_topic_partition_current_offset",
                "High watermark of the partition (the next offset consumers will see).", false);
  per_partition("kafka_topic_partition_oldest_offset", "Log start offset of the partition.", true);

  // Committed offsets and lags; lag = high watermark - committed offset, as
  // kafka_exporter computes it.
  auto committed = [this, end_offsets](bool lag) {
    std::vector<std::pair<sdk::MetricLabels, double>> points;
    if (!sources_.committed_offsets) return points;
    auto ends = end_offsets();
    for (const auto& c : sources_.committed_offsets()) {
      if (c.offset < 0) continue;
      sdk::MetricLabels labels{{"consumergroup", c.group},
                               {"topic", c.partition.topic},
                               {"partition", std::to_string(c.partition.partition)}};
      if (!lag) {
        points.emplace_back(std::move(labels), static_cast<double>(c.offset));
        continue;
      }
      auto it = ends.find(c.partition);
      if (it == ends.end()) continue;
      points.emplace_back(std::move(labels),
                          static_cast<double>(std::max<int64_t>(0, it->second.second - c.offset)));
    }
    return points;
  };
  registrations_.push_back(registry.callback(
      gauge("kafka_consumergroup_current_offset",
            "Offset the consumer group committed for the partition."),
      [committed](sdk::MetricPoints& out) {
        for (auto& [labels, v] : committed(false)) out.add(std::move(labels), v);
      }));
  registrations_.push_back(registry.callback(
      gauge("kafka_consumergroup_lag",
            "Records of the partition the consumer group has not committed yet (high "
            "watermark minus committed offset)."),
      [committed](sdk::MetricPoints& out) {
        for (auto& [labels, v] : committed(true)) out.add(std::move(labels), v);
      }));
}

}  // namespace skiff::kernel::metrics
