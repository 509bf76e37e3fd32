// Failed-authentication delays: doubling per address, capped, forgotten after a minute.
#include <catch2/catch.hpp>

#include "kernel/security/auth_failure_delays.h"

using skiff::kernel::security::AuthFailureDelays;
using namespace std::chrono_literals;

TEST_CASE("delays double per address and reset after a quiet minute") {
  AuthFailureDelays delays;
  auto t = AuthFailureDelays::Clock::now();
  CHECK(delays.record_failure("10.0.0.1", 100ms, t) == 100ms);
  CHECK(delays.record_failure("10.0.0.1", 100ms, t + 1s) == 200ms);
  CHECK(delays.record_failure("10.0.0.1", 100ms, t + 2s) == 400ms);
  CHECK(delays.record_failure("10.0.0.2", 100ms, t + 2s) == 100ms);
  CHECK(delays.record_failure("10.0.0.1", 100ms, t + 2s + 61s) == 100ms);
}

TEST_CASE("delays are capped at 30 seconds") {
  AuthFailureDelays delays;
  auto t = AuthFailureDelays::Clock::now();
  std::chrono::milliseconds last{};
  for (int i = 0; i < 40; ++i) last = delays.record_failure("h", 100ms, t + std::chrono::seconds(i));
  CHECK(last == 30000ms);
}
