// Registers the security handlers; versions as Kafka 4.x serves them.
#include "kernel/protocol/generated/alter_user_scram_credentials_request.h"
#include "kernel/protocol/generated/alter_user_scram_credentials_response.h"
#include "kernel/protocol/generated/create_acls_request.h"
#include "kernel/protocol/generated/create_acls_response.h"
#include "kernel/protocol/generated/delete_acls_request.h"
#include "kernel/protocol/generated/delete_acls_response.h"
#include "kernel/protocol/generated/describe_acls_request.h"
#include "kernel/protocol/generated/describe_acls_response.h"
#include "kernel/protocol/generated/describe_user_scram_credentials_request.h"
#include "kernel/protocol/generated/describe_user_scram_credentials_response.h"
#include "kernel/protocol/generated/sasl_authenticate_request.h"
#include "kernel/protocol/generated/sasl_authenticate_response.h"
#include "kernel/protocol/generated/sasl_handshake_request.h"
#include "kernel/protocol/generated/sasl_handshake_response.h"
#include "kernel/server/handlers/security_handlers.h"

namespace skiff::kernel::server {

void register_security_handlers(HandlerTable& table) {
  namespace p = protocol;
  table.add<p::SaslHandshakeRequest, p::SaslHandshakeResponse>(0, 1, handle_sasl_handshake);
  table.add<p::SaslAuthenticateRequest, p::SaslAuthenticateResponse>(0, 2,
                                                                     handle_sasl_authenticate);
  table.add<p::AlterUserScramCredentialsRequest, p::AlterUserScramCredentialsResponse>(
      0, 0, handle_alter_user_scram_credentials);
  table.add<p::DescribeUserScramCredentialsRequest, p::DescribeUserScramCredentialsResponse>(
      0, 0, handle_describe_user_scram_credentials);
  // KIP-896 removed v0 of the ACL APIs in Kafka 4.0.
  table.add<p::DescribeAclsRequest, p::DescribeAclsResponse>(1, 3, handle_describe_acls);
  table.add<p::CreateAclsRequest, p::CreateAclsResponse>(1, 3, handle_create_acls);
  table.add<p::DeleteAclsRequest, p::DeleteAclsResponse>(1, 3, handle_delete_acls);
}

}  // namespace skiff::kernel::server
