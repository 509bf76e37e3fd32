// DescribeConfigs through librdkafka, copied into plain structs.
#include "common/config_description.h"

#include <algorithm>

#include "common/errors.h"

namespace skiff::cli {

namespace {

std::optional<std::string> optional_string(const char* s) {
  return s ? std::optional<std::string>(s) : std::nullopt;
}

ConfigEntry copy_entry(const rd_kafka_ConfigEntry_t* raw) {
  ConfigEntry entry;
  entry.name = rd_kafka_ConfigEntry_name(raw);
  entry.value = optional_string(rd_kafka_ConfigEntry_value(raw));
  entry.source = rd_kafka_ConfigEntry_source(raw);
  entry.sensitive = rd_kafka_ConfigEntry_is_sensitive(raw);
  entry.read_only = rd_kafka_ConfigEntry_is_read_only(raw);
  size_t count = 0;
  const rd_kafka_ConfigEntry_t** synonyms = rd_kafka_ConfigEntry_synonyms(raw, &count);
  for (size_t i = 0; i < count; ++i) {
    entry.synonyms.push_back({rd_kafka_ConfigEntry_name(synonyms[i]),
                              optional_string(rd_kafka_ConfigEntry_value(synonyms[i])),
                              rd_kafka_ConfigEntry_source(synonyms[i])});
  }
  return entry;
}

}  // namespace

std::vector<ResourceConfig> describe_configs(AdminClient& admin, rd_kafka_ResourceType_t type,
                                             const std::vector<std::string>& names) {
  std::vector<ConfigResourcePtr> owned;
  std::vector<rd_kafka_ConfigResource_t*> resources;
  for (const auto& name : names) {
    owned.push_back(new_config_resource(type, name));
    resources.push_back(owned.back().get());
  }
  auto event = admin.run(RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, "describe configs",
                         [&](rd_kafka_t* rk, const rd_kafka_AdminOptions_t* options,
                             rd_kafka_queue_t* queue) {
                           rd_kafka_DescribeConfigs(rk, resources.data(), resources.size(),
                                                    options, queue);
                         });
  size_t count = 0;
  const rd_kafka_ConfigResource_t** described = rd_kafka_DescribeConfigs_result_resources(
      rd_kafka_event_DescribeConfigs_result(event.get()), &count);

  std::vector<ResourceConfig> out;
  for (size_t i = 0; i < count; ++i) {
    std::string name = rd_kafka_ConfigResource_name(described[i]);
    if (auto err = rd_kafka_ConfigResource_error(described[i])) {
      const char* message = rd_kafka_ConfigResource_error_string(described[i]);
      throw CommandError("describe configs of " +
                         std::string(rd_kafka_ResourceType_name(type)) + " '" + name + "': " +
                         (message && *message ? message : rd_kafka_err2str(err)));
    }
    ResourceConfig resource{name, {}};
    size_t entry_count = 0;
    const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(described[i], &entry_count);
    for (size_t e = 0; e < entry_count; ++e) resource.entries.push_back(copy_entry(entries[e]));
    std::sort(resource.entries.begin(), resource.entries.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    out.push_back(std::move(resource));
  }
  // Results come back per broker; answer in the order asked.
  std::vector<ResourceConfig> ordered;
  for (const auto& name : names) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& r) { return r.name == name; });
    if (it == out.end()) throw CommandError("describe configs: no answer for '" + name + "'");
    ordered.push_back(std::move(*it));
  }
  return ordered;
}

rd_kafka_ConfigSource_t dynamic_source_of(rd_kafka_ResourceType_t type) {
  return type == RD_KAFKA_RESOURCE_TOPIC ? RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG
                                         : RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG;
}

ConfigResourcePtr new_config_resource(rd_kafka_ResourceType_t type, const std::string& name) {
  ConfigResourcePtr resource(rd_kafka_ConfigResource_new(type, name.c_str()));
  if (!resource) {
    throw CommandError("librdkafka refuses the " + std::string(rd_kafka_ResourceType_name(type)) +
                       " config resource '" + name + "'");
  }
  return resource;
}

}  // namespace skiff::cli
