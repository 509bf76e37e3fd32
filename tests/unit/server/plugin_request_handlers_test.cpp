// Plugins' request handlers in the handler table: advertised by ApiVersions next to
// the kernel's APIs, header versions from their flexible version, and every
// collision or invalid description refused with the plugin named.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "kernel/server/api_versions.h"
#include "kernel/server/plugin_request_handlers.h"

using namespace skiff::kernel::server;

namespace {

class FixedApi final : public skiff::sdk::RequestHandler {
 public:
  explicit FixedApi(skiff::sdk::RequestHandlerApi api) : api_(std::move(api)) {}
  skiff::sdk::RequestHandlerApi api() const override { return api_; }
  void handle(const skiff::sdk::HandlerRequest&, std::span<const uint8_t>,
              skiff::sdk::HandlerCompletion done) override {
    done({});
  }

 private:
  skiff::sdk::RequestHandlerApi api_;
};

PluginRequestHandler plugin(std::string name, int16_t key, int16_t flexible = -1) {
  return {name, name + "-handler",
          std::make_shared<FixedApi>(skiff::sdk::RequestHandlerApi{key, "", 0, 2, flexible})};
}

std::string refusal(HandlerTable& table, const std::vector<PluginRequestHandler>& handlers) {
  try {
    register_plugin_handlers(table, handlers);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a plugin's API is served and advertised after the kernel's") {
  HandlerTable table;
  register_all_handlers(table);
  register_plugin_handlers(table, {plugin("echo", 10001, 1), plugin("quotas", 48, 1)});

  const HandlerTable::Entry* echo = table.find(10001);
  REQUIRE(echo != nullptr);
  CHECK(echo->plugin == "echo");
  CHECK(echo->name == "Api10001");
  CHECK(table.find(48)->name == "DescribeClientQuotas");
  CHECK(table.find(10002) == nullptr);
  CHECK(HandlerTable::header_versions(echo, 10001, 0).request == 1);
  CHECK(HandlerTable::header_versions(echo, 10001, 1).request == 2);
  CHECK(HandlerTable::header_versions(echo, 10001, 0).response == 0);
  CHECK(HandlerTable::header_versions(echo, 10001, 2).response == 1);
  // Kafka's own APIs keep Kafka's header versions; a key nobody serves parses minimally.
  CHECK(HandlerTable::header_versions(table.find(18), 18, 3).request == 2);
  CHECK(HandlerTable::header_versions(table.find(18), 18, 3).response == 0);
  CHECK(HandlerTable::header_versions(table.find(3), 3, 12).response == 1);
  CHECK(HandlerTable::header_versions(nullptr, 10002, 0).request == -1);

  bool advertised = false;
  for (const auto& api : build_api_versions_response(table).api_keys) {
    if (api.api_key == 10001) advertised = api.min_version == 0 && api.max_version == 2;
  }
  CHECK(advertised);
  CHECK(table.implemented().back()->api_key == 10001);

  table.remove_plugin_entries();
  CHECK(table.find(10001) == nullptr);
  CHECK(table.find(48) == nullptr);
  CHECK(table.find(0) != nullptr);
}

TEST_CASE("colliding or invalid APIs refuse startup, naming the plugin") {
  HandlerTable table;
  register_all_handlers(table);
  const std::string kernel = refusal(table, {plugin("thief", 0, 9)});
  CHECK(kernel.find("plugin 'thief'") != std::string::npos);
  CHECK(kernel.find("api key 0 (Produce)") != std::string::npos);
  CHECK(kernel.find("the kernel already serves") != std::string::npos);

  const std::string twice = refusal(table, {plugin("first", 10001), plugin("second", 10001)});
  CHECK(twice.find("plugin 'second'") != std::string::npos);
  CHECK(twice.find("plugin 'first' already serves") != std::string::npos);

  // Kafka's APIs keep Kafka's header versions.
  CHECK(refusal(table, {plugin("odd", 48, -1)}).find("Kafka's is 1") != std::string::npos);
  CHECK(refusal(table, {plugin("negative", -3)}).find("not a valid API") != std::string::npos);
}
