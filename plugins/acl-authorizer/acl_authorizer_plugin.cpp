// The acl-authorizer plugin: registers Kafka's ACL authorizer as "acl" and under
// the class name Kafka configs use, and loads the ACLs from the controller at start.
#include <memory>
#include <string>

#include "acl_authorizer.h"
#include "authorizer_config.h"
#include "skiff/sdk/controller.h"
#include "skiff/sdk/plugin.h"

namespace skiff::acl {
namespace {

constexpr const char* kName = "acl";
// So authorizer.class.name copied from a Kafka server.properties selects it too.
constexpr const char* kKafkaClassName = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

class AclAuthorizerPlugin final : public sdk::Plugin {
 public:
  void declare_config(sdk::ConfigSchema& schema) override { declare_authorizer_config(schema); }

  void configure(sdk::Host& host) override {
    host_ = &host;
    log_ = &host.logger("acl-authorizer");
    apply(host.config());
    host.extensions().add<sdk::Authorizer>(kName, authorizer_);
    host.extensions().add<sdk::Authorizer>(kKafkaClassName, authorizer_);
  }

  void start() override {
    auto controller = host_->extensions().find<sdk::Controller>();
    if (!controller) log_->warn("no controller: ACLs can be neither loaded nor stored");
    for (const auto& key : authorizer_->store().attach(std::move(controller))) {
      log_->warn("ignoring an ACL record that cannot be decoded: " + key);
    }
    authorizer_->store().read([this](const AclIndex& index) {
      log_->info("loaded " + std::to_string(index.size()) + " ACLs");
      return 0;
    });
  }

  void stop() override { authorizer_->store().detach(); }

  void reconfigure(const sdk::ConfigView& config) override { apply(config); }

 private:
  void apply(const sdk::ConfigView& config) {
    auto error = authorizer_->apply(read_authorizer_settings(config));
    if (!error.empty()) log_->error(error);
  }

  sdk::Host* host_ = nullptr;
  sdk::Logger* log_ = nullptr;
  std::shared_ptr<AclAuthorizer> authorizer_ = std::make_shared<AclAuthorizer>();
};

}  // namespace
}  // namespace skiff::acl

SKIFF_PLUGIN(skiff::acl::AclAuthorizerPlugin, "acl-authorizer",
             "Kafka's ACL authorizer: ACLs stored by the controller, super users, audit log")
