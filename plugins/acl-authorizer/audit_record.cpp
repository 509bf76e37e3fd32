#include "audit_record.h"


#include "skiff/sdk/acl_names.h"
#include "skiff/sdk/json_string.h"
#include "skiff/sdk/utc_timestamp.h"

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
  o.field("time", sdk::utc_timestamp(when))
      .field("event", event)
      .field("principal", who.principal.to_string())
      .field("host", who.client_host)
      .field("listener", who.listener)
      .field("client_id", who.client_id);
  return o;
}

}  // namespace


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
