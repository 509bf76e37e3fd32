// DescribeLogDirs (key 35): the storage engine's log directories with the size and
// lag of each partition in them (all, or only the requested ones) and, v4+, the
// volume's total and usable bytes. Needs DESCRIBE on the cluster.
#include <map>
#include <set>

#include "kernel/protocol/generated/describe_log_dirs_request.h"
#include "kernel/protocol/generated/describe_log_dirs_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

using protocol::DescribeLogDirsRequest;
using protocol::DescribeLogDirsResponse;

void handle_describe_log_dirs(RequestContext& ctx, DescribeLogDirsRequest& request,
                              Responder<DescribeLogDirsResponse> respond) {
  DescribeLogDirsResponse response;
  if (!authorized_on_cluster(ctx, sdk::AclOperation::kDescribe)) {
    // v3+ carry the error; older versions answer with no directories, as Kafka.
    response.error_code = sdk::to_wire(sdk::ErrorCode::kClusterAuthorizationFailed);
    respond.send(response);
    return;
  }
  std::optional<std::set<sdk::TopicPartition>> wanted;
  if (request.topics) {
    wanted.emplace();
    for (const auto& t : *request.topics) {
      for (int32_t p : t.partitions) wanted->insert({t.topic, p});
    }
  }
  std::vector<sdk::LogDir> dirs;
  try {
    dirs = ctx.broker.storage.describe_log_dirs();
  } catch (const std::exception& e) {
    ctx.broker.logger.warn(std::string("DescribeLogDirs failed: ") + e.what());
    response.error_code = sdk::to_wire(sdk::ErrorCode::kKafkaStorageError);
    respond.send(response);
    return;
  }
  for (const auto& dir : dirs) {
    DescribeLogDirsResponse::DescribeLogDirsResult result;
    result.error_code = sdk::to_wire(dir.error);
    result.log_dir = dir.path;
    result.total_bytes = static_cast<int64_t>(dir.total_bytes);
    result.usable_bytes = static_cast<int64_t>(dir.usable_bytes);
    std::map<std::string, std::vector<DescribeLogDirsResponse::DescribeLogDirsPartition>> by_topic;
    for (const auto& p : dir.partitions) {
      if (wanted && !wanted->contains(p.partition)) continue;
      DescribeLogDirsResponse::DescribeLogDirsPartition out;
      out.partition_index = p.partition.partition;
      out.partition_size = static_cast<int64_t>(p.size_bytes);
      out.offset_lag = p.offset_lag;
      out.is_future_key = false;
      by_topic[p.partition.topic].push_back(out);
    }
    for (auto& [name, partitions] : by_topic) {
      DescribeLogDirsResponse::DescribeLogDirsTopic topic;
      topic.name = name;
      topic.partitions = std::move(partitions);
      result.topics.push_back(std::move(topic));
    }
    response.results.push_back(std::move(result));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
