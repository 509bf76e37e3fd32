// The sasl-plain-cyrus plugin: SASL/PLAIN, checked by Cyrus SASL (libsasl2) against
// whatever it is configured to use — its sasldb (auxprop), saslauthd (PAM, LDAP,
// shadow, ...) — through sasl.cyrus.* keys or /etc/sasl2/<app>.conf.
#include <memory>
#include <string>

#include "cyrus_server.h"
#include "skiff/sdk/config_key_builder.h"
#include "skiff/sdk/plugin.h"
#include "skiff/sdk/sasl.h"

namespace skiff::sasl_plain_cyrus {
namespace {

// Cyrus option name -> skiff config key.
const std::pair<const char*, const char*> kOptionKeys[] = {
    {"pwcheck_method", "sasl.cyrus.pwcheck.method"},
    {"auxprop_plugin", "sasl.cyrus.auxprop.plugin"},
    {"sasldb_path", "sasl.cyrus.sasldb.path"},
    {"saslauthd_path", "sasl.cyrus.saslauthd.path"},
};
constexpr const char* kAppName = "sasl.cyrus.app.name";
constexpr const char* kRealm = "sasl.cyrus.realm";

class PlainSession final : public sdk::SaslServerSession {
 public:
  PlainSession(CyrusServer& server, std::string realm) : server_(server), realm_(std::move(realm)) {}
  sdk::SaslStep step(std::string_view client_bytes) override {
    if (done_) return sdk::SaslStep::failed("unexpected PLAIN message after the exchange");
    done_ = true;
    // Kafka: an authorization id, if sent, must be the user itself.
    auto first_nul = client_bytes.find('\0');
    auto second_nul = first_nul == std::string_view::npos ? first_nul : client_bytes.find('\0', first_nul + 1);
    if (second_nul == std::string_view::npos) return sdk::SaslStep::failed("malformed PLAIN message");
    std::string_view authzid = client_bytes.substr(0, first_nul);
    std::string_view authcid = client_bytes.substr(first_nul + 1, second_nul - first_nul - 1);
    if (!authzid.empty() && authzid != authcid) {
      return sdk::SaslStep::failed("authorization id differs from the user name");
    }
    auto result = server_.authenticate_plain(client_bytes, realm_);
    if (!result.ok) return sdk::SaslStep::failed("Cyrus: " + result.detail);
    return sdk::SaslStep::done(std::string(authcid));
  }

 private:
  CyrusServer& server_;
  std::string realm_;
  bool done_ = false;
};

class PlainMechanism final : public sdk::SaslMechanism {
 public:
  explicit PlainMechanism(std::shared_ptr<CyrusServer> server) : server_(std::move(server)) {}
  std::string name() const override { return "PLAIN"; }
  std::unique_ptr<sdk::SaslServerSession> start(const sdk::SaslSessionContext& context) override {
    std::string realm = context.listener_config ? context.listener_config->get_string(kRealm) : "";
    return std::make_unique<PlainSession>(*server_, std::move(realm));
  }

 private:
  std::shared_ptr<CyrusServer> server_;
};

// Every Cyrus option is a string passed through to libsasl2.
sdk::ConfigKeyBuilder string_key(const char* name, std::string default_value, std::string doc) {
  return {name, sdk::ConfigType::kString, std::move(default_value), std::move(doc)};
}

class PlainCyrusPlugin final : public sdk::Plugin {
 public:
  void declare_config(sdk::ConfigSchema& schema) override {
    schema.define(string_key(kAppName, "skiff",
                             "Cyrus application name: options not set here come from "
                             "/etc/sasl2/<name>.conf."));
    schema.define(string_key(kRealm, "",
                             "Realm PLAIN users are looked up in (saslpasswd2 -u); empty: the "
                             "host name, Cyrus's default."));
    schema.define(string_key("sasl.cyrus.pwcheck.method", "",
                             "Cyrus pwcheck_method: auxprop (sasldb) or saslauthd."));
    schema.define(string_key("sasl.cyrus.auxprop.plugin", "", "Cyrus auxprop_plugin, e.g. sasldb."));
    schema.define(string_key("sasl.cyrus.sasldb.path", "", "Cyrus sasldb_path (default /etc/sasldb2)."));
    schema.define(string_key("sasl.cyrus.saslauthd.path", "", "Cyrus saslauthd_path (its socket)."));
  }

  void configure(sdk::Host& host) override {
    const auto& config = host.config();
    CyrusOptions options;
    options.app_name = config.get_string(kAppName, "skiff");
    for (const auto& [option, key] : kOptionKeys) options.options[option] = config.get_string(key);
    server_ = std::make_shared<CyrusServer>(std::move(options));
    host.extensions().add<sdk::SaslMechanism>("PLAIN", std::make_shared<PlainMechanism>(server_));
  }

 private:
  std::shared_ptr<CyrusServer> server_;
};

}  // namespace
}  // namespace skiff::sasl_plain_cyrus

SKIFF_PLUGIN(skiff::sasl_plain_cyrus::PlainCyrusPlugin, "sasl-plain-cyrus",
             "SASL/PLAIN checked by Cyrus SASL (sasldb, saslauthd)")
