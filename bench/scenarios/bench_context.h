// What every measurement stage shares: the options, the results table, the core
// count, scaled durations, and fresh brokers in their own work directories.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "broker/broker_process.h"
#include "options.h"
#include "report/results_table.h"

namespace skiff::bench {

class BenchContext {
 public:
  explicit BenchContext(BenchOptions options);

  const BenchOptions& options() const { return options_; }
  ResultsTable& table() { return table_; }
  int cores() const { return cores_; }
  // A nominal duration times --scale.
  double seconds(double nominal) const { return nominal * options_.scale; }
  // work_dir/<name>, emptied.
  std::filesystem::path fresh_dir(const std::string& name) const;
  // A running broker in fresh_dir(name). Its data stays when it is gone (deleting
  // 30,000 small files can take minutes on a busy disk; run.sh does it afterwards).
  std::shared_ptr<BrokerProcess> start_broker(const std::string& name,
                                              std::map<std::string, std::string> properties);

 private:
  BenchOptions options_;
  ResultsTable table_;
  int cores_;
};

// Deletes a stopped broker's data, so it leaves the page cache with its files, and
// waits until the freed memory settles: the next broker starts on settled memory
// like every other measurement (see settle_after_freeing_memory).
void wipe(const BrokerProcess& broker);
// A clean stop (SIGTERM), then wipe().
void stop_and_wipe(BrokerProcess& broker);

}  // namespace skiff::bench
