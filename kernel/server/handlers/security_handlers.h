// Declarations of the security handlers (SaslHandshake, SaslAuthenticate,
// AlterUserScramCredentials, DescribeUserScramCredentials, CreateAcls,
// DescribeAcls, DeleteAcls), each defined in its own file in this folder, and
// their registration, called from register_all.cpp.
#pragma once

#include "kernel/server/handler_table.h"
#include "kernel/server/request_context.h"
#include "kernel/server/responder.h"

namespace skiff::protocol {
struct SaslHandshakeRequest; struct SaslHandshakeResponse;
struct SaslAuthenticateRequest; struct SaslAuthenticateResponse;
struct AlterUserScramCredentialsRequest; struct AlterUserScramCredentialsResponse;
struct DescribeUserScramCredentialsRequest; struct DescribeUserScramCredentialsResponse;
struct CreateAclsRequest; struct CreateAclsResponse;
struct DescribeAclsRequest; struct DescribeAclsResponse;
struct DeleteAclsRequest; struct DeleteAclsResponse;
}  // namespace skiff::protocol

namespace skiff::kernel::server {

void handle_sasl_handshake(RequestContext&, protocol::SaslHandshakeRequest&,
                           Responder<protocol::SaslHandshakeResponse>);
void handle_sasl_authenticate(RequestContext&, protocol::SaslAuthenticateRequest&,
                              Responder<protocol::SaslAuthenticateResponse>);
void handle_alter_user_scram_credentials(RequestContext&,
                                         protocol::AlterUserScramCredentialsRequest&,
                                         Responder<protocol::AlterUserScramCredentialsResponse>);
void handle_describe_user_scram_credentials(
    RequestContext&, protocol::DescribeUserScramCredentialsRequest&,
    Responder<protocol::DescribeUserScramCredentialsResponse>);

void handle_create_acls(RequestContext&, protocol::CreateAclsRequest&,
                        Responder<protocol::CreateAclsResponse>);
void handle_describe_acls(RequestContext&, protocol::DescribeAclsRequest&,
                          Responder<protocol::DescribeAclsResponse>);
void handle_delete_acls(RequestContext&, protocol::DeleteAclsRequest&,
                        Responder<protocol::DeleteAclsResponse>);

void register_security_handlers(HandlerTable& table);

}  // namespace skiff::kernel::server
