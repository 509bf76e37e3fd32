#include "http_endpoint.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include <stdexcept>

#include "exposition_format.h"

namespace skiff::metrics_prometheus {

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// Compares without returning early, so timing says nothing about the secret.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

void send(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, std::string_view type,
          const std::string& body) {
  response.setStatus(status);
  response.setContentType(std::string(type));
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  response.send().write(body.data(), static_cast<std::streamsize>(body.size()));
}

class Endpoints final : public Poco::Net::HTTPRequestHandler {
 public:
  Endpoints(const ExporterConfig& config, sdk::MetricsRegistry& metrics, const sdk::Health& health,
            sdk::Logger& logger)
      : config_(config), metrics_(metrics), health_(health), logger_(logger) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    try {
      route(request, response);
    } catch (const std::exception& e) {
      logger_.error("metrics endpoint: " + request.getMethod() + " " + request.getURI() +
                    " from " + request.clientAddress().toString() + " failed: " + e.what() +
                    "; the scraper gets 500 and may retry");
      if (!response.sent()) {
        send(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "text/plain", "internal error\n");
      }
    }
  }

 private:
  void route(HTTPServerRequest& request, HTTPServerResponse& response) {
    std::string path = request.getURI().substr(0, request.getURI().find('?'));
    if (request.getMethod() != "GET" && request.getMethod() != "HEAD") {
      response.set("Allow", "GET, HEAD");
      send(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "text/plain", "use GET\n");
      return;
    }
    if (path == "/health") {
      send(response, HTTPResponse::HTTP_OK, "text/plain", "ok\n");
    } else if (path == "/ready") {
      ready(response);
    } else if (path == "/metrics") {
      if (!authorized(request)) {
        logger_.warn("metrics endpoint: refused " + request.clientAddress().toString() +
                     ": missing or wrong basic auth credentials; set the scraper's "
                     "basic_auth to metrics.prometheus.basic.auth.user/password");
        response.set("WWW-Authenticate", "Basic realm=\"skiff metrics\"");
        send(response, HTTPResponse::HTTP_UNAUTHORIZED, "text/plain", "unauthorized\n");
        return;
      }
      ExpositionFormat format = negotiate_format(request.get("Accept", ""));
      send(response, HTTPResponse::HTTP_OK, content_type(format), render(metrics_.collect(), format));
    } else {
      send(response, HTTPResponse::HTTP_NOT_FOUND, "text/plain",
           "not found; try /metrics, /health or /ready\n");
    }
  }

  bool authorized(const HTTPServerRequest& request) const {
    if (config_.basic_auth_user.empty()) return true;
    if (!request.hasCredentials()) return false;
    try {
      Poco::Net::HTTPBasicCredentials credentials(request);
      // Both compared, so the time taken does not tell which one was wrong.
      const bool user_ok = same_secret(credentials.getUsername(), config_.basic_auth_user);
      const bool password_ok =
          same_secret(credentials.getPassword(), config_.basic_auth_password);
      return user_ok && password_ok;
    } catch (const Poco::Exception&) {
      return false;
    }
  }

  void ready(HTTPServerResponse& response) {
    bool all = true;
    std::string body;
    for (const auto& check : health_.readiness()) {
      all = all && check.ready;
      body += check.name + ": " + (check.ready ? "ready" : "not ready (" + check.detail + ")") + "\n";
    }
    send(response, all ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
         "text/plain", body);
  }

  const ExporterConfig& config_;
  sdk::MetricsRegistry& metrics_;
  const sdk::Health& health_;
  sdk::Logger& logger_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(ExporterConfig config, sdk::MetricsRegistry& metrics, const sdk::Health& health,
          sdk::Logger& logger)
      : config_(std::move(config)), metrics_(metrics), health_(health), logger_(logger) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Endpoints(config_, metrics_, health_, logger_);
  }

 private:
  ExporterConfig config_;
  sdk::MetricsRegistry& metrics_;
  const sdk::Health& health_;
  sdk::Logger& logger_;
};

Poco::Net::ServerSocket bind(const ExporterConfig& config) {
  Poco::Net::SocketAddress address(config.host, config.port);
  if (config.tls_certificate_file.empty()) return Poco::Net::ServerSocket(address);
  Poco::Net::initializeSSL();
  Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_SERVER_USE, config.tls_key_file, config.tls_certificate_file, "",
      Poco::Net::Context::VERIFY_NONE);
  return Poco::Net::SecureServerSocket(address, 64, context);
}

}  // namespace

HttpEndpoint::HttpEndpoint(const ExporterConfig& config, sdk::MetricsRegistry& metrics,
                           const sdk::Health& health, sdk::Logger& logger) {
  try {
    Poco::Net::ServerSocket socket = bind(config);
    port_ = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(4);
    params->setMaxQueued(16);
    params->setKeepAlive(true);
    threads_ = std::make_unique<Poco::ThreadPool>("skiff-metrics", 1, 4);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(config, metrics, health, logger),
                                                      *threads_, socket, params);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("metrics.prometheus.listen=" + config.host + ":" +
                             std::to_string(config.port) + ": cannot serve: " + e.displayText() +
                             "; pick a free address or check the TLS files");
  }
}

HttpEndpoint::~HttpEndpoint() { stop(); }

void HttpEndpoint::start() {
  if (started_) return;
  server_->start();
  started_ = true;
}

void HttpEndpoint::stop() {
  if (!started_) return;
  started_ = false;
  server_->stopAll(true);
  threads_->joinAll();
}

}  // namespace skiff::metrics_prometheus
