#include "kernel/security/tls_context_factory.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <stdexcept>
#include <string>

#include "kernel/security/security_config_keys.h"

namespace skiff::kernel::security {

namespace {

namespace ssl = boost::asio::ssl;
using namespace security_keys;

std::string openssl_error() {
  std::string out;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof(buffer));
    if (!out.empty()) out += "; ";
    out += buffer;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + " (" + openssl_error() + ")");
}

struct Pkcs12Contents {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* chain = nullptr;
  ~Pkcs12Contents() {
    EVP_PKEY_free(key);
    X509_free(cert);
    sk_X509_pop_free(chain, X509_free);
  }
};

void read_pkcs12(const std::string& path, const std::string& password, std::string_view key_name,
                 Pkcs12Contents& out) {
  BIO* bio = BIO_new_file(path.c_str(), "rb");
  if (!bio) fail(std::string(key_name) + ": cannot open '" + path + "'");
  PKCS12* p12 = d2i_PKCS12_bio(bio, nullptr);
  BIO_free(bio);
  if (!p12) fail(std::string(key_name) + ": '" + path + "' is not a PKCS12 file");
  int ok = PKCS12_parse(p12, password.c_str(), &out.key, &out.cert, &out.chain);
  PKCS12_free(p12);
  if (!ok) fail(std::string(key_name) + ": cannot read '" + path + "' (wrong password?)");
}

void load_keystore(SSL_CTX* ctx, const sdk::ConfigView& config) {
  const std::string location = config.get_string(kKeystoreLocation);
  if (location.empty()) {
    throw std::runtime_error(std::string(kKeystoreLocation) + " is required on a TLS listener");
  }
  const std::string type = config.get_string(kKeystoreType, "PKCS12");
  std::string key_password = config.get_string(kKeyPassword);
  if (key_password.empty()) key_password = config.get_string(kKeystorePassword);
  if (type == "PEM") {
    if (SSL_CTX_use_certificate_chain_file(ctx, location.c_str()) != 1) {
      fail(std::string(kKeystoreLocation) + ": no certificate chain in PEM file '" + location + "'");
    }
    BIO* bio = BIO_new_file(location.c_str(), "r");
    if (!bio) fail(std::string(kKeystoreLocation) + ": cannot open '" + location + "'");
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr,
                                            const_cast<char*>(key_password.c_str()));
    BIO_free(bio);
    if (!key) {
      fail(std::string(kKeystoreLocation) + ": no readable private key in '" + location +
           "' (encrypted? set " + std::string(kKeyPassword) + ")");
    }
    int ok = SSL_CTX_use_PrivateKey(ctx, key);
    EVP_PKEY_free(key);
    if (ok != 1) fail(std::string(kKeystoreLocation) + ": the private key cannot be used");
  } else {
    Pkcs12Contents p12;
    read_pkcs12(location, config.get_string(kKeystorePassword), kKeystoreLocation, p12);
    if (!p12.cert || !p12.key) {
      throw std::runtime_error(std::string(kKeystoreLocation) + ": '" + location +
                               "' holds no certificate with its private key");
    }
    if (SSL_CTX_use_certificate(ctx, p12.cert) != 1 || SSL_CTX_use_PrivateKey(ctx, p12.key) != 1) {
      fail(std::string(kKeystoreLocation) + ": the certificate or key in '" + location +
           "' cannot be used");
    }
    for (int i = 0; p12.chain && i < sk_X509_num(p12.chain); ++i) {
      if (SSL_CTX_add1_chain_cert(ctx, sk_X509_value(p12.chain, i)) != 1) {
        fail(std::string(kKeystoreLocation) + ": cannot add a chain certificate");
      }
    }
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    fail(std::string(kKeystoreLocation) + ": the private key does not match the certificate");
  }
}

