// The sasl-scram plugin: registers the SCRAM-SHA-256 and SCRAM-SHA-512 mechanisms,
// which verify clients against the credentials the controller stores (namespace
// "scram", written by AlterUserScramCredentials, see sdk/scram_credentials.h).
#include <memory>
#include <stdexcept>

#include "scram_server_session.h"
#include "skiff/sdk/controller.h"
#include "skiff/sdk/plugin.h"
#include "skiff/sdk/sasl.h"
#include "skiff/sdk/scram_crypto.h"

namespace skiff::sasl_scram {
namespace {

namespace scram = sdk::scram;

// State both mechanisms share: the controller, found once every plugin has started.
struct Shared {
  std::shared_ptr<sdk::Controller> controller;
  std::string fake_salt_secret = scram::random_bytes(32);
};

class ScramMechanism final : public sdk::SaslMechanism {
 public:
  ScramMechanism(std::string_view name, std::shared_ptr<Shared> shared)
      : name_(name), md_(scram::digest_of(name)), shared_(std::move(shared)) {}

  std::string name() const override { return name_; }

  std::unique_ptr<sdk::SaslServerSession> start(const sdk::SaslSessionContext&) override {
    auto shared = shared_;
    if (!shared->controller) throw std::runtime_error("no controller to read SCRAM credentials from");
    auto lookup = [shared, mechanism = name_](const std::string& user)
        -> std::optional<scram::StoredCredential> {
      auto record = shared->controller->get_record(scram::kRecordNamespace,
                                                   scram::record_key(mechanism, user));
      return record ? scram::decode(*record) : std::nullopt;
    };
    return std::make_unique<ScramServerSession>(name_, md_, std::move(lookup),
                                                shared_->fake_salt_secret);
  }

 private:
  std::string name_;
  const EVP_MD* md_;
  std::shared_ptr<Shared> shared_;
};

class ScramPlugin final : public sdk::Plugin {
 public:
  void configure(sdk::Host& host) override {
    host_ = &host;
    host.extensions().add<sdk::SaslMechanism>(std::string(scram::kSha256),
                                             std::make_shared<ScramMechanism>(scram::kSha256, shared_));
    host.extensions().add<sdk::SaslMechanism>(std::string(scram::kSha512),
                                             std::make_shared<ScramMechanism>(scram::kSha512, shared_));
  }
  void start() override { shared_->controller = host_->extensions().find<sdk::Controller>(); }
  void stop() override { shared_->controller.reset(); }

 private:
  sdk::Host* host_ = nullptr;
  std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
};

}  // namespace
}  // namespace skiff::sasl_scram

SKIFF_PLUGIN(skiff::sasl_scram::ScramPlugin, "sasl-scram",
             "SASL/SCRAM-SHA-256 and SCRAM-SHA-512 against credentials stored by the controller")
