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
#include "kernel/server/handler_table.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/handlers/security_handlers.h"

namespace skiff::kernel::server {

namespace p = skiff::protocol;

void register_all_handlers(HandlerTable& table) {
  table.add<p::ApiVersionsRequest, p::ApiVersionsResponse>(0, 4, handle_api_versions);
  table.add<p::MetadataRequest, p::MetadataResponse>(0, 12, handle_metadata);
  table.add<p::ProduceRequest, p::ProduceResponse>(3, 11, handle_produce);
  table.add<p::FetchRequest, p::FetchResponse>(4, 16, handle_fetch);
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
  register_security_handlers(table);
}

}  // namespace skiff::kernel::server
  table.advertise_from(p::ProduceRequest::kApiKey, 0);
