// Every generated message, every version it supports: a sample with every present
// field set to a non-default value (and, separately, null wherever allowed) encodes,
// decodes to an equal message, and re-encodes to the same bytes.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "kernel/protocol/generated/api_table.h"
#include "tests/unit/protocol/sample_cases.h"

using namespace skiff::protocol;

TEST_CASE("every message round-trips in every version") {
  size_t checked = 0;
  for (const SampleCase& c : all_sample_cases()) {
    for (int16_t v = c.min_version; v <= c.max_version; ++v) {
      for (bool prefer_null : {false, true}) {
        INFO(c.name << " v" << v << (prefer_null ? " with nulls" : ""));
        CHECK_NOTHROW(c.round_trip(v, prefer_null));
        ++checked;
      }
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("samples cover every API's request and response") {
  std::set<int16_t> requests, responses;
  std::set<std::string> others;
  for (const SampleCase& c : all_sample_cases()) {
    if (c.kind == MessageKind::kRequest) requests.insert(c.api_key);
    if (c.kind == MessageKind::kResponse) responses.insert(c.api_key);
    if (c.kind == MessageKind::kHeader || c.kind == MessageKind::kData) others.insert(c.name);
  }
  for (const ApiInfo& api : all_apis()) {
    INFO(api.name);
    CHECK(requests.count(api.api_key) == 1);
    CHECK(responses.count(api.api_key) == 1);
  }
  CHECK(others.count("RequestHeader") == 1);
  CHECK(others.count("ResponseHeader") == 1);
  CHECK(others.count("ConsumerProtocolAssignment") == 1);
}

TEST_CASE("samples set the fields present in their version") {
  // Guards against fill_sample() silently setting nothing: wherever a sample encodes
  // to any bytes at all, it must differ from a default-constructed message.
  for (const SampleCase& c : all_sample_cases()) {
    for (int16_t v = c.min_version; v <= c.max_version; ++v) {
      INFO(c.name << " v" << v);
      if (!c.encode(v, false).empty()) CHECK(c.differs_from_default(v));
    }
  }
}
