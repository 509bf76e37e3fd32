// Test plugin: an sdk::RequestHandler serving "SkiffEcho" on api key
// test.echo.api.key (10001 unless set; setting a key the kernel serves must refuse
// startup). Versions 0-1, v1 flexible. The response body is the principal's name and
// the client id (STRING each), then the request body verbatim. v0 answers inline,
// v1 from a blocking-pool thread (a late completion); a body of "close" asks the
// kernel to close the connection instead.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skiff/sdk/plugin.h"
#include "skiff/sdk/request_handler.h"

namespace {

constexpr std::string_view kApiKeyConfig = "test.echo.api.key";

void append_string(std::vector<uint8_t>& out, const std::string& s) {
  out.push_back(static_cast<uint8_t>(s.size() >> 8));
  out.push_back(static_cast<uint8_t>(s.size() & 0xff));
  out.insert(out.end(), s.begin(), s.end());
}

class EchoHandler final : public skiff::sdk::RequestHandler {
 public:
  EchoHandler(int16_t api_key, skiff::sdk::Scheduler& scheduler)
      : api_key_(api_key), scheduler_(scheduler) {}

  skiff::sdk::RequestHandlerApi api() const override { return {api_key_, "SkiffEcho", 0, 1, 1}; }

  void handle(const skiff::sdk::HandlerRequest& request, std::span<const uint8_t> body,
              skiff::sdk::HandlerCompletion done) override {
    skiff::sdk::HandlerResponse response;
    if (std::string_view(reinterpret_cast<const char*>(body.data()), body.size()) == "close") {
      response.close_reason = "SkiffEcho was asked to close";
    } else {
      append_string(response.body, request.identity.principal.name);
      append_string(response.body, request.client_id);
      response.body.insert(response.body.end(), body.begin(), body.end());
    }
    if (request.api_version == 0) {
      done(std::move(response));
      return;
    }
    scheduler_.run_blocking([done = std::move(done), response = std::move(response)]() mutable {
      done(std::move(response));
    });
  }

 private:
  int16_t api_key_;
  skiff::sdk::Scheduler& scheduler_;
};

class TestRequestHandlerPlugin final : public skiff::sdk::Plugin {
 public:
  void declare_config(skiff::sdk::ConfigSchema& schema) override {
    schema.define({.name = std::string(kApiKeyConfig),
                   .type = skiff::sdk::ConfigType::kInt,
                   .default_value = "10001",
                   .min = 0,
                   .max = 32767,
                   .valid_values = {},
                   .doc = "Test plugin: the api key SkiffEcho is served on."});
  }
  void configure(skiff::sdk::Host& host) override {
    const auto api_key = static_cast<int16_t>(host.config().get_int(kApiKeyConfig, 10001));
    host.extensions().add<skiff::sdk::RequestHandler>(
        "skiff-echo", std::make_shared<EchoHandler>(api_key, host.scheduler()));
  }
};

}  // namespace

SKIFF_PLUGIN(TestRequestHandlerPlugin, "test-request-handler",
             "A request handler (SkiffEcho) for the integration tests")
