// Building librdkafka configurations and clients from command-line options.
#include "common/client_config.h"

#include "common/errors.h"

namespace skiff::cli {

void declare_connection_options(OptionTable& options) {
  options.value("bootstrap-server", "HOST:PORT", "Broker(s) to connect to (required)");
  options.value("command-config", "FILE",
                "Properties file of librdkafka client settings (e.g. security)");
}

void set_conf(rd_kafka_conf_t* conf, const Property& property) {
  char error[512];
  if (rd_kafka_conf_set(conf, property.key.c_str(), property.value.c_str(), error,
                        sizeof error) != RD_KAFKA_CONF_OK) {
    throw UsageError(property.origin + ": " + error);
  }
}

ConfPtr make_client_conf(const ParsedArgs& args, const std::vector<Property>& defaults,
                         const std::vector<Property>& overrides) {
  ConfPtr conf(rd_kafka_conf_new());
  for (const auto& p : defaults) set_conf(conf.get(), p);
  set_conf(conf.get(), {"bootstrap.servers", args.required("bootstrap-server"),
                        "--bootstrap-server"});
  if (auto file = args.value("command-config")) {
    for (const auto& p : read_properties_file(*file)) set_conf(conf.get(), p);
  }
  for (const auto& p : overrides) set_conf(conf.get(), p);
  return conf;
}

KafkaPtr make_client(rd_kafka_type_t type, ConfPtr conf) {
  char error[512];
  KafkaPtr rk(rd_kafka_new(type, conf.get(), error, sizeof error));
  if (!rk) throw CommandError(std::string("cannot create client: ") + error);
  conf.release();  // now owned by rk
  return rk;
}

}  // namespace skiff::cli
