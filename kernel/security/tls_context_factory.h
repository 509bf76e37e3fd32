// Builds the OpenSSL server context of a TLS listener from its (listener-scoped)
// configuration: keystore (PKCS12 or PEM), truststore, ssl.client.auth, enabled
// protocol versions and cipher suites. A new context is built on each config
// reload; connections keep the context they were accepted with.
#pragma once

#include <memory>

#include <boost/asio/ssl/context.hpp>

#include "skiff/sdk/config.h"

namespace skiff::kernel::security {

// Throws std::runtime_error with a message naming the key or file at fault.
std::shared_ptr<boost::asio::ssl::context> build_tls_server_context(const sdk::ConfigView& config);

}  // namespace skiff::kernel::security
