// BrokerProcess: writing server.properties, fork/exec of skiffd with its output in
// skiffd.log, readiness by connecting, SIGTERM/SIGKILL and reaping.
#include "broker/broker_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "common/bench_error.h"
#include "common/clock.h"
#include "common/loopback_socket.h"

namespace skiff::bench {

BrokerProcess::BrokerProcess(BrokerBinaries binaries, std::filesystem::path workdir,
                             std::map<std::string, std::string> properties)
    : binaries_(std::move(binaries)),
      workdir_(std::move(workdir)),
      data_dir_(workdir_ / "data"),
      config_path_(workdir_ / "server.properties"),
      log_path_(workdir_ / "skiffd.log"),
      port_(free_loopback_port()) {
  std::map<std::string, std::string> props = {
      {"node.id", "1"},
      {"listeners", "PLAINTEXT://127.0.0.1:" + std::to_string(port_)},
      {"log.dirs", data_dir_.string()},
      {"plugin.path", binaries_.plugin_dir.string()},
  };
  for (auto& [key, value] : properties) props[key] = value;
  std::filesystem::create_directories(workdir_);
  std::ofstream out(config_path_);
  for (const auto& [key, value] : props) out << key << '=' << value << '\n';
  if (!out) throw BenchError("cannot write " + config_path_.string());
}

BrokerProcess::~BrokerProcess() {
  if (running()) kill9();
}

std::string BrokerProcess::bootstrap() const { return "127.0.0.1:" + std::to_string(port_); }

void BrokerProcess::spawn() {
  if (running()) throw BenchError("broker already running");
  // Everything the child needs is prepared before fork: it only dup2s and execs.
  const std::string binary = binaries_.skiffd.string();
  const std::string config = config_path_.string();
  int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw_errno("open " + log_path_.string());
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    throw_errno("fork");
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the benchmark
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::execl(binary.c_str(), binary.c_str(), config.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(log_fd);
  pid_ = pid;
}

bool BrokerProcess::reap(int* status) const {
  if (pid_ <= 0) return true;
  pid_t r = ::waitpid(pid_, status, WNOHANG);
  if (r == pid_) {
    pid_ = -1;
    return true;
  }
  return false;
}

Fd BrokerProcess::wait_listening(double timeout_s) const {
  const Clock::time_point start = Clock::now();
  for (;;) {
    int status = 0;
    if (reap(&status)) {
      throw BenchError("skiffd exited (status " + std::to_string(status) + "):\n" + log_tail());
    }
    if (Fd connection = try_connect_loopback(port_); connection.valid()) return connection;
    if (seconds_since(start) > timeout_s) {
      throw BenchError("skiffd did not listen within " + std::to_string(timeout_s) + " s:\n" +
                       log_tail());
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

void BrokerProcess::start(double timeout_s) {
  spawn();
  wait_listening(timeout_s);
}

double BrokerProcess::stop(double timeout_s) {
  if (!running()) return 0;
  ::kill(pid_, SIGTERM);
  const Clock::time_point start = Clock::now();
  int status = 0;
  while (!reap(&status)) {
    if (seconds_since(start) > timeout_s) {
      kill9();
      throw BenchError("skiffd did not stop on SIGTERM:\n" + log_tail());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (WIFSIGNALED(status)) {
    throw BenchError("skiffd was killed by signal " + std::to_string(WTERMSIG(status)) +
                     " instead of shutting down:\n" + log_tail());
  }
  if (WEXITSTATUS(status) != 0) {
    throw BenchError("skiffd exited with " + std::to_string(WEXITSTATUS(status)) + ":\n" + log_tail());
  }
  return seconds_since(start);
}

void BrokerProcess::kill9() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string BrokerProcess::log_tail() const {
  std::ifstream in(log_path_);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  constexpr size_t kTail = 3000;
  return text.size() > kTail ? text.substr(text.size() - kTail) : text;
}

}  // namespace skiff::bench
