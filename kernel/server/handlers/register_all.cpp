// The handler table: every implemented API with the versions Skiff serves. Floors
// follow Kafka 4.x (KIP-896); ceilings are the newest versions the schemas define.
#include "kernel/protocol/generated/api_versions_request.h"
#include "kernel/protocol/generated/api_versions_response.h"
#include "kernel/protocol/generated/metadata_request.h"
#include "kernel/protocol/generated/metadata_response.h"
#include "kernel/protocol/generated/produce_request.h"
#include "kernel/protocol/generated/produce_response.h"
#include "kernel/protocol/generated/fetch_request.h"
#include "kernel/protocol/generated/fetch_response.h"
#include "kernel/protocol/generated/list_offsets_request.h"
#include "kernel/protocol/generated/list_offsets_response.h"
#include "kernel/protocol/generated/offset_for_leader_epoch_request.h"
#include "kernel/protocol/generated/offset_for_leader_epoch_response.h"
#include "kernel/protocol/generated/init_producer_id_request.h"
#include "kernel/protocol/generated/init_producer_id_response.h"
#include "kernel/protocol/generated/create_topics_request.h"
#include "kernel/protocol/generated/create_topics_response.h"
#include "kernel/protocol/generated/delete_topics_request.h"
#include "kernel/protocol/generated/delete_topics_response.h"
#include "kernel/protocol/generated/create_partitions_request.h"
#include "kernel/protocol/generated/create_partitions_response.h"
#include "kernel/protocol/generated/describe_configs_request.h"
#include "kernel/protocol/generated/describe_configs_response.h"
#include "kernel/protocol/generated/alter_configs_request.h"
#include "kernel/protocol/generated/alter_configs_response.h"
#include "kernel/protocol/generated/incremental_alter_configs_request.h"
#include "kernel/protocol/generated/incremental_alter_configs_response.h"
#include "kernel/protocol/generated/delete_records_request.h"
#include "kernel/protocol/generated/delete_records_response.h"
#include "kernel/protocol/generated/describe_cluster_request.h"
#include "kernel/protocol/generated/describe_cluster_response.h"
#include "kernel/protocol/generated/describe_log_dirs_request.h"
#include "kernel/protocol/generated/describe_log_dirs_response.h"
#include "kernel/protocol/generated/find_coordinator_request.h"
#include "kernel/protocol/generated/find_coordinator_response.h"
#include "kernel/protocol/generated/join_group_request.h"
#include "kernel/protocol/generated/join_group_response.h"
#include "kernel/protocol/generated/sync_group_request.h"
#include "kernel/protocol/generated/sync_group_response.h"
#include "kernel/protocol/generated/heartbeat_request.h"
#include "kernel/protocol/generated/heartbeat_response.h"
#include "kernel/protocol/generated/leave_group_request.h"
#include "kernel/protocol/generated/leave_group_response.h"
#include "kernel/protocol/generated/offset_commit_request.h"
#include "kernel/protocol/generated/offset_commit_response.h"
#include "kernel/protocol/generated/offset_fetch_request.h"
#include "kernel/protocol/generated/offset_fetch_response.h"
#include "kernel/protocol/generated/list_groups_request.h"
#include "kernel/protocol/generated/list_groups_response.h"
#include "kernel/protocol/generated/describe_groups_request.h"
#include "kernel/protocol/generated/describe_groups_response.h"
#include "kernel/protocol/generated/delete_groups_request.h"
#include "kernel/protocol/generated/delete_groups_response.h"
#include "kernel/protocol/generated/offset_delete_request.h"
#include "kernel/protocol/generated/offset_delete_response.h"
#include "kernel/server/handler_table.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/handlers/security_handlers.h"

namespace skiff::kernel::server {

namespace p = skiff::protocol;

void register_all_handlers(HandlerTable& table) {
  using Thread = HandlerTable::Thread;
  table.add<p::ApiVersionsRequest, p::ApiVersionsResponse>(0, 4, handle_api_versions,
                                                           Thread::kNetwork);
  table.add<p::MetadataRequest, p::MetadataResponse>(0, 12, handle_metadata);
  // Produce hands its fsyncs (flush policies) to the I/O threads itself.
  table.add<p::ProduceRequest, p::ProduceResponse>(3, 11, handle_produce, Thread::kNetwork);
  table.advertise_from(p::ProduceRequest::kApiKey, 0);
  table.add<p::FetchRequest, p::FetchResponse>(4, 16, handle_fetch, Thread::kNetwork);
  table.add<p::ListOffsetsRequest, p::ListOffsetsResponse>(1, 9, handle_list_offsets);
  table.add<p::OffsetForLeaderEpochRequest, p::OffsetForLeaderEpochResponse>(
      2, 4, handle_offset_for_leader_epoch);
  table.add<p::InitProducerIdRequest, p::InitProducerIdResponse>(0, 5, handle_init_producer_id);
  table.add<p::CreateTopicsRequest, p::CreateTopicsResponse>(2, 7, handle_create_topics);
  table.add<p::DeleteTopicsRequest, p::DeleteTopicsResponse>(1, 6, handle_delete_topics);
  table.add<p::CreatePartitionsRequest, p::CreatePartitionsResponse>(0, 3, handle_create_partitions);
  table.add<p::DescribeConfigsRequest, p::DescribeConfigsResponse>(1, 4, handle_describe_configs);
  table.add<p::AlterConfigsRequest, p::AlterConfigsResponse>(0, 2, handle_alter_configs);
  table.add<p::IncrementalAlterConfigsRequest, p::IncrementalAlterConfigsResponse>(
      0, 1, handle_incremental_alter_configs);
  table.add<p::DeleteRecordsRequest, p::DeleteRecordsResponse>(0, 2, handle_delete_records);
  table.add<p::DescribeClusterRequest, p::DescribeClusterResponse>(0, 1, handle_describe_cluster);
  table.add<p::DescribeLogDirsRequest, p::DescribeLogDirsResponse>(1, 4, handle_describe_log_dirs);
  table.add<p::FindCoordinatorRequest, p::FindCoordinatorResponse>(0, 6, handle_find_coordinator);
  table.add<p::JoinGroupRequest, p::JoinGroupResponse>(2, 9, handle_join_group);
  table.add<p::SyncGroupRequest, p::SyncGroupResponse>(0, 5, handle_sync_group);
  table.add<p::HeartbeatRequest, p::HeartbeatResponse>(0, 4, handle_heartbeat);
  table.add<p::LeaveGroupRequest, p::LeaveGroupResponse>(0, 5, handle_leave_group);
  table.add<p::OffsetCommitRequest, p::OffsetCommitResponse>(2, 9, handle_offset_commit);
  table.add<p::OffsetFetchRequest, p::OffsetFetchResponse>(1, 9, handle_offset_fetch);
  table.add<p::ListGroupsRequest, p::ListGroupsResponse>(0, 5, handle_list_groups);
  table.add<p::DescribeGroupsRequest, p::DescribeGroupsResponse>(0, 5, handle_describe_groups);
  table.add<p::DeleteGroupsRequest, p::DeleteGroupsResponse>(0, 2, handle_delete_groups);
  table.add<p::OffsetDeleteRequest, p::OffsetDeleteResponse>(0, 0, handle_offset_delete);
  register_security_handlers(table);
}

}  // namespace skiff::kernel::server
