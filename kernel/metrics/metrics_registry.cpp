#include "kernel/metrics/metrics_registry.h"

#include <algorithm>
#include <stdexcept>

namespace skiff::kernel::metrics {

namespace {

bool name_char(char c, bool first, bool colon_ok) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon_ok && c == ':');
  return alpha || (!first && c >= '0' && c <= '9');
}

bool valid_name(std::string_view name, bool colon_ok) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!name_char(name[i], i == 0, colon_ok)) return false;
  }
  return true;
}

const char* type_name(sdk::MetricType type) {
  switch (type) {
    case sdk::MetricType::kCounter: return "counter";
    case sdk::MetricType::kGauge: return "gauge";
    case sdk::MetricType::kSummary: return "summary";
  }
  return "?";
}

void check_labels(const sdk::MetricLabels& labels) {
  for (const auto& [name, value] : labels) check_label_name(name);
}

// Collects a callback's points into a snapshot.
class PointCollector final : public sdk::MetricPoints {
 public:
  explicit PointCollector(std::vector<sdk::MetricPointSnapshot>& out) : out_(out) {}
  void add(sdk::MetricLabels labels, double value) override {
    sdk::MetricPointSnapshot p;
    p.labels = std::move(labels);
    p.value = value;
    out_.push_back(std::move(p));
  }

 private:
  std::vector<sdk::MetricPointSnapshot>& out_;
};

}  // namespace

void check_metric_name(std::string_view name) {
  if (!valid_name(name, true)) {
    throw std::invalid_argument("invalid metric name '" + std::string(name) +
                                "': use [a-zA-Z_:][a-zA-Z0-9_:]*");
  }
}

void check_label_name(std::string_view name) {
  if (!valid_name(name, false) || name.starts_with("__")) {
    throw std::invalid_argument("invalid metric label name '" + std::string(name) +
                                "': use [a-zA-Z_][a-zA-Z0-9_]* not starting with __");
  }
}

class MetricsRegistryImpl::Registration final : public sdk::MetricsRegistration {
 public:
  Registration(std::weak_ptr<MetricsRegistryImpl*> registry, std::string name, uint64_t id)
      : registry_(std::move(registry)), name_(std::move(name)), id_(id) {}
  ~Registration() override {
    if (auto r = registry_.lock()) (*r)->unregister(name_, id_);
  }

 private:
  std::weak_ptr<MetricsRegistryImpl*> registry_;
  std::string name_;
  uint64_t id_;
};

MetricsRegistryImpl::MetricsRegistryImpl(std::chrono::seconds window, Clock clock)
    : window_(window), clock_(std::move(clock)),
      self_(std::make_shared<MetricsRegistryImpl*>(this)) {}

MetricsRegistryImpl::~MetricsRegistryImpl() = default;

MetricsRegistryImpl::Family& MetricsRegistryImpl::family(const sdk::MetricInfo& info) {
  check_metric_name(info.name);
  if (info.type == sdk::MetricType::kCounter && !info.name.ends_with("_total")) {
    throw std::invalid_argument("counter '" + info.name + "' must end in _total");
  }
  auto it = families_.find(info.name);
  if (it == families_.end()) {
    it = families_.emplace(info.name, Family{}).first;
    it->second.info = info;
  } else if (it->second.info.type != info.type) {
    throw std::invalid_argument("metric '" + info.name + "' is a " +
                                type_name(it->second.info.type) + ", not a " +
                                type_name(info.type));
  }
  return it->second;
}

std::shared_ptr<sdk::Counter> MetricsRegistryImpl::counter(const sdk::MetricInfo& info,
                                                           const sdk::MetricLabels& labels) {
  if (info.type != sdk::MetricType::kCounter) {
    throw std::invalid_argument("metric '" + info.name + "' asked for as a counter is not one");
  }
  check_labels(labels);
  std::lock_guard lock(mutex_);
  auto& slot = family(info).counters[labels];
  if (!slot) slot = std::make_shared<sdk::Counter>();
  return slot;
}

std::shared_ptr<sdk::Gauge> MetricsRegistryImpl::gauge(const sdk::MetricInfo& info,
                                                       const sdk::MetricLabels& labels) {
  if (info.type != sdk::MetricType::kGauge) {
    throw std::invalid_argument("metric '" + info.name + "' asked for as a gauge is not one");
  }
  check_labels(labels);
  std::lock_guard lock(mutex_);
  auto& slot = family(info).gauges[labels];
  if (!slot) slot = std::make_shared<sdk::Gauge>();
  return slot;
}

