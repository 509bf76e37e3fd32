// DescribeUserScramCredentials (key 50): which SCRAM mechanisms and iteration counts
// each user has credentials for (never the credentials themselves). No users named:
// every user with a credential.
#include <map>
#include <set>

#include "kernel/protocol/generated/describe_user_scram_credentials_request.h"
#include "kernel/protocol/generated/describe_user_scram_credentials_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/security_handlers.h"
#include "kernel/server/scram_mechanisms.h"
#include "skiff/sdk/scram_credentials.h"

namespace skiff::kernel::server {

namespace {
using sdk::ErrorCode;
using Response = protocol::DescribeUserScramCredentialsResponse;
}  // namespace

void handle_describe_user_scram_credentials(RequestContext& ctx,
                                            protocol::DescribeUserScramCredentialsRequest& request,
                                            Responder<Response> respond) {
  if (!authorized_on_cluster(ctx, sdk::AclOperation::kDescribe)) {
    Response response;
    response.error_code = sdk::to_wire(ErrorCode::kClusterAuthorizationFailed);
    response.error_message = "Authorization failed.";
    respond.send(response);
    return;
  }
  // user -> credentials, from every stored record.
  std::map<std::string, std::vector<Response::CredentialInfo>> stored;
  for (const auto& [key, value] : ctx.broker.controller.scan_records(sdk::scram::kRecordNamespace, "")) {
    auto slash = key.find('/');
    auto credential = sdk::scram::decode(value);
    if (slash == std::string::npos || !credential) continue;
    Response::CredentialInfo info;
    info.mechanism = scram_mechanism_code(std::string_view(key).substr(0, slash));
    info.iterations = credential->iterations;
    if (info.mechanism != 0) stored[key.substr(slash + 1)].push_back(info);
  }
  Response response;
  response.error_message.reset();
  auto add = [&](const std::string& user, ErrorCode error, const char* message) {
    Response::DescribeUserScramCredentialsResult result;
    result.user = user;
    result.error_code = sdk::to_wire(error);
    if (message) result.error_message = message; else result.error_message.reset();
    if (error == ErrorCode::kNone) result.credential_infos = stored[user];
    response.results.push_back(std::move(result));
  };
  if (!request.users || request.users->empty()) {
    for (const auto& [user, _] : stored) add(user, ErrorCode::kNone, nullptr);
  } else {
    std::map<std::string, int> asked;
    for (const auto& u : *request.users) ++asked[u.name];
    std::set<std::string> done;
    for (const auto& u : *request.users) {
      if (!done.insert(u.name).second) continue;
      if (asked[u.name] > 1) {
        add(u.name, ErrorCode::kDuplicateResource,
            "Cannot describe SCRAM credentials for the same user twice in a single request");
      } else if (!stored.contains(u.name)) {
        add(u.name, ErrorCode::kResourceNotFound,
            "Attempt to describe a user credential that does not exist");
      } else {
        add(u.name, ErrorCode::kNone, nullptr);
      }
    }
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
