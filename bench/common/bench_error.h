// BenchError: a measurement could not be carried out (a broker did not start, a
// client call failed). The stage is reported as failed; the run goes on.
#pragma once

#include <stdexcept>
#include <string>

namespace skiff::bench {

class BenchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// BenchError with `what` and strerror(errno).
[[noreturn]] void throw_errno(const std::string& what);

}  // namespace skiff::bench