std::shared_ptr<sdk::Histogram> MetricsRegistryImpl::histogram(const sdk::MetricInfo& info,
                                                               const sdk::MetricLabels& labels) {
  if (info.type != sdk::MetricType::kSummary) {
    throw std::invalid_argument("histogram '" + info.name + "' must be exported as a summary");
  }
  check_labels(labels);
  for (const auto& [name, value] : labels) {
    if (name == "quantile") throw std::invalid_argument("'quantile' is reserved for summaries");
  }
  std::lock_guard lock(mutex_);
  auto& slot = family(info).histograms[labels];
  if (!slot.histogram) slot.histogram = std::make_shared<sdk::Histogram>();
  return slot.histogram;
}

std::unique_ptr<sdk::MetricsRegistration> MetricsRegistryImpl::callback(
    const sdk::MetricInfo& info, sdk::MetricCallback compute) {
  if (info.type == sdk::MetricType::kSummary) {
    throw std::invalid_argument("callback metric '" + info.name + "' must be a counter or gauge");
  }
  std::lock_guard lock(mutex_);
  Family& f = family(info);
  uint64_t id = next_callback_id_++;
  f.callbacks.push_back(Callback{id, std::move(compute)});
  return std::make_unique<Registration>(self_, info.name, id);
}

void MetricsRegistryImpl::unregister(const std::string& name, uint64_t id) {
  // Waits for a scrape in progress, which may be running this very callback.
  std::lock_guard scrape(collect_mutex_);
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it == families_.end()) return;
  std::erase_if(it->second.callbacks, [id](const Callback& c) { return c.id == id; });
}

void MetricsRegistryImpl::remove(std::string_view name, const sdk::MetricLabels& labels) {
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it == families_.end()) return;
  it->second.counters.erase(labels);
  it->second.gauges.erase(labels);
  it->second.histograms.erase(labels);
}

sdk::MetricPointSnapshot MetricsRegistryImpl::summarize(HistogramSeries& series) {
  const auto now = clock_();
  sdk::Histogram::Snapshot current = series.histogram->snapshot();
  // Keep one snapshot per tenth of the window, and drop those older than it.
  const auto step = window_ / 10;
  if (series.history.empty() || now - series.history.back().first >= step) {
    series.history.emplace_back(now, current.buckets);
  }
  while (series.history.size() > 1 && now - series.history[1].first >= window_) {
    series.history.pop_front();
  }
  std::vector<uint64_t> recent = current.buckets;
  if (now - series.history.front().first >= window_) {
    // The oldest kept snapshot is a full window old: quantiles cover what came since.
    const auto& base = series.history.front().second;
    for (size_t i = 0; i < recent.size(); ++i) recent[i] -= std::min(recent[i], base[i]);
  }
  sdk::MetricPointSnapshot out;
  for (const auto& [q, label] : sdk::kExportedQuantiles) {
    out.quantiles.emplace_back(std::string(label), sdk::Histogram::quantile(recent, q));
  }
  out.count = current.count;
  out.sum = current.sum;
  return out;
}

std::vector<sdk::MetricFamilySnapshot> MetricsRegistryImpl::collect() {
  std::lock_guard scrape(collect_mutex_);
  struct Pending {
    size_t index;
    sdk::MetricCallback compute;
  };
  std::vector<sdk::MetricFamilySnapshot> out;
  std::vector<Pending> callbacks;
  {
    std::lock_guard lock(mutex_);
    for (auto& [name, f] : families_) {
      sdk::MetricFamilySnapshot snap;
      snap.info = f.info;
      for (const auto& [labels, c] : f.counters) {
        snap.points.push_back({labels, static_cast<double>(c->value()), {}, 0, 0});
      }
      for (const auto& [labels, g] : f.gauges) snap.points.push_back({labels, g->value(), {}, 0, 0});
      for (auto& [labels, h] : f.histograms) {
        sdk::MetricPointSnapshot p = summarize(h);
        p.labels = labels;
        snap.points.push_back(std::move(p));
      }
      for (const auto& c : f.callbacks) callbacks.push_back({out.size(), c.compute});
      out.push_back(std::move(snap));
    }
  }
  // Callbacks run without mutex_, so they may take their own locks (and even
  // register metrics) freely.
  for (auto& pending : callbacks) {
    PointCollector points(out[pending.index].points);
    try {
      pending.compute(points);
    } catch (const std::exception&) {
      // A failing callback loses its points for this scrape, nothing more.
    }
  }
  std::erase_if(out, [](const sdk::MetricFamilySnapshot& f) { return f.points.empty(); });
  return out;
}

}  // namespace skiff::kernel::metrics
