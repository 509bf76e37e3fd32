#include "cyrus_server.h"

#include <sasl/sasl.h>

#include <stdexcept>

namespace skiff::sasl_plain_cyrus {

namespace {

CyrusServer* g_server = nullptr;  // libsasl2's callbacks are process-wide

int get_option(void*, const char* /*plugin*/, const char* option, const char** result,
               unsigned* len) {
  if (!g_server || !option) return SASL_FAIL;
  static thread_local std::string value;
  auto v = g_server->option(option);
  if (!v) return SASL_FAIL;  // not set here: Cyrus reads its config file
  value = *v;
  *result = value.c_str();
  if (len) *len = static_cast<unsigned>(value.size());
  return SASL_OK;
}

int log_nothing(void*, int, const char*) { return SASL_OK; }

// libsasl2 stores every callback as int (*)(); the detour through void (*)() is the
// cast GCC accepts without -Wcast-function-type.
template <class F>
int (*as_callback(F* f))() {
  return reinterpret_cast<int (*)()>(reinterpret_cast<void (*)()>(f));
}

sasl_callback_t g_callbacks[] = {
    {SASL_CB_GETOPT, as_callback(&get_option), nullptr},
    {SASL_CB_LOG, as_callback(&log_nothing), nullptr},
    {SASL_CB_LIST_END, nullptr, nullptr},
};

}  // namespace

CyrusServer::CyrusServer(CyrusOptions options) : options_(std::move(options)) {
  if (g_server) throw std::runtime_error("the Cyrus SASL library is already initialised");
  options_.options["mech_list"] = "PLAIN";
  g_server = this;
  int rc = sasl_server_init(g_callbacks, options_.app_name.c_str());
  if (rc != SASL_OK) {
    g_server = nullptr;
    throw std::runtime_error(std::string("Cyrus SASL initialisation failed: ") +
                             sasl_errstring(rc, nullptr, nullptr));
  }
}

CyrusServer::~CyrusServer() {
  sasl_server_done();
  g_server = nullptr;
}

std::optional<std::string> CyrusServer::option(std::string_view name) const {
  auto it = options_.options.find(std::string(name));
  if (it == options_.options.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

CyrusServer::Result CyrusServer::authenticate_plain(std::string_view client_message,
                                                    const std::string& realm) {
  std::lock_guard lock(mutex_);
  Result result;
  sasl_conn_t* conn = nullptr;
  int rc = sasl_server_new("kafka", nullptr, realm.empty() ? nullptr : realm.c_str(), nullptr,
                           nullptr, nullptr, 0, &conn);
  if (rc != SASL_OK) {
    result.detail = std::string("sasl_server_new: ") + sasl_errstring(rc, nullptr, nullptr);
    return result;
  }
  const char* out = nullptr;
  unsigned out_len = 0;
  rc = sasl_server_start(conn, "PLAIN", client_message.data(),
                         static_cast<unsigned>(client_message.size()), &out, &out_len);
  if (rc == SASL_OK) {
    const void* user = nullptr;
    if (sasl_getprop(conn, SASL_USERNAME, &user) == SASL_OK && user) {
      result.ok = true;
      result.user = static_cast<const char*>(user);
    } else {
      result.detail = "Cyrus returned no user name";
    }
  } else {
    const char* detail = sasl_errdetail(conn);
    result.detail = detail ? detail : sasl_errstring(rc, nullptr, nullptr);
  }
  sasl_dispose(&conn);
  return result;
}

}  // namespace skiff::sasl_plain_cyrus
