// Per-listener overrides: listener.name.<listener>.<key> validates as <key> when the
// key's prefix allows it, appears in snapshots only when set, and wins in a
// ListenerConfigView for that listener only.
#include <catch2/catch.hpp>

#include "kernel/config/config_snapshot.h"
#include "kernel/security/security_config_keys.h"
#include "skiff/sdk/listener_config.h"

using namespace skiff::kernel;

TEST_CASE("listener overrides resolve to their base key") {
  ConfigSchemaRegistry schema;
  declare_security_config(schema);
  auto found = schema.find("listener.name.external.ssl.client.auth");
  REQUIRE(found);
  CHECK(found->key.name == "listener.name.external.ssl.client.auth");
  CHECK(found->key.valid_values.size() == 3);
  CHECK(!schema.find("listener.name.external.no.such.key"));
  CHECK(!schema.find("listener.name..ssl.client.auth"));
  CHECK(!schema.find("listener.name.external"));
}

TEST_CASE("a listener view prefers its override") {
  ConfigSchemaRegistry schema;
  declare_security_config(schema);
  RawConfig values;
  values["ssl.client.auth"] = {"requested", ConfigSource::default_value()};
  values["listener.name.mtls.ssl.client.auth"] = {"required", ConfigSource::default_value()};
  auto snapshot = ConfigSnapshot::build(values, schema);
  CHECK(snapshot.raw("listener.name.mtls.ssl.client.auth") == "required");
  CHECK(!snapshot.raw("listener.name.other.ssl.client.auth"));
  CHECK(skiff::sdk::ListenerConfigView(snapshot, "MTLS").get_string("ssl.client.auth") == "required");
  CHECK(skiff::sdk::ListenerConfigView(snapshot, "EXTERNAL").get_string("ssl.client.auth") ==
        "requested");
  CHECK(skiff::sdk::ListenerConfigView(snapshot, "MTLS").get_string("ssl.enabled.protocols") ==
        "TLSv1.2,TLSv1.3");
}
