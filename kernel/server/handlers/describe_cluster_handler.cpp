// DescribeCluster (key 60): the brokers (at the listener the client connected
// through), the cluster id, the active controller and, when asked, the operations
// the client may perform on the cluster.
#include "kernel/protocol/generated/describe_cluster_request.h"
#include "kernel/protocol/generated/describe_cluster_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::DescribeClusterRequest;
using protocol::DescribeClusterResponse;

constexpr int8_t kBrokerEndpoints = 1;
constexpr int8_t kControllerEndpoints = 2;

}  // namespace

void handle_describe_cluster(RequestContext& ctx, DescribeClusterRequest& request,
                             Responder<DescribeClusterResponse> respond) {
  BrokerServices& broker = ctx.broker;
  DescribeClusterResponse response;
  response.endpoint_type = request.endpoint_type;
  if (request.endpoint_type != kBrokerEndpoints) {
    if (request.endpoint_type == kControllerEndpoints) {
      response.error_code = sdk::to_wire(sdk::ErrorCode::kMismatchedEndpointType);
      response.error_message =
          "The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type "
          "CONTROLLER";
    } else {
      response.error_code = sdk::to_wire(sdk::ErrorCode::kUnsupportedEndpointType);
      response.error_message =
          "Unsupported endpoint type " + std::to_string(request.endpoint_type);
    }
    respond.send(response);
    return;
  }
  response.cluster_id = broker.controller.cluster_id();
  response.controller_id = broker.controller.active_controller_id();
  for (const auto& b : broker.controller.brokers()) {
    for (const auto& endpoint : b.endpoints) {
      if (endpoint.listener != ctx.connection->identity.listener) continue;
      DescribeClusterResponse::DescribeClusterBroker out;
      out.broker_id = b.node_id;
      out.host = endpoint.host;
      out.port = endpoint.port;
      if (!b.rack.empty()) out.rack = b.rack;
      response.brokers.push_back(std::move(out));
    }
  }
  response.cluster_authorized_operations = request.include_cluster_authorized_operations
                                               ? authorized_operations(ctx, sdk::ResourceType::kCluster,
                                                                       sdk::kClusterResourceName)
                                               : kAuthorizedOperationsOmitted;
  respond.send(response);
}

}  // namespace skiff::kernel::server
