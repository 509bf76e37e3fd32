#include "audit_record.h"

#include <cstdio>
#include <ctime>

#include "skiff/sdk/acl_names.h"
#include "skiff/sdk/json_string.h"

namespace skiff::acl {
namespace {

// Builds {"k":"v",...} one field at a time.
class JsonObject {
 public:
  JsonObject& field(std::string_view key, std::string_view value) {
    out_ += out_.size() > 1 ? ",\"" : "\"";
    out_ += key;
    out_ += "\":";
    sdk::append_json_string(out_, value);
    return *this;
  }
  std::string done() { return out_ + "}"; }

 private:
  std::string out_ = "{";
};

JsonObject requester_fields(Clock::time_point when, const sdk::ConnectionIdentity& who,
                            std::string_view event) {
  JsonObject o;
  o.field("time", utc_timestamp(when))
      .field("event", event)
      .field("principal", who.principal.to_string())
      .field("host", who.client_host)
      .field("listener", who.listener)
      .field("client_id", who.client_id);
  return o;
}

}  // namespace


std::string utc_timestamp(Clock::time_point when) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[96];  // roomy enough for any int the compiler imagines in tm
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

std::string decision_record(Clock::time_point when, const sdk::ConnectionIdentity& who,
                            const sdk::Action& action, bool allowed, std::string_view reason) {
  return requester_fields(when, who, "authorize")
      .field("operation", name_of(action.operation))
      .field("resource_type", name_of(action.resource_type))
      .field("resource_name", action.resource_name)
      .field("decision", allowed ? "ALLOWED" : "DENIED")
      .field("reason", reason)
      .done();
}

std::string acl_change_record(Clock::time_point when, const sdk::ConnectionIdentity& who,
                              std::string_view change, const sdk::AclBinding& acl,
                              std::string_view error) {
  auto o = requester_fields(when, who, change);
  o.field("resource_type", name_of(acl.resource_type))
      .field("resource_name", acl.resource_name)
      .field("pattern_type", name_of(acl.pattern_type))
      .field("acl_principal", acl.principal)
      .field("acl_host", acl.host)
      .field("acl_operation", name_of(acl.operation))
      .field("acl_permission", name_of(acl.permission))
      .field("result", error.empty() ? "OK" : "FAILED");
  if (!error.empty()) o.field("error", error);
  return o.done();
}

}  // namespace skiff::acl
