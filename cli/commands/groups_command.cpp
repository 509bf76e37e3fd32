// `skiff groups`: list, describe, delete consumer groups and reset or delete their
// committed offsets, in the vocabulary and output format of kafka-consumer-groups.sh.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "commands/commands.h"
#include "common/admin_client.h"
#include "common/client_config.h"
#include "common/cluster_metadata.h"
#include "common/errors.h"

namespace skiff::cli {

namespace {

using TopicPartition = std::pair<std::string, int32_t>;

struct Member {
  std::string consumer_id, host, client_id;
  std::vector<TopicPartition> partitions;
};

struct GroupInfo {
  std::string state, assignor;
  std::vector<Member> members;
};

std::string error_text(const rd_kafka_error_t* error) {
  const char* s = rd_kafka_error_string(error);
  return s && *s ? s : rd_kafka_err2str(rd_kafka_error_code(error));
}

std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size() + 1, ' ');
}

void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += i + 1 == row.size() ? row[i] : pad(row[i], widths[i]);
    std::cout << line << "\n";
  }
}

// A group result's group-level error or first partition error, as a CommandError.
void check_group_result(const rd_kafka_group_result_t* result, const std::string& what) {
  if (const auto* error = rd_kafka_group_result_error(result)) {
    throw CommandError(what + " for group '" + rd_kafka_group_result_name(result) + "': " + error_text(error));
  }
  if (const auto* parts = rd_kafka_group_result_partitions(result)) {
    for (int i = 0; i < parts->cnt; ++i) {
      if (parts->elems[i].err) {
        throw CommandError(what + " for " + parts->elems[i].topic + "-" +
                           std::to_string(parts->elems[i].partition) + ": " +
                           rd_kafka_err2str(parts->elems[i].err));
      }
    }
  }
}

GroupInfo describe_group(AdminClient& admin, const std::string& group) {
  const char* groups[] = {group.c_str()};
  auto event = admin.run(RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, "describing group",
                         [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                           rd_kafka_DescribeConsumerGroups(rk, groups, 1, o, q);
                         });
  size_t count = 0;
  const auto* descs = rd_kafka_DescribeConsumerGroups_result_groups(
      rd_kafka_event_DescribeConsumerGroups_result(event.get()), &count);
  if (count != 1) throw CommandError("describing group '" + group + "': no result");
  const auto* desc = descs[0];
  if (const auto* error = rd_kafka_ConsumerGroupDescription_error(desc)) {
    throw CommandError("describing group '" + group + "': " + error_text(error));
  }
  GroupInfo info;
  info.state = rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(desc));
  const char* assignor = rd_kafka_ConsumerGroupDescription_partition_assignor(desc);
  info.assignor = assignor ? assignor : "";
  for (size_t i = 0; i < rd_kafka_ConsumerGroupDescription_member_count(desc); ++i) {
    const auto* m = rd_kafka_ConsumerGroupDescription_member(desc, i);
    Member member{rd_kafka_MemberDescription_consumer_id(m), rd_kafka_MemberDescription_host(m),
                  rd_kafka_MemberDescription_client_id(m), {}};
    if (const auto* a = rd_kafka_MemberDescription_assignment(m)) {
      if (const auto* parts = rd_kafka_MemberAssignment_partitions(a)) {
        for (int p = 0; p < parts->cnt; ++p) {
          member.partitions.emplace_back(parts->elems[p].topic, parts->elems[p].partition);
        }
      }
    }
    std::sort(member.partitions.begin(), member.partitions.end());
    info.members.push_back(std::move(member));
  }
  return info;
}

