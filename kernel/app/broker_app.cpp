#include "kernel/app/broker_app.h"

#include <atomic>
#include <future>
#include <iostream>

#include <boost/asio/signal_set.hpp>

#include "kernel/app/systemd_notify.h"
#include "kernel/config/broker_config_keys.h"
#include "kernel/config/config_check_render.h"
#include "kernel/config/config_error.h"
#include "kernel/config/config_loader.h"
#include "kernel/config/config_reference.h"
#include "kernel/config/config_schema_registry.h"
#include "kernel/config/config_store.h"
#include "kernel/config/topic_config_keys.h"
#include "kernel/groups/group_subsystem.h"
#include "kernel/logging/log_manager.h"
#include "kernel/metrics/group_offsets_source.h"
#include "kernel/metrics/kernel_metrics.h"
#include "kernel/metrics/metrics_registry.h"
#include "kernel/metrics/readiness.h"
#include "kernel/net/listener_spec.h"
#include "kernel/net/socket_server.h"
#include "kernel/plugin/extension_registry.h"
#include "kernel/plugin/kernel_host.h"
#include "kernel/plugin/plugin_manager.h"
#include "kernel/runtime/runtime.h"
#include "kernel/security/security_config_keys.h"
#include "kernel/security/security_layer.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/dynamic_broker_configs.h"
#include "kernel/server/fetch_sessions.h"
#include "kernel/server/handler_table.h"
#include "kernel/server/plugin_request_handlers.h"
#include "kernel/server/request_dispatcher.h"
#include "kernel/server/request_log.h"
#include "kernel/server/topic_admin.h"

