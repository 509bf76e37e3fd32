// Metrics as plugins see them: a registry (sdk::Host::metrics()) that hands out
// counter, gauge and histogram handles once, which the hot path then updates
// without a lock or an allocation (striped atomics, summed when scraped); callback
// metrics computed at scrape time; and collect(), which an exporter plugin (e.g.
// metrics-prometheus) calls to read everything.
//
//   auto appended = host.metrics().counter({"skiff_my_appends_total", "Appends.",
//                                          sdk::MetricType::kCounter}, {{"topic", t}});
//   appended->add();  // lock-free
//
// Names follow Prometheus: [a-zA-Z_:][a-zA-Z0-9_:]*, counters end in "_total".
// Histograms are exported the way the Prometheus JMX exporter exports Kafka's
// Yammer histograms: a summary with quantile="0.50".."0.999" labels (over about
// the last five minutes), plus _count and _sum since start.
#pragma once

#include <array>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace skiff::sdk {

// Label name/value pairs, in the order they are exported.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

enum class MetricType { kCounter, kGauge, kSummary };

struct MetricInfo {
  std::string name;
  std::string help;
  MetricType type = MetricType::kGauge;
};

namespace metrics_detail {
// Each thread updates one stripe of a metric, so threads rarely share a cache line.
inline constexpr size_t kStripes = 8;
inline size_t stripe() {
  static thread_local const size_t s = std::hash<std::thread::id>{}(std::this_thread::get_id());
  return s % kStripes;
}
}  // namespace metrics_detail

// A monotonically increasing count.
class Counter {
 public:
  void add(uint64_t n = 1) {
    cells_[metrics_detail::stripe()].value.fetch_add(n, std::memory_order_relaxed);
  }
  uint64_t value() const {
    uint64_t sum = 0;
    for (const auto& c : cells_) sum += c.value.load(std::memory_order_relaxed);
    return sum;
  }

 private:
  struct alignas(64) Cell {
    std::atomic<uint64_t> value{0};
  };
  std::array<Cell, metrics_detail::kStripes> cells_{};
};