void load_truststore(SSL_CTX* ctx, const sdk::ConfigView& config) {
  const std::string location = config.get_string(kTruststoreLocation);
  if (location.empty()) return;
  const std::string type = config.get_string(kTruststoreType, "PKCS12");
  STACK_OF(X509_NAME)* names = sk_X509_NAME_new_null();
  auto add = [&](X509* cert) {
    if (X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), cert) != 1) {
      ERR_clear_error();  // a duplicate is fine
    }
    if (X509_NAME* n = X509_NAME_dup(X509_get_subject_name(cert))) sk_X509_NAME_push(names, n);
  };
  if (type == "PEM") {
    BIO* bio = BIO_new_file(location.c_str(), "r");
    if (!bio) {
      sk_X509_NAME_pop_free(names, X509_NAME_free);
      fail(std::string(kTruststoreLocation) + ": cannot open '" + location + "'");
    }
    while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
      add(cert);
      X509_free(cert);
    }
    BIO_free(bio);
    ERR_clear_error();  // the end of the file reads as an error
  } else {
    Pkcs12Contents p12;
    read_pkcs12(location, config.get_string(kTruststorePassword), kTruststoreLocation, p12);
    if (p12.cert) add(p12.cert);
    for (int i = 0; p12.chain && i < sk_X509_num(p12.chain); ++i) add(sk_X509_value(p12.chain, i));
  }
  if (sk_X509_NAME_num(names) == 0) {
    sk_X509_NAME_pop_free(names, X509_NAME_free);
    throw std::runtime_error(std::string(kTruststoreLocation) + ": no certificates in '" +
                             location + "'");
  }
  SSL_CTX_set_client_CA_list(ctx, names);  // takes ownership
}

void set_protocols(SSL_CTX* ctx, const sdk::ConfigView& config) {
  bool v12 = false, v13 = false;
  for (const auto& p : config.get_list(kEnabledProtocols)) {
    v12 = v12 || p == "TLSv1.2";
    v13 = v13 || p == "TLSv1.3";
  }
  if (!v12 && !v13) throw std::runtime_error(std::string(kEnabledProtocols) + " is empty");
  SSL_CTX_set_min_proto_version(ctx, v12 ? TLS1_2_VERSION : TLS1_3_VERSION);
  SSL_CTX_set_max_proto_version(ctx, v13 ? TLS1_3_VERSION : TLS1_2_VERSION);
}

void set_ciphers(SSL_CTX* ctx, const sdk::ConfigView& config) {
  std::string tls12, tls13;
  for (const auto& name : config.get_list(kCipherSuites)) {
    bool is_tls13 = name.starts_with("TLS_AES_") || name.starts_with("TLS_CHACHA20_");
    std::string& list = is_tls13 ? tls13 : tls12;
    std::string openssl_name = name;
    if (!is_tls13 && name.starts_with("TLS_")) {  // an IANA name, as Kafka's docs use
      const char* mapped = OPENSSL_cipher_name(name.c_str());
      if (!mapped || std::string_view(mapped) == "(NONE)") {
        throw std::runtime_error(std::string(kCipherSuites) + ": unknown cipher suite '" + name + "'");
      }
      openssl_name = mapped;
    }
    if (!list.empty()) list += ":";
    list += openssl_name;
  }
  if (!tls12.empty() && SSL_CTX_set_cipher_list(ctx, tls12.c_str()) != 1) {
    fail(std::string(kCipherSuites) + ": no usable TLS 1.2 cipher in '" + tls12 + "'");
  }
  if (!tls13.empty() && SSL_CTX_set_ciphersuites(ctx, tls13.c_str()) != 1) {
    fail(std::string(kCipherSuites) + ": no usable TLS 1.3 cipher suite in '" + tls13 + "'");
  }
}

void set_client_auth(SSL_CTX* ctx, const sdk::ConfigView& config) {
  const std::string mode = config.get_string(kClientAuth, "none");
  int verify = SSL_VERIFY_NONE;
  if (mode == "requested") verify = SSL_VERIFY_PEER;
  if (mode == "required") verify = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
  if (verify != SSL_VERIFY_NONE && config.get_string(kTruststoreLocation).empty()) {
    throw std::runtime_error(std::string(kClientAuth) + "=" + mode + " needs " +
                             std::string(kTruststoreLocation));
  }
  SSL_CTX_set_verify(ctx, verify, nullptr);
  // Session resumption with client verification needs a session id context.
  static const unsigned char kSessionContext[] = "skiff";
  SSL_CTX_set_session_id_context(ctx, kSessionContext, sizeof(kSessionContext) - 1);
}

}  // namespace

std::shared_ptr<ssl::context> build_tls_server_context(const sdk::ConfigView& config) {
  ERR_clear_error();
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* ctx = context->native_handle();
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_compression |
                       ssl::context::single_dh_use);
  set_protocols(ctx, config);
  set_ciphers(ctx, config);
  load_keystore(ctx, config);
  load_truststore(ctx, config);
  set_client_auth(ctx, config);
  return context;
}

}  // namespace skiff::kernel::security