namespace skiff::kernel::app {

namespace {

// Clients are told these addresses; an empty host becomes "localhost" and port 0
// the port actually bound, so the defaults work for a local quickstart.
std::vector<sdk::BrokerEndpoint> advertised_endpoints(const sdk::ConfigView& config,
                                                      const net::SocketServer& server) {
  const std::string protocol_map = config.get_string("listener.security.protocol.map");
  std::string advertised = config.get_string("advertised.listeners");
  if (advertised.empty()) advertised = config.get_string("listeners");
  std::vector<sdk::BrokerEndpoint> out;
  for (const auto& spec : net::parse_listeners(advertised, protocol_map)) {
    sdk::BrokerEndpoint e;
    e.listener = spec.name;
    e.security_protocol = spec.security_protocol;
    e.host = spec.host.empty() || spec.host == "0.0.0.0" || spec.host == "::" ? "localhost"
                                                                              : spec.host;
    e.port = spec.port != 0 ? spec.port : server.bound_port(spec.name);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

// Declared so that what plugins use (registry, config, runtime, host) outlives them.
struct BrokerApp::State {
  LogManager logs;
  ConfigSchemaRegistry schema;
  ExtensionRegistryImpl registry;
  metrics::MetricsRegistryImpl metrics;
  metrics::BrokerReadiness readiness;
  std::unique_ptr<ConfigStore> config;
  std::unique_ptr<Runtime> runtime;
  std::unique_ptr<KernelHost> host;
  std::unique_ptr<PluginManager> plugins;
  std::shared_ptr<sdk::Controller> controller;
  std::shared_ptr<sdk::StorageEngine> storage;
  std::unique_ptr<server::PartitionManager> partitions;
  std::unique_ptr<server::FetchWaiters> fetch_waiters;
  std::unique_ptr<server::FetchSessions> fetch_sessions;
  std::unique_ptr<server::ProducerIdAllocator> producer_ids;
  std::unique_ptr<groups::GroupSubsystem> groups;
  std::unique_ptr<metrics::KernelMetrics> kernel_metrics;
  std::unique_ptr<server::RequestLog> request_log;
  server::HandlerTable handlers;
  std::unique_ptr<server::BrokerServices> services;
  std::unique_ptr<server::RequestDispatcher> dispatcher;
  std::unique_ptr<security::SecurityLayer> security;
  std::unique_ptr<net::SocketServer> socket_server;
  std::unique_ptr<boost::asio::signal_set> signals;
  std::promise<void> stop_requested;
};

namespace {

// The kernel's own metrics; they read `gauges`' parts, `partitions` and `fetches`
// at scrape time, so those must outlive the result.
std::unique_ptr<metrics::KernelMetrics> make_kernel_metrics(
    sdk::MetricsRegistry& registry, metrics::BrokerGaugeSources gauges,
    const server::HandlerTable& handlers, const PluginManager& plugins,
    const server::FetchWaiters& fetches) {
  const int io_threads = gauges.config.get_int("num.io.threads", 8);
  metrics::KernelMetricSources sources{std::move(gauges), {}, io_threads, {},
                                       [&fetches] { return fetches.size(); }};
  for (const auto* api : handlers.implemented()) {
    sources.apis.push_back({api->api_key, api->min_version, api->max_version, api->name});
  }
  for (const auto& p : plugins.plugins()) sources.plugins.push_back({p.name, p.version});
  return std::make_unique<metrics::KernelMetrics>(registry, std::move(sources));
}

// Every plugin's request handler, to serve next to the kernel's APIs.
std::vector<server::PluginRequestHandler> plugin_request_handlers(
    const ExtensionRegistryImpl& registry) {
  std::vector<server::PluginRequestHandler> out;
  for (auto& owned : registry.all(sdk::RequestHandler::kExtensionPoint)) {
    out.push_back({owned.owner, owned.name,
                   std::static_pointer_cast<sdk::RequestHandler>(owned.implementation)});
  }
  return out;
}

}  // namespace

BrokerApp::BrokerApp(CommandLine command_line)
    : command_line_(std::move(command_line)), state_(std::make_unique<State>()) {}

BrokerApp::~BrokerApp() = default;

int BrokerApp::run() {
  State& s = *state_;
  sdk::Logger& log = s.logs.logger("kernel");
  LoadOptions options{command_line_.config_file, command_line_.overrides};

  // Config and plugins: plugin.path must be read before validation, since the
  // plugins found there declare keys the files may use.
  declare_broker_config(s.schema);
  declare_security_config(s.schema);
  groups::declare_group_config(s.schema);
  try {
    auto layers = load_config_layers(options);
    if (!layers.problems.empty()) throw ConfigError(layers.problems);
    s.plugins = std::make_unique<PluginManager>(s.registry, s.logs.logger("plugin"));
    s.plugins->load_from_path(bootstrap_value(layers.values, s.schema, "plugin.path"));
    s.plugins->declare_config(s.schema);
    s.config = std::make_unique<ConfigStore>(s.schema, options);
    s.config->load();
  } catch (const ConfigError& e) {
    for (const auto& problem : e.problems()) std::cerr << "skiffd: " << problem.to_string() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "skiffd: " << e.what() << "\n";
    return 1;
  }
  if (command_line_.config_reference) {
    std::cout << "# Configuration reference\n\n"
              << "Generated by `skiffd --config-reference` from the definitions in the code "
                 "(kernel and every plugin on plugin.path). Do not edit.\n\n"
              << "## Broker keys\n\n"
              << render_config_reference(s.schema) << "\n## Topic configs\n\n"
              << "Set per topic (CreateTopics, AlterConfigs, `skiff configs`); the default "
                 "comes from the broker key named in the description.\n\n"
              << render_topic_config_reference();
    return 0;
  }
  if (command_line_.check_config) {
    std::cout << render_effective_config(*s.config->current());
    return 0;
  }
  s.logs.configure(*s.config);
  const sdk::ConfigView& config = *s.config;
  const int32_t node_id = config.get_int("node.id", 1);

  int exit_code = 0;
  std::function<void(const boost::system::error_code&, int)> on_signal;
  std::atomic<bool> stop_signalled{false};
  // A client gone mid-response must not kill the broker: sendfile(2) has no
  // MSG_NOSIGNAL, so a write to a reset socket would raise SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  try {
    s.runtime = std::make_unique<Runtime>(config.get_int("num.network.threads", 3),
                                          config.get_int("num.io.threads", 8));
    s.runtime->start();
    // Signals first: a SIGTERM during startup still shuts down cleanly once started.
    s.signals = std::make_unique<boost::asio::signal_set>(s.runtime->control(), SIGTERM, SIGINT,
                                                          SIGHUP);
    on_signal = [&](const boost::system::error_code& ec, int signal) {
          if (ec) return;
          if (signal == SIGHUP) {
            if (!s.services) {
              log.warn("SIGHUP ignored: the broker is still starting");
              s.signals->async_wait(on_signal);
              return;
            }
            auto changes = s.config->reload();
            if (!changes.ok()) {
              for (const auto& p : changes.problems) {
                log.error("config reload refused, running config kept: " + p.to_string());
              }
            } else {
              s.services->broker_config_changed();
              for (const auto& key : changes.applied) log.info("config reload applied " + key);
              for (const auto& key : changes.needs_restart) {
                log.warn("config reload: " + key + " changed but needs a restart to apply");
              }
            }
            s.signals->async_wait(on_signal);
            return;
          }
          log.info("received signal " + std::to_string(signal) + ", shutting down");
          if (!stop_signalled.exchange(true)) s.stop_requested.set_value();
        };
    s.signals->async_wait(on_signal);
    s.host = std::make_unique<KernelHost>(
        config, [&s](std::string_view name) -> sdk::Logger& { return s.logs.logger(name); },
        *s.runtime, s.registry, node_id, &s.metrics, &s.readiness);
    s.registry.select(sdk::StorageEngine::kExtensionPoint, config.get_string("storage.engine"),
                      "storage.engine");
    s.registry.select(sdk::Controller::kExtensionPoint, config.get_string("controller.type"),
                      "controller.type");
    s.registry.select(sdk::PrincipalBuilder::kExtensionPoint,
                      config.get_string("principal.builder.class"), "principal.builder.class");
    s.registry.select(sdk::Authorizer::kExtensionPoint,
                      config.get_string("authorizer.class.name"), "authorizer.class.name");
    s.plugins->configure(*s.host);
    for (const auto& problem : s.registry.check_selections()) throw std::runtime_error(problem);
    s.plugins->start();
    s.controller = s.registry.find<sdk::Controller>();
    s.storage = s.registry.find<sdk::StorageEngine>();
    s.readiness.set_controller_probe([&s]() -> std::string {
      return s.controller->active_controller_id() < 0 ? "no active controller" : "";
    });

    for (const auto& problem : server::load_dynamic_broker_configs(*s.config, *s.controller, node_id)) {
      log.warn("stored dynamic broker config ignored: " + problem);
    }
    s.partitions = std::make_unique<server::PartitionManager>(
        *s.controller, *s.storage,
        [&s](const sdk::TopicInfo& topic) { return server::effective_topic_config(*s.config, topic); },
        node_id, s.logs.logger("partitions"));
    s.partitions->load();
    s.readiness.storage_recovered();

    s.groups = std::make_unique<groups::GroupSubsystem>(config, s.runtime->control(), *s.runtime,
                                                        s.logs.logger("groups"));
    server::register_all_handlers(s.handlers);
    server::register_plugin_handlers(s.handlers, plugin_request_handlers(s.registry));
    s.fetch_waiters = std::make_unique<server::FetchWaiters>(s.runtime->control());
    s.fetch_sessions = std::make_unique<server::FetchSessions>(
        static_cast<size_t>(config.get_int("max.incremental.fetch.session.cache.slots", 1000)));
    s.producer_ids = std::make_unique<server::ProducerIdAllocator>(*s.controller);
    s.kernel_metrics = make_kernel_metrics(
        s.metrics,
        {*s.controller, *s.storage, config, [&s] { return s.partitions->all(); },
         metrics::committed_offsets_of(s.groups->coordinator()), node_id},
        s.handlers, *s.plugins, *s.fetch_waiters);
    s.request_log = std::make_unique<server::RequestLog>(s.logs.logger("request"), s.handlers);
    for (const auto& name : s.request_log->configure(config)) {
      log.warn("log.request.apis: no API is named '" + name + "'; use names as in ApiVersions "
               "(Produce, Fetch, Metadata, ...) or *");
    }
    s.services = std::make_unique<server::BrokerServices>(server::BrokerServices{
        *s.config, *s.controller, *s.storage, *s.partitions, *s.fetch_waiters, *s.fetch_sessions,
        *s.producer_ids, *s.runtime, s.handlers, s.logs.logger("server"), node_id,
        s.registry.find<sdk::Authorizer>(),
        [&s, &log] {
          s.logs.configure(*s.config);
          s.request_log->configure(*s.config);
          for (const auto& failure : s.plugins->reconfigure(*s.config)) log.error(failure);
          // Topic configs default to broker keys (log.retention.ms, ...): push them again.
          for (const auto& topic : s.controller->topics()) s.partitions->refresh_config(topic);
          // New TLS connections use the re-read certificates; open ones keep theirs.
          if (s.security && s.socket_server) {
            for (const auto& problem : s.security->configure_listeners(
                     *s.socket_server, net::parse_listeners(s.config->get_string("listeners"),
                                                            s.config->get_string(
                                                                "listener.security.protocol.map")))) {
              log.error("TLS configuration not reloaded: " + problem);
            }
          }
        },
        s.groups->coordinator(), &s.kernel_metrics->requests(), &s.kernel_metrics->topics(),
        s.request_log.get(), &s.logs});
    s.dispatcher = std::make_unique<server::RequestDispatcher>(s.handlers, *s.services,
                                                               s.logs.logger("server"));
    net::ConnectionLimits limits;
    limits.max_request_bytes = config.get_int("socket.request.max.bytes", 104857600);
    limits.max_in_flight = static_cast<size_t>(
        config.get_int("skiff.queued.max.requests.per.connection", 16));
    limits.max_idle = std::chrono::milliseconds(config.get_long("connections.max.idle.ms", 600000));
    limits.handler_queue = std::make_shared<net::HandlerQueue>(
        static_cast<size_t>(config.get_int("queued.max.requests", 500)));
    s.security = std::make_unique<security::SecurityLayer>(
        config, s.registry, *s.dispatcher, s.runtime->control().get_executor(),
        s.logs.logger("security"));
    s.socket_server = std::make_unique<net::SocketServer>(*s.runtime, *s.security, limits,
                                                          s.logs.logger("net"));
    auto listeners = net::parse_listeners(config.get_string("listeners"),
                                          config.get_string("listener.security.protocol.map"));
    for (const auto& problem : s.security->configure_listeners(*s.socket_server, listeners)) {
      throw std::runtime_error(problem);
    }
    s.socket_server->start(listeners);
    s.readiness.listeners_bound();
    s.kernel_metrics->watch_connections(s.metrics,
                                        [&s] { return s.socket_server->connection_counts(); });
    s.controller->register_broker(
        sdk::BrokerInfo{node_id, advertised_endpoints(config, *s.socket_server), ""});
    log.info("skiffd started: node " + std::to_string(node_id) + ", cluster " +
             s.controller->cluster_id());
    // Type=notify units: listeners are bound, the broker is registered.
    notify_systemd("READY=1\nSTATUS=serving");

    s.stop_requested.get_future().wait();
  } catch (const std::exception& e) {
    log.error(std::string("startup failed: ") + e.what());
    exit_code = 1;
  }

  // Shutdown: stop taking requests, finish in-flight ones, flush, stop plugins.
  notify_systemd("STOPPING=1");
  if (s.signals) {
    boost::system::error_code ec;
    s.signals->cancel(ec);
  }
  // Parked JoinGroup/SyncGroup requests are answered first, so draining is quick.
  s.readiness.stopping();
  if (s.groups) s.groups->shutdown();
  if (s.socket_server) s.socket_server->stop(std::chrono::seconds(10));
  if (s.fetch_waiters) s.fetch_waiters->shutdown();
  if (s.runtime) s.runtime->stop();
  if (s.partitions) s.partitions->flush_all();
  // Metrics read the parts below: unregister them first (scrapes go on meanwhile).
  s.kernel_metrics.reset();
  // Drop every reference to plugin objects before the plugins stop and unload.
  s.security.reset();
  s.dispatcher.reset();
  s.handlers.remove_plugin_entries();
  s.services.reset();
  s.groups.reset();
  s.partitions.reset();
  s.storage.reset();
  s.controller.reset();
  for (const auto& failure : s.plugins ? s.plugins->stop() : std::vector<std::string>{}) {
    log.error(failure);
    exit_code = exit_code == 0 ? 1 : exit_code;
  }
  s.socket_server.reset();
  s.signals.reset();
  if (exit_code == 0) log.info("skiffd stopped cleanly");
  return exit_code;
}

}  // namespace skiff::kernel::app