// Committed offsets of every partition the group has committed (absent: none).
std::map<TopicPartition, int64_t> committed_offsets(AdminClient& admin, const std::string& group) {
  ListConsumerGroupOffsetsPtr request(
      rd_kafka_ListConsumerGroupOffsets_new(group.c_str(), nullptr));
  rd_kafka_ListConsumerGroupOffsets_t* requests[] = {request.get()};
  auto event = admin.run(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, "listing committed offsets",
                         [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                           rd_kafka_ListConsumerGroupOffsets(rk, requests, 1, o, q);
                         });
  size_t count = 0;
  const auto* results = rd_kafka_ListConsumerGroupOffsets_result_groups(
      rd_kafka_event_ListConsumerGroupOffsets_result(event.get()), &count);
  std::map<TopicPartition, int64_t> offsets;
  for (size_t i = 0; i < count; ++i) {
    if (const auto* error = rd_kafka_group_result_error(results[i])) {
      throw CommandError("listing committed offsets of group '" + group + "': " + error_text(error));
    }
    const auto* parts = rd_kafka_group_result_partitions(results[i]);
    for (int p = 0; parts && p < parts->cnt; ++p) {
      const auto& e = parts->elems[p];
      if (e.err == RD_KAFKA_RESP_ERR_NO_ERROR && e.offset >= 0) offsets[{e.topic, e.partition}] = e.offset;
    }
  }
  return offsets;
}

// ListOffsets' special timestamps.
constexpr int64_t kLatest = -1;
constexpr int64_t kEarliest = -2;

// Every partition's offset at `timestamp` (kLatest, kEarliest), in one ListOffsets
// exchange per broker rather than one round trip per partition.
std::map<TopicPartition, int64_t> offsets_at(AdminClient& admin,
                                             const std::vector<TopicPartition>& partitions,
                                             int64_t timestamp) {
  std::map<TopicPartition, int64_t> out;
  if (partitions.empty()) return out;
  TopicPartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
  for (const auto& [topic, partition] : partitions) {
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition)->offset = timestamp;
  }
  auto err = rd_kafka_offsets_for_times(admin.handle(), list.get(), AdminClient::kTimeoutMs);
  for (int i = 0; i < list->cnt; ++i) {
    const auto& e = list->elems[i];
    if (err || e.err) {
      throw CommandError("cannot read the offsets of " + std::string(e.topic) + "-" +
                         std::to_string(e.partition) + ": " + rd_kafka_err2str(err ? err : e.err));
    }
    out[{e.topic, e.partition}] = e.offset;
  }
  return out;
}

