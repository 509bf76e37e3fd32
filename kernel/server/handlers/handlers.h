// Declarations of every request handler, one per Kafka API, each defined in its own
// file in this folder and registered in register_all.cpp.
#pragma once

#include "kernel/server/request_context.h"
#include "kernel/server/responder.h"

namespace skiff::protocol {
struct ApiVersionsRequest; struct ApiVersionsResponse;
struct MetadataRequest; struct MetadataResponse;
struct ProduceRequest; struct ProduceResponse;
struct FetchRequest; struct FetchResponse;
struct ListOffsetsRequest; struct ListOffsetsResponse;
struct OffsetForLeaderEpochRequest; struct OffsetForLeaderEpochResponse;
struct InitProducerIdRequest; struct InitProducerIdResponse;
struct CreateTopicsRequest; struct CreateTopicsResponse;
struct DeleteTopicsRequest; struct DeleteTopicsResponse;
struct CreatePartitionsRequest; struct CreatePartitionsResponse;
struct DescribeConfigsRequest; struct DescribeConfigsResponse;
struct AlterConfigsRequest; struct AlterConfigsResponse;
struct IncrementalAlterConfigsRequest; struct IncrementalAlterConfigsResponse;
struct DeleteRecordsRequest; struct DeleteRecordsResponse;
struct DescribeClusterRequest; struct DescribeClusterResponse;
struct DescribeLogDirsRequest; struct DescribeLogDirsResponse;
struct FindCoordinatorRequest; struct FindCoordinatorResponse;
struct JoinGroupRequest; struct JoinGroupResponse;
struct SyncGroupRequest; struct SyncGroupResponse;
struct HeartbeatRequest; struct HeartbeatResponse;
struct LeaveGroupRequest; struct LeaveGroupResponse;
struct OffsetCommitRequest; struct OffsetCommitResponse;
struct OffsetFetchRequest; struct OffsetFetchResponse;
struct ListGroupsRequest; struct ListGroupsResponse;
struct DescribeGroupsRequest; struct DescribeGroupsResponse;
struct DeleteGroupsRequest; struct DeleteGroupsResponse;
struct OffsetDeleteRequest; struct OffsetDeleteResponse;
}  // namespace skiff::protocol

namespace skiff::kernel::server {

void handle_api_versions(RequestContext&, protocol::ApiVersionsRequest&,
                         Responder<protocol::ApiVersionsResponse>);
void handle_metadata(RequestContext&, protocol::MetadataRequest&,
                     Responder<protocol::MetadataResponse>);
void handle_produce(RequestContext&, protocol::ProduceRequest&,
                    Responder<protocol::ProduceResponse>);
void handle_fetch(RequestContext&, protocol::FetchRequest&, Responder<protocol::FetchResponse>);
void handle_list_offsets(RequestContext&, protocol::ListOffsetsRequest&,
                         Responder<protocol::ListOffsetsResponse>);
void handle_offset_for_leader_epoch(RequestContext&, protocol::OffsetForLeaderEpochRequest&,
                                    Responder<protocol::OffsetForLeaderEpochResponse>);
void handle_init_producer_id(RequestContext&, protocol::InitProducerIdRequest&,
                             Responder<protocol::InitProducerIdResponse>);
void handle_create_topics(RequestContext&, protocol::CreateTopicsRequest&,
                          Responder<protocol::CreateTopicsResponse>);
void handle_delete_topics(RequestContext&, protocol::DeleteTopicsRequest&,
                          Responder<protocol::DeleteTopicsResponse>);
void handle_create_partitions(RequestContext&, protocol::CreatePartitionsRequest&,
                              Responder<protocol::CreatePartitionsResponse>);
void handle_describe_configs(RequestContext&, protocol::DescribeConfigsRequest&,
                             Responder<protocol::DescribeConfigsResponse>);
void handle_alter_configs(RequestContext&, protocol::AlterConfigsRequest&,
                          Responder<protocol::AlterConfigsResponse>);
void handle_incremental_alter_configs(RequestContext&, protocol::IncrementalAlterConfigsRequest&,
                                      Responder<protocol::IncrementalAlterConfigsResponse>);
void handle_delete_records(RequestContext&, protocol::DeleteRecordsRequest&,
                           Responder<protocol::DeleteRecordsResponse>);
void handle_describe_cluster(RequestContext&, protocol::DescribeClusterRequest&,
                             Responder<protocol::DescribeClusterResponse>);
void handle_describe_log_dirs(RequestContext&, protocol::DescribeLogDirsRequest&,
                              Responder<protocol::DescribeLogDirsResponse>);

void handle_find_coordinator(RequestContext&, protocol::FindCoordinatorRequest&,
                             Responder<protocol::FindCoordinatorResponse>);
void handle_join_group(RequestContext&, protocol::JoinGroupRequest&,
                       Responder<protocol::JoinGroupResponse>);
void handle_sync_group(RequestContext&, protocol::SyncGroupRequest&,
                       Responder<protocol::SyncGroupResponse>);
void handle_heartbeat(RequestContext&, protocol::HeartbeatRequest&,
                      Responder<protocol::HeartbeatResponse>);
void handle_leave_group(RequestContext&, protocol::LeaveGroupRequest&,
                        Responder<protocol::LeaveGroupResponse>);
void handle_offset_commit(RequestContext&, protocol::OffsetCommitRequest&,
                          Responder<protocol::OffsetCommitResponse>);
void handle_offset_fetch(RequestContext&, protocol::OffsetFetchRequest&,
                         Responder<protocol::OffsetFetchResponse>);
void handle_list_groups(RequestContext&, protocol::ListGroupsRequest&,
                        Responder<protocol::ListGroupsResponse>);
void handle_describe_groups(RequestContext&, protocol::DescribeGroupsRequest&,
                            Responder<protocol::DescribeGroupsResponse>);
void handle_delete_groups(RequestContext&, protocol::DeleteGroupsRequest&,
                          Responder<protocol::DeleteGroupsResponse>);
void handle_offset_delete(RequestContext&, protocol::OffsetDeleteRequest&,
                          Responder<protocol::OffsetDeleteResponse>);

}  // namespace skiff::kernel::server
