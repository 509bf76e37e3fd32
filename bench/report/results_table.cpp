// ResultsTable: aligned plain-text columns.
#include "report/results_table.h"

#include <algorithm>
#include <array>

namespace skiff::bench {
namespace {

const char* verdict_text(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "pass";
    case Verdict::kFail: return "FAIL";
    case Verdict::kInfo: return "-";
    case Verdict::kError: return "ERROR";
  }
  return "?";
}

}  // namespace

Verdict verdict_of(bool passed) { return passed ? Verdict::kPass : Verdict::kFail; }

void ResultsTable::add_error(const std::string& figure, const std::string& message) {
  std::string first_line = message.substr(0, message.find('\n'));
  add({figure, "not measured: " + first_line, "", "", "", Verdict::kError});
}

void ResultsTable::print(std::FILE* out) const {
  using Cells = std::array<std::string, 6>;
  std::vector<Cells> lines = {{"figure", "value", "limit", "ratio", "target", "result"}};
  for (const auto& r : rows_) {
    lines.push_back({r.figure, r.value, r.limit, r.ratio, r.target, verdict_text(r.verdict)});
  }
  std::array<size_t, 6> width{};
  for (const auto& cells : lines) {
    for (size_t i = 0; i < cells.size(); ++i) width[i] = std::max(width[i], cells[i].size());
  }
  for (size_t l = 0; l < lines.size(); ++l) {
    for (size_t i = 0; i < lines[l].size(); ++i) {
      std::fprintf(out, "%-*s%s", static_cast<int>(width[i]), lines[l][i].c_str(),
                   i + 1 < lines[l].size() ? " | " : "\n");
    }
    if (l == 0) {
      for (size_t i = 0; i < width.size(); ++i) {
        std::fprintf(out, "%s%s", std::string(width[i], '-').c_str(),
                     i + 1 < width.size() ? "-|-" : "\n");
      }
    }
  }
}

bool ResultsTable::all_passed() const {
  return std::none_of(rows_.begin(), rows_.end(), [](const ResultRow& r) {
    return r.verdict == Verdict::kFail || r.verdict == Verdict::kError;
  });
}

}  // namespace skiff::bench
