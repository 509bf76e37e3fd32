#include <catch2/catch.hpp>

#include <random>

#include "skiff/sdk/metrics.h"

using skiff::sdk::Histogram;

TEST_CASE("histogram buckets bound every value within an eighth of an octave") {
  for (double v : {0.0011, 0.5, 1.0, 1.3, 7.77, 100.0, 12345.0, 3.3e9}) {
    size_t b = Histogram::bucket_of(v);
    REQUIRE(Histogram::lower_bound(b) <= v);
    REQUIRE(v < Histogram::lower_bound(b + 1));
  }
  REQUIRE(Histogram::bucket_of(0) == 0);
  REQUIRE(Histogram::bucket_of(-5) == 0);
  REQUIRE(Histogram::bucket_of(1e300) == Histogram::kBuckets - 1);
}

TEST_CASE("histogram quantiles of a uniform distribution are within 5 %") {
  Histogram h;
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> dist(1, 1000);
  for (int i = 0; i < 200000; ++i) h.observe(dist(rng));
  auto snap = h.snapshot();
  REQUIRE(snap.count == 200000);
  for (double q : {0.5, 0.75, 0.95, 0.99, 0.999}) {
    double expected = 1 + q * 999;
    REQUIRE(Histogram::quantile(snap.buckets, q) == Approx(expected).epsilon(0.05));
  }
  REQUIRE(Histogram::quantile(std::vector<uint64_t>(Histogram::kBuckets, 0), 0.99) == 0);
}
