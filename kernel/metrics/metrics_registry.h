// MetricsRegistryImpl: the kernel's sdk::MetricsRegistry. Families by name, series
// by labels; handles are created under a mutex once and updated lock-free after.
// collect() sums the striped cells, runs the callbacks and turns histograms into
// summaries whose quantiles cover about the last five minutes (like the Yammer
// histograms behind Kafka's JMX metrics) and whose _count/_sum cover all time.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "skiff/sdk/metrics.h"

namespace skiff::kernel::metrics {

class MetricsRegistryImpl final : public sdk::MetricsRegistry {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // `window`: how far back histogram quantiles look.
  explicit MetricsRegistryImpl(std::chrono::seconds window = std::chrono::minutes(5),
                               Clock clock = std::chrono::steady_clock::now);
  ~MetricsRegistryImpl() override;

  std::shared_ptr<sdk::Counter> counter(const sdk::MetricInfo& info,
                                        const sdk::MetricLabels& labels = {}) override;
  std::shared_ptr<sdk::Gauge> gauge(const sdk::MetricInfo& info,
                                    const sdk::MetricLabels& labels = {}) override;
  std::shared_ptr<sdk::Histogram> histogram(const sdk::MetricInfo& info,
                                            const sdk::MetricLabels& labels = {}) override;
  std::unique_ptr<sdk::MetricsRegistration> callback(const sdk::MetricInfo& info,
                                                     sdk::MetricCallback compute) override;
  void remove(std::string_view name, const sdk::MetricLabels& labels) override;
  std::vector<sdk::MetricFamilySnapshot> collect() override;

 private:
  struct HistogramSeries {
    std::shared_ptr<sdk::Histogram> histogram;
    // Cumulative bucket counts taken at scrapes, oldest first, within the window.
    std::deque<std::pair<std::chrono::steady_clock::time_point, std::vector<uint64_t>>> history;
  };
  struct Callback {
    uint64_t id = 0;
    sdk::MetricCallback compute;
  };
  struct Family {
    sdk::MetricInfo info;
    std::map<sdk::MetricLabels, std::shared_ptr<sdk::Counter>> counters;
    std::map<sdk::MetricLabels, std::shared_ptr<sdk::Gauge>> gauges;
    std::map<sdk::MetricLabels, HistogramSeries> histograms;
    std::vector<Callback> callbacks;
  };
  class Registration;

  // The family `info` names, created if new; throws if its type differs.
  Family& family(const sdk::MetricInfo& info);
  void unregister(const std::string& name, uint64_t id);
  sdk::MetricPointSnapshot summarize(HistogramSeries& series);

  std::chrono::seconds window_;
  Clock clock_;
  std::mutex mutex_;      // families and their series
  std::mutex collect_mutex_;  // one scrape at a time; callbacks run outside mutex_
  std::map<std::string, Family, std::less<>> families_;
  uint64_t next_callback_id_ = 1;
  std::shared_ptr<MetricsRegistryImpl*> self_;  // registrations outliving the registry see null
};

// Throws std::invalid_argument unless `name` is a valid Prometheus metric name.
void check_metric_name(std::string_view name);
void check_label_name(std::string_view name);

}  // namespace skiff::kernel::metrics
