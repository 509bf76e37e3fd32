// AlterUserScramCredentials (key 51): upserts and deletes SCRAM credentials. The
// client sends a salt and the salted password; the controller keeps only the salt,
// iteration count, StoredKey and ServerKey (sdk/scram_credentials.h).
#include <map>
#include <set>

#include "kernel/protocol/generated/alter_user_scram_credentials_request.h"
#include "kernel/protocol/generated/alter_user_scram_credentials_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/security_handlers.h"
#include "kernel/server/scram_mechanisms.h"
#include "skiff/sdk/scram_crypto.h"

namespace skiff::kernel::server {

namespace {

using sdk::ErrorCode;
using Response = protocol::AlterUserScramCredentialsResponse;

struct Verdict {
  ErrorCode error = ErrorCode::kNone;
  std::string message;
};

Verdict check_upsertion(const protocol::AlterUserScramCredentialsRequest::ScramCredentialUpsertion& u) {
  if (u.name.empty()) return {ErrorCode::kUnacceptableCredential, "Username must not be empty"};
  if (scram_mechanism_name(u.mechanism).empty()) {
    return {ErrorCode::kUnsupportedSaslMechanism, "Unknown SCRAM mechanism"};
  }
  if (u.iterations < sdk::scram::kMinIterations) {
    return {ErrorCode::kUnacceptableCredential, "Too few iterations"};
  }
  if (u.iterations > sdk::scram::kMaxIterations) {
    return {ErrorCode::kUnacceptableCredential, "Too many iterations"};
  }
  if (u.salt.empty()) return {ErrorCode::kUnacceptableCredential, "Salt must not be empty"};
  if (u.salted_password.empty()) {
    return {ErrorCode::kUnacceptableCredential, "Salted password must not be empty"};
  }
  return {};
}

}  // namespace

void handle_alter_user_scram_credentials(RequestContext& ctx,
                                         protocol::AlterUserScramCredentialsRequest& request,
                                         Responder<Response> respond) {
  Response response;
  std::map<std::string, Verdict> verdicts;  // by user, in name order like Kafka's
  std::map<std::string, int> mentions;
  for (const auto& d : request.deletions) ++mentions[d.name];
  for (const auto& u : request.upsertions) ++mentions[u.name];
  auto& controller = ctx.broker.controller;
  if (!authorized_on_cluster(ctx, sdk::AclOperation::kAlter)) {
    // Kafka answers every user with the error and changes nothing.
    for (const auto& [user, count] : mentions) {
      Response::AlterUserScramCredentialsResult result;
      result.user = user;
      result.error_code = sdk::to_wire(ErrorCode::kClusterAuthorizationFailed);
      result.error_message = "Authorization failed.";
      response.results.push_back(std::move(result));
    }
    respond.send(response);
    return;
  }
  auto set_once = [&](const std::string& user, Verdict v) {
    auto& slot = verdicts[user];
    if (slot.error == ErrorCode::kNone) slot = std::move(v);
  };
  for (const auto& [user, count] : mentions) {
    if (count > 1) {
      set_once(user, {ErrorCode::kDuplicateResource,
                      "A user credential cannot be altered twice in the same request"});
    } else {
      verdicts.emplace(user, Verdict{});
    }
  }
  for (const auto& d : request.deletions) {
    if (verdicts[d.name].error != ErrorCode::kNone) continue;
    std::string mechanism(scram_mechanism_name(d.mechanism));
    if (d.name.empty()) {
      set_once(d.name, {ErrorCode::kUnacceptableCredential, "Username must not be empty"});
    } else if (mechanism.empty()) {
      set_once(d.name, {ErrorCode::kUnsupportedSaslMechanism, "Unknown SCRAM mechanism"});
    } else if (!controller.delete_record(sdk::scram::kRecordNamespace,
                                         sdk::scram::record_key(mechanism, d.name))) {
      set_once(d.name, {ErrorCode::kResourceNotFound,
                        "Attempt to delete a user credential that does not exist"});
    }
  }
  for (const auto& u : request.upsertions) {
    if (verdicts[u.name].error != ErrorCode::kNone) continue;
    Verdict verdict = check_upsertion(u);
    if (verdict.error == ErrorCode::kNone) {
      std::string mechanism(scram_mechanism_name(u.mechanism));
      const EVP_MD* md = sdk::scram::digest_of(mechanism);
      auto credential = sdk::scram::derive_credential(
          md, std::string_view(reinterpret_cast<const char*>(u.salted_password.data()), u.salted_password.size()),
          std::string_view(reinterpret_cast<const char*>(u.salt.data()), u.salt.size()), u.iterations);
      controller.put_record(sdk::scram::kRecordNamespace, sdk::scram::record_key(mechanism, u.name),
                            sdk::scram::encode(credential));
      ctx.broker.logger.info("SCRAM credential " + mechanism + " for user '" + u.name +
                             "' set by " + ctx.connection->identity.principal.to_string());
    }
    set_once(u.name, std::move(verdict));
  }
  for (auto& [user, verdict] : verdicts) {
    Response::AlterUserScramCredentialsResult result;
    result.user = user;
    result.error_code = sdk::to_wire(verdict.error);
    if (verdict.error == ErrorCode::kNone) {
      result.error_message.reset();
    } else {
      result.error_message = verdict.message;
    }
    response.results.push_back(std::move(result));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
