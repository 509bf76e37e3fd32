// The final table: one row per figure with its value, the limit it is compared
// with, the ratio, the target and whether the target is met.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace skiff::bench {

enum class Verdict { kPass, kFail, kInfo, kError };

struct ResultRow {
  std::string figure;
  std::string value;
  std::string limit;
  std::string ratio;
  std::string target;
  Verdict verdict = Verdict::kInfo;
};

class ResultsTable {
 public:
  void add(ResultRow row) { rows_.push_back(std::move(row)); }
  // A stage that could not be measured.
  void add_error(const std::string& figure, const std::string& message);
  void print(std::FILE* out) const;
  bool all_passed() const;

 private:
  std::vector<ResultRow> rows_;
};

Verdict verdict_of(bool passed);

}  // namespace skiff::bench
