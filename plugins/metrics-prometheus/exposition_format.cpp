#include "exposition_format.h"

#include <charconv>
#include <cmath>

namespace skiff::metrics_prometheus {

namespace {

void append_escaped(std::string& out, std::string_view text, bool quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else if (v == std::floor(v) && std::fabs(v) < 1e15) {
    out += std::to_string(static_cast<int64_t>(v));
  } else {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, ec == std::errc() ? end : buf);
  }
}

void append_labels(std::string& out, const sdk::MetricLabels& labels,
                   const std::pair<std::string_view, std::string_view>* extra = nullptr) {
  if (labels.empty() && extra == nullptr) return;
  out += '{';
  bool first = true;
  auto one = [&](std::string_view name, std::string_view value) {
    if (!first) out += ',';
    first = false;
    out += name;
    out += "=\"";
    append_escaped(out, value, true);
    out += '"';
  };
  for (const auto& [name, value] : labels) one(name, value);
  if (extra) one(extra->first, extra->second);
  out += '}';
}

void append_sample(std::string& out, std::string_view name, std::string_view suffix,
                   const sdk::MetricLabels& labels, double value,
                   const std::pair<std::string_view, std::string_view>* extra = nullptr) {
  out += name;
  out += suffix;
  append_labels(out, labels, extra);
  out += ' ';
  append_number(out, value);
  out += '\n';
}

const char* type_name(sdk::MetricType type) {
  switch (type) {
    case sdk::MetricType::kCounter: return "counter";
    case sdk::MetricType::kGauge: return "gauge";
    case sdk::MetricType::kSummary: return "summary";
  }
  return "unknown";
}

}  // namespace

ExpositionFormat negotiate_format(std::string_view accept) {
  return accept.find("application/openmetrics-text") != std::string_view::npos
             ? ExpositionFormat::kOpenMetrics
             : ExpositionFormat::kPrometheusText;
}

std::string_view content_type(ExpositionFormat format) {
  return format == ExpositionFormat::kOpenMetrics
             ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
             : "text/plain; version=0.0.4; charset=utf-8";
}

std::string render(const std::vector<sdk::MetricFamilySnapshot>& families, ExpositionFormat format) {
  const bool open_metrics = format == ExpositionFormat::kOpenMetrics;
  std::string out;
  out.reserve(families.size() * 256);
  for (const auto& family : families) {
    const sdk::MetricInfo& info = family.info;
    // OpenMetrics names a counter family without its _total suffix.
    std::string_view family_name = info.name;
    std::string_view sample_suffix;
    if (open_metrics && info.type == sdk::MetricType::kCounter && family_name.ends_with("_total")) {
      family_name.remove_suffix(6);
      sample_suffix = "_total";
    }
    out += "# HELP ";
    out += family_name;
    out += ' ';
    append_escaped(out, info.help, false);
    out += "\n# TYPE ";
    out += family_name;
    out += ' ';
    out += type_name(info.type);
    out += '\n';
    for (const auto& p : family.points) {
      if (info.type != sdk::MetricType::kSummary) {
        append_sample(out, family_name, sample_suffix, p.labels, p.value);
        continue;
      }
      for (const auto& [quantile, value] : p.quantiles) {
        std::pair<std::string_view, std::string_view> label{"quantile", quantile};
        append_sample(out, family_name, "", p.labels, value, &label);
      }
      append_sample(out, family_name, "_sum", p.labels, p.sum);
      append_sample(out, family_name, "_count", p.labels, static_cast<double>(p.count));
    }
  }
  if (open_metrics) out += "# EOF\n";
  return out;
}

}  // namespace skiff::metrics_prometheus