// A value that goes up and down.
class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double d) { value_.fetch_add(d, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// A distribution of observed values (latencies in ms, sizes in bytes) in log-scale
// buckets: kSubBuckets per power of two from 2^kMinExponent to 2^kMaxExponent, so a
// quantile is off by at most one bucket width (12.5 %). Values below go to the first
// bucket, above to the last.
class Histogram {
 public:
  static constexpr int kMinExponent = -10;  // about 0.001
  static constexpr int kMaxExponent = 34;   // about 1.7e10
  static constexpr size_t kSubBuckets = 8;
  static constexpr size_t kBuckets = size_t(kMaxExponent - kMinExponent) * kSubBuckets;

  struct Snapshot {
    std::vector<uint64_t> buckets;  // kBuckets counts
    uint64_t count = 0;
    double sum = 0;
  };

  void observe(double v) {
    Stripe& s = stripes_[metrics_detail::stripe() % kHistogramStripes];
    s.buckets[bucket_of(v)].fetch_add(1, std::memory_order_relaxed);
    s.sum.fetch_add(v, std::memory_order_relaxed);
  }

  Snapshot snapshot() const {
    Snapshot out;
    out.buckets.assign(kBuckets, 0);
    for (const auto& s : stripes_) {
      for (size_t i = 0; i < kBuckets; ++i) {
        out.buckets[i] += s.buckets[i].load(std::memory_order_relaxed);
      }
      out.sum += s.sum.load(std::memory_order_relaxed);
    }
    for (uint64_t c : out.buckets) out.count += c;
    return out;
  }

  static size_t bucket_of(double v) {
    if (!(v > 0)) return 0;
    int e = 0;
    double m = std::frexp(v, &e);  // v = m * 2^e, m in [0.5, 1)
    if (e <= kMinExponent) return 0;
    if (e > kMaxExponent) return kBuckets - 1;
    size_t sub = static_cast<size_t>((m - 0.5) * 2 * kSubBuckets);
    if (sub >= kSubBuckets) sub = kSubBuckets - 1;
    return size_t(e - 1 - kMinExponent) * kSubBuckets + sub;
  }
  // The bucket's range is [lower_bound(i), lower_bound(i + 1)).
  static double lower_bound(size_t i) {
    int e = kMinExponent + static_cast<int>(i / kSubBuckets);
    double m = 1.0 + static_cast<double>(i % kSubBuckets) / kSubBuckets;
    return std::ldexp(m, e);
  }
  // The q-quantile (0..1) of bucket counts, interpolated inside its bucket; 0 if empty.
  static double quantile(const std::vector<uint64_t>& buckets, double q) {
    uint64_t total = 0;
    for (uint64_t c : buckets) total += c;
    if (total == 0) return 0;
    double rank = q * static_cast<double>(total);
    uint64_t seen = 0;
    for (size_t i = 0; i < buckets.size(); ++i) {
      if (buckets[i] == 0) continue;
      if (static_cast<double>(seen + buckets[i]) >= rank) {
        double within = (rank - static_cast<double>(seen)) / static_cast<double>(buckets[i]);
        if (i == 0 && lower_bound(0) > 0) return lower_bound(1) * within;
        return lower_bound(i) + (lower_bound(i + 1) - lower_bound(i)) * within;
      }
      seen += buckets[i];
    }
    return lower_bound(buckets.size());
  }

 private:
  static constexpr size_t kHistogramStripes = 4;
  struct alignas(64) Stripe {
    std::array<std::atomic<uint64_t>, kBuckets> buckets{};
    std::atomic<double> sum{0};
  };
  std::array<Stripe, kHistogramStripes> stripes_{};
};

// The quantiles a histogram exports, with Kafka's JMX names turned into labels the
// way the JMX exporter does (50thPercentile -> quantile="0.50").
inline constexpr std::array<std::pair<double, std::string_view>, 6> kExportedQuantiles{{
    {0.50, "0.50"}, {0.75, "0.75"}, {0.95, "0.95"}, {0.98, "0.98"}, {0.99, "0.99"},
    {0.999, "0.999"}}};

// Where a callback metric writes its points when scraped.
class MetricPoints {
 public:
  virtual ~MetricPoints() = default;
  virtual void add(MetricLabels labels, double value) = 0;
};
using MetricCallback = std::function<void(MetricPoints&)>;

// Keeps a callback metric registered; destroying it unregisters the callback (do so
// before whatever the callback reads goes away).
class MetricsRegistration {
 public:
  virtual ~MetricsRegistration() = default;
};

// One series as collected. Counters and gauges fill `value`; summaries fill
// `quantiles` (label value, value), `count` and `sum`.
struct MetricPointSnapshot {
  MetricLabels labels;
  double value = 0;
  std::vector<std::pair<std::string, double>> quantiles;
  uint64_t count = 0;
  double sum = 0;
};

struct MetricFamilySnapshot {
  MetricInfo info;
  std::vector<MetricPointSnapshot> points;
};

// Every method is thread-safe. Asking twice for the same name and labels returns
// the same handle; asking for a name with another type than it was registered
// with, or an invalid name, throws std::invalid_argument.
class MetricsRegistry {
 public:
  virtual ~MetricsRegistry() = default;

  virtual std::shared_ptr<Counter> counter(const MetricInfo& info,
                                           const MetricLabels& labels = {}) = 0;
  virtual std::shared_ptr<Gauge> gauge(const MetricInfo& info, const MetricLabels& labels = {}) = 0;
  // Exported as a summary (info.type must be kSummary).
  virtual std::shared_ptr<Histogram> histogram(const MetricInfo& info,
                                               const MetricLabels& labels = {}) = 0;
  // Points computed when scraped; info.type is kCounter or kGauge.
  virtual std::unique_ptr<MetricsRegistration> callback(const MetricInfo& info,
                                                        MetricCallback compute) = 0;
  // Stops exporting one series (e.g. the topic was deleted); handles stay usable.
  virtual void remove(std::string_view name, const MetricLabels& labels) = 0;

  // Every family with at least one point, sorted by name.
  virtual std::vector<MetricFamilySnapshot> collect() = 0;
};

// A registry that hands out working handles but exports nothing: what hosts without
// an exporter (the CLI, unit tests) give plugins.
class DiscardingMetricsRegistry final : public MetricsRegistry {
 public:
  std::shared_ptr<Counter> counter(const MetricInfo&, const MetricLabels&) override {
    return std::make_shared<Counter>();
  }
  std::shared_ptr<Gauge> gauge(const MetricInfo&, const MetricLabels&) override {
    return std::make_shared<Gauge>();
  }
  std::shared_ptr<Histogram> histogram(const MetricInfo&, const MetricLabels&) override {
    return std::make_shared<Histogram>();
  }
  std::unique_ptr<MetricsRegistration> callback(const MetricInfo&, MetricCallback) override {
    return std::make_unique<MetricsRegistration>();
  }
  void remove(std::string_view, const MetricLabels&) override {}
  std::vector<MetricFamilySnapshot> collect() override { return {}; }
};

}  // namespace skiff::sdk