int64_t parse_integer(const std::string& option, const std::string& text) {
  try {
    size_t used = 0;
    int64_t v = std::stoll(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw UsageError("--" + option + " needs an integer, not '" + text + "'");
}

// ISO-8601 'YYYY-MM-DDTHH:MM:SS[.mmm]' (UTC, optional trailing Z) -> epoch milliseconds.
int64_t parse_datetime(const std::string& text) {
  int y, mo, d, h, mi, s, ms = 0, n = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6) {
    throw UsageError("--to-datetime needs YYYY-MM-DDTHH:mm:SS[.sss][Z], not '" + text + "'");
  }
  std::string rest = text.substr(n);
  if (!rest.empty() && rest[0] == '.') {
    int used = 0;
    if (std::sscanf(rest.c_str(), ".%3d%n", &ms, &used) != 1) throw UsageError("bad --to-datetime '" + text + "'");
    rest = rest.substr(used);
  }
  if (!rest.empty() && rest != "Z") throw UsageError("--to-datetime is UTC: end it with Z or nothing");
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + ms;
}

class GroupsCommand : public Command {
 public:
  std::string_view name() const override { return "groups"; }
  std::string_view summary() const override {
    return "List, describe and delete consumer groups; reset or delete their offsets";
  }
  std::string_view synopsis() const override {
    return "--bootstrap-server HOST:PORT (--list | --describe | --delete | --reset-offsets | "
           "--delete-offsets) [--group G] [options]";
  }

  void declare_options(OptionTable& options) const override {
    declare_connection_options(options);
    options.flag("list", "List all consumer groups");
    options.flag("describe", "Describe a group: offsets and lag (or --members, --state)");
    options.flag("delete", "Delete a group (it must have no members)");
    options.flag("reset-offsets", "Reset the committed offsets of an inactive group");
    options.flag("delete-offsets", "Delete the committed offsets of a group for a topic");
    options.value("group", "GROUP", "The group to act on");
    options.value("topic", "T[:P,...]", "The topic (and optionally partitions) for offset changes");
    options.flag("members", "With --describe: list the members");
    options.flag("state", "With --describe: show the group's state");
    options.flag("to-earliest", "Reset to the earliest offset");
    options.flag("to-latest", "Reset to the log end offset");
    options.value("to-datetime", "ISO", "Reset to the first offset at or after this UTC time");
    options.value("to-offset", "N", "Reset to offset N");
    options.value("shift-by", "N", "Move the committed offset by N (may be negative)");
    options.flag("dry-run", "Only print the new offsets (the default)");
    options.flag("execute", "Commit the new offsets");
  }

  int run(const ParsedArgs& args) override {
    auto action = args.exactly_one_of({"list", "describe", "delete", "reset-offsets", "delete-offsets"});
    if (action != "list" && !args.has("group")) throw UsageError("--" + action + " needs --group");
    if (action != "describe" && (args.has("members") || args.has("state"))) {
      throw UsageError("--members and --state go with --describe");
    }
    args.forbid_together("members", {"state"});
    args.forbid_together("dry-run", {"execute"});
    AdminClient admin(args);
    if (action == "list") return list(admin);
    std::string group = args.required("group");
    if (action == "describe") return describe(admin, group, args);
    if (action == "delete") return delete_group(admin, group);
    if (action == "delete-offsets") return delete_offsets(admin, group, args);
    return reset_offsets(admin, group, args);
  }

 private:
  static int list(AdminClient& admin) {
    auto event = admin.run(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, "listing groups",
                           [](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                             rd_kafka_ListConsumerGroups(rk, o, q);
                           });
    const auto* result = rd_kafka_event_ListConsumerGroups_result(event.get());
    size_t count = 0, errors = 0;
    const auto* errs = rd_kafka_ListConsumerGroups_result_errors(result, &errors);
    if (errors) throw CommandError("listing groups: " + error_text(errs[0]));
    const auto* listings = rd_kafka_ListConsumerGroups_result_valid(result, &count);
    std::vector<std::string> names;
    for (size_t i = 0; i < count; ++i) names.emplace_back(rd_kafka_ConsumerGroupListing_group_id(listings[i]));
    std::sort(names.begin(), names.end());
    for (const auto& n : names) std::cout << n << "\n";
    return kExitOk;
  }

  static int describe(AdminClient& admin, const std::string& group, const ParsedArgs& args) {
    auto info = describe_group(admin, group);
    if (args.has("state")) {
      print_table({{"GROUP", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"},
                   {group, info.assignor.empty() ? "-" : info.assignor, info.state,
                    std::to_string(info.members.size())}});
      return kExitOk;
    }
    if (args.has("members")) {
      std::vector<std::vector<std::string>> rows{{"GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT"}};
      for (const auto& m : info.members) {
        std::string assignment;
        for (const auto& tp : m.partitions) {
          assignment += (assignment.empty() ? "" : ",") + tp.first + ":" + std::to_string(tp.second);
        }
        rows.push_back({group, m.consumer_id, m.host, m.client_id, std::to_string(m.partitions.size()),
                        assignment.empty() ? "-" : assignment});
      }
      print_table(rows);
      return kExitOk;
    }
    auto committed = committed_offsets(admin, group);
    std::map<TopicPartition, const Member*> owner;
    for (const auto& m : info.members) {
      for (const auto& tp : m.partitions) owner[tp] = &m;
    }
    std::map<TopicPartition, bool> partitions;
    for (const auto& [tp, offset] : committed) partitions[tp] = true;
    for (const auto& [tp, m] : owner) partitions[tp] = true;
    std::cout << "Consumer group '" << group << "' (state " << info.state
              << (info.assignor.empty() ? "" : ", protocol " + info.assignor) << ", "
              << info.members.size() << " member" << (info.members.size() == 1 ? "" : "s") << ")\n\n";
    std::vector<std::vector<std::string>> rows{
        {"GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"}};
    std::vector<TopicPartition> listed;
    for (const auto& [tp, unused] : partitions) listed.push_back(tp);
    const auto ends = offsets_at(admin, listed, kLatest);
    for (const auto& tp : listed) {
      int64_t end = ends.at(tp);
      auto c = committed.find(tp);
      auto o = owner.find(tp);
      const Member* m = o == owner.end() ? nullptr : o->second;
      rows.push_back({group, tp.first, std::to_string(tp.second),
                      c == committed.end() ? "-" : std::to_string(c->second), std::to_string(end),
                      c == committed.end() ? "-" : std::to_string(std::max<int64_t>(0, end - c->second)),
                      m ? m->consumer_id : "-", m ? m->host : "-", m ? m->client_id : "-"});
    }
    print_table(rows);
    return kExitOk;
  }

  static int delete_group(AdminClient& admin, const std::string& group) {
    DeleteGroupPtr request(rd_kafka_DeleteGroup_new(group.c_str()));
    rd_kafka_DeleteGroup_t* requests[] = {request.get()};
    auto event = admin.run(RD_KAFKA_ADMIN_OP_DELETEGROUPS, "deleting group",
                           [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                             rd_kafka_DeleteGroups(rk, requests, 1, o, q);
                           });
    size_t count = 0;
    const auto* results = rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(event.get()), &count);
    for (size_t i = 0; i < count; ++i) check_group_result(results[i], "deleting");
    std::cout << "Deletion of requested consumer groups ('" << group << "') was successful.\n";
    return kExitOk;
  }

  // The partitions named by --topic T[:P,P,...] (all of T's partitions without a list).
  static TopicPartitionListPtr topic_partitions(AdminClient& admin, const ParsedArgs& args) {
    std::string spec = args.required("topic");
    auto colon = spec.find(':');
    std::string topic = spec.substr(0, colon);
    auto topics = fetch_topics(admin.handle(), AdminClient::kTimeoutMs);
    const auto& meta = require_topic(topics, topic);
    TopicPartitionListPtr list(rd_kafka_topic_partition_list_new(1));
    if (colon == std::string::npos) {
      for (const auto& p : meta.partitions) rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p.id);
      return list;
    }
    std::string rest = spec.substr(colon + 1);
    size_t start = 0;
    while (start <= rest.size()) {
      auto comma = rest.find(',', start);
      std::string item = rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      auto id = parse_integer("topic", item);
      if (std::none_of(meta.partitions.begin(), meta.partitions.end(), [&](const auto& p) { return p.id == id; })) {
        throw CommandError("topic '" + topic + "' has no partition " + item);
      }
      rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), static_cast<int32_t>(id));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return list;
  }

  static int delete_offsets(AdminClient& admin, const std::string& group, const ParsedArgs& args) {
    auto partitions = topic_partitions(admin, args);
    DeleteConsumerGroupOffsetsPtr request(
        rd_kafka_DeleteConsumerGroupOffsets_new(group.c_str(), partitions.get()));
    rd_kafka_DeleteConsumerGroupOffsets_t* requests[] = {request.get()};
    auto event = admin.run(RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS, "deleting offsets",
                           [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                             rd_kafka_DeleteConsumerGroupOffsets(rk, requests, 1, o, q);
                           });
    size_t count = 0;
    const auto* results = rd_kafka_DeleteConsumerGroupOffsets_result_groups(
        rd_kafka_event_DeleteConsumerGroupOffsets_result(event.get()), &count);
    for (size_t i = 0; i < count; ++i) check_group_result(results[i], "deleting offsets");
    std::vector<std::vector<std::string>> rows{{"TOPIC", "PARTITION", "STATUS"}};
    for (int i = 0; i < partitions->cnt; ++i) {
      rows.push_back({partitions->elems[i].topic, std::to_string(partitions->elems[i].partition), "Successful"});
    }
    print_table(rows);
    return kExitOk;
  }

  static int reset_offsets(AdminClient& admin, const std::string& group, const ParsedArgs& args) {
    auto how = args.exactly_one_of({"to-earliest", "to-latest", "to-datetime", "to-offset", "shift-by"});
    int64_t amount = 0;
    if (how == "to-offset" || how == "shift-by") amount = parse_integer(how, args.required(how));
    if (how == "to-datetime") amount = parse_datetime(args.required(how));
    auto partitions = topic_partitions(admin, args);
    // Kafka only resets a group nobody is consuming in.
    std::string state = "Dead";
    try {
      state = describe_group(admin, group).state;
    } catch (const CommandError&) {
    }
    if (state != "Empty" && state != "Dead" && state != "Unknown") {
      throw CommandError("assignments can only be reset if the group '" + group +
                         "' is inactive, but the current state is " + state + ".");
    }
    auto committed = committed_offsets(admin, group);
    if (how == "to-datetime") {
      for (int i = 0; i < partitions->cnt; ++i) partitions->elems[i].offset = amount;
      auto err = rd_kafka_offsets_for_times(admin.handle(), partitions.get(), AdminClient::kTimeoutMs);
      if (err) throw CommandError(std::string("looking up offsets by time: ") + rd_kafka_err2str(err));
    }
    std::vector<TopicPartition> listed;
    for (int i = 0; i < partitions->cnt; ++i) {
      listed.emplace_back(partitions->elems[i].topic, partitions->elems[i].partition);
    }
    const auto earliest = offsets_at(admin, listed, kEarliest);
    const auto latest = offsets_at(admin, listed, kLatest);
    for (int i = 0; i < partitions->cnt; ++i) {
      auto& e = partitions->elems[i];
      TopicPartition tp{e.topic, e.partition};
      const int64_t low = earliest.at(tp);
      const int64_t high = latest.at(tp);
      int64_t target = low;
      if (how == "to-latest") target = high;
      if (how == "to-offset") target = amount;
      if (how == "to-datetime") {
        if (e.err) throw CommandError(std::string("looking up offsets by time: ") + rd_kafka_err2str(e.err));
        target = e.offset < 0 ? high : e.offset;
      }
      if (how == "shift-by") {
        auto c = committed.find(tp);
        if (c == committed.end()) {
          throw CommandError("group '" + group + "' has no committed offset for " + tp.first + "-" +
                             std::to_string(tp.second) + " to shift");
        }
        target = c->second + amount;
      }
      e.offset = std::clamp(target, low, high);
      e.err = RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    if (args.has("execute")) {
      AlterConsumerGroupOffsetsPtr request(
          rd_kafka_AlterConsumerGroupOffsets_new(group.c_str(), partitions.get()));
      rd_kafka_AlterConsumerGroupOffsets_t* requests[] = {request.get()};
      auto event = admin.run(RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, "altering offsets",
                             [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* o, rd_kafka_queue_t* q) {
                               rd_kafka_AlterConsumerGroupOffsets(rk, requests, 1, o, q);
                             });
      size_t count = 0;
      const auto* results = rd_kafka_AlterConsumerGroupOffsets_result_groups(
          rd_kafka_event_AlterConsumerGroupOffsets_result(event.get()), &count);
      for (size_t i = 0; i < count; ++i) check_group_result(results[i], "altering offsets");
    }
    std::vector<std::vector<std::string>> rows{{"GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"}};
    for (int i = 0; i < partitions->cnt; ++i) {
      rows.push_back({group, partitions->elems[i].topic, std::to_string(partitions->elems[i].partition),
                      std::to_string(partitions->elems[i].offset)});
    }
    print_table(rows);
    if (!args.has("execute")) std::cout << "(dry run: nothing changed; add --execute to commit)\n";
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_groups_command() { return std::make_unique<GroupsCommand>(); }

}  // namespace skiff::cli
