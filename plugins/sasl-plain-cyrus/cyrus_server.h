// The process-wide Cyrus SASL server library (libsasl2): initialised once with the
// options the plugin's config keys give (pwcheck_method, auxprop_plugin,
// sasldb_path, saslauthd_path), falling back to /etc/sasl2/<app>.conf for anything
// not set, so an existing Cyrus setup (sasldb, saslauthd) is reused as it is.
// Only the PLAIN mechanism is loaded (mech_list=PLAIN).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace skiff::sasl_plain_cyrus {

struct CyrusOptions {
  std::string app_name = "skiff";
  std::map<std::string, std::string> options;  // Cyrus option -> value; unset: config file
};

class CyrusServer {
 public:
  // Initialises libsasl2 (once per process); throws std::runtime_error on failure.
  explicit CyrusServer(CyrusOptions options);
  ~CyrusServer();
  CyrusServer(const CyrusServer&) = delete;
  CyrusServer& operator=(const CyrusServer&) = delete;

  struct Result {
    bool ok = false;
    std::string user;    // ok: the authenticated user (authcid)
    std::string detail;  // !ok: Cyrus's reason, for the log
  };
  // One complete PLAIN exchange ("authzid\0authcid\0password"). Serialised: sasldb
  // backends are not all thread-safe.
  Result authenticate_plain(std::string_view client_message, const std::string& realm);

  // Cyrus's getopt callback reads these.
  std::optional<std::string> option(std::string_view name) const;

 private:
  CyrusOptions options_;
  std::mutex mutex_;
};

}  // namespace skiff::sasl_plain_cyrus
