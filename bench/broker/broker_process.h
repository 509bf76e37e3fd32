// BrokerProcess: one skiffd child of the benchmark, on a free loopback port with
// its own work directory (server.properties, data/, skiffd.log), started, stopped
// with SIGTERM or killed with SIGKILL. The destructor kills a broker still running,
// and the kernel kills it if the benchmark dies (PR_SET_PDEATHSIG).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "common/fd.h"

namespace skiff::bench {

// Where the broker binary and its plugins are.
struct BrokerBinaries {
  std::filesystem::path skiffd;
  std::filesystem::path plugin_dir;
};

class BrokerProcess {
 public:
  // `properties` add to or override node.id, listeners, log.dirs and plugin.path.
  BrokerProcess(BrokerBinaries binaries, std::filesystem::path workdir,
                std::map<std::string, std::string> properties);
  BrokerProcess(const BrokerProcess&) = delete;
  BrokerProcess& operator=(const BrokerProcess&) = delete;
  ~BrokerProcess();

  // fork + exec; returns at once.
  void spawn();
  // Until the listener accepts a connection, which is returned; BenchError if the
  // broker exits or the timeout passes.
  Fd wait_listening(double timeout_s) const;
  // spawn() and wait_listening().
  void start(double timeout_s = 30);
  // SIGTERM and wait for a clean exit; returns the seconds it took. BenchError if
  // it fails or takes too long.
  double stop(double timeout_s = 60);
  // SIGKILL and reap.
  void kill9();

  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  uint16_t port() const { return port_; }
  std::string bootstrap() const;
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // The end of skiffd's output, for error messages.
  std::string log_tail() const;

 private:
  // waitpid without blocking: true (and pid_ cleared) if the child has exited.
  bool reap(int* status) const;

  BrokerBinaries binaries_;
  std::filesystem::path workdir_;
  std::filesystem::path data_dir_;
  std::filesystem::path config_path_;
  std::filesystem::path log_path_;
  uint16_t port_ = 0;
  mutable pid_t pid_ = -1;
};

}  // namespace skiff::bench
