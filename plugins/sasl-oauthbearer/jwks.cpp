#include "jwks.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "base64url.h"

namespace skiff::sasl_oauthbearer {

namespace {

std::string member(const Poco::JSON::Object::Ptr& o, const std::string& name) {
  return o->has(name) ? o->getValue<std::string>(name) : std::string();
}

std::string decoded(const Poco::JSON::Object::Ptr& o, const std::string& name) {
  auto v = base64url_decode(member(o, name));
  if (!v || v->empty()) throw std::runtime_error("JWK member '" + name + "' is not base64url");
  return *v;
}

std::shared_ptr<EVP_PKEY> key_from_params(const char* type, OSSL_PARAM_BLD* builder) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* key = nullptr;
  bool ok = params && ctx && EVP_PKEY_fromdata_init(ctx) == 1 &&
            EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  if (!ok) throw std::runtime_error(std::string("cannot build a ") + type + " key from the JWK");
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::shared_ptr<EVP_PKEY> rsa_key(const Poco::JSON::Object::Ptr& jwk) {
  std::string n = decoded(jwk, "n"), e = decoded(jwk, "e");
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr);
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, bn_e);
  std::shared_ptr<EVP_PKEY> key;
  try {
    key = key_from_params("RSA", builder);
  } catch (...) {
    OSSL_PARAM_BLD_free(builder);
    BN_free(bn_n);
    BN_free(bn_e);
    throw;
  }
  OSSL_PARAM_BLD_free(builder);
  BN_free(bn_n);
  BN_free(bn_e);
  return key;
}

std::shared_ptr<EVP_PKEY> ec_key(const Poco::JSON::Object::Ptr& jwk) {
  std::string x = decoded(jwk, "x"), y = decoded(jwk, "y");
  if (x.empty() || y.empty() || x.size() > 32 || y.size() > 32) {
    throw std::runtime_error("P-256 JWK coordinates must be 32 bytes");
  }
  // RFC 7518 wants full-length coordinates, but some issuers (PyJWT before 2.8)
  // drop leading zero bytes, about one key in 128: the number is the same.
  x.insert(0, 32 - x.size(), '\0');
  y.insert(0, 32 - y.size(), '\0');
  std::string point = "\x04" + x + y;
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  std::shared_ptr<EVP_PKEY> key;
  try {
    key = key_from_params("EC", builder);
  } catch (...) {
    OSSL_PARAM_BLD_free(builder);
    throw;
  }
  OSSL_PARAM_BLD_free(builder);
  return key;
}

}  // namespace

KeySet parse_jwks(const std::string& json) {
  KeySet keys;
  try {
    Poco::JSON::Parser parser;
    auto root = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    auto list = root->getArray("keys");
    if (!list) throw std::runtime_error("no \"keys\" array");
    for (size_t i = 0; i < list->size(); ++i) {
      auto jwk = list->getObject(static_cast<unsigned>(i));
      if (!jwk) continue;
      std::string kty = member(jwk, "kty"), use = member(jwk, "use");
      if (!use.empty() && use != "sig") continue;
      if (kty == "RSA") {
        keys[member(jwk, "kid")] = PublicKey{kty, rsa_key(jwk)};
      } else if (kty == "EC" && member(jwk, "crv") == "P-256") {
        keys[member(jwk, "kid")] = PublicKey{kty, ec_key(jwk)};
      }
    }
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("JWKS is not valid JSON: " + e.displayText());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string("JWKS: ") + e.what());
  }
  if (keys.empty()) throw std::runtime_error("JWKS holds no RSA or P-256 signing key");
  return keys;
}

std::string fetch_jwks(const std::string& location) {
  if (location.starts_with("http://") || location.starts_with("https://")) {
    try {
      Poco::URI uri(location);
      std::unique_ptr<Poco::Net::HTTPClientSession> session;
      if (uri.getScheme() == "https") {
        auto context = Poco::Net::Context::Ptr(new Poco::Net::Context(
            Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_RELAXED, 9, true));
        session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
      } else {
        session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
      }
      session->setTimeout(Poco::Timespan(10, 0));
      Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(),
                                     Poco::Net::HTTPMessage::HTTP_1_1);
      session->sendRequest(request);
      Poco::Net::HTTPResponse response;
      std::istream& body = session->receiveResponse(response);
      std::string text;
      Poco::StreamCopier::copyToString(body, text);
      if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
        throw std::runtime_error("HTTP " + std::to_string(response.getStatus()));
      }
      return text;
    } catch (const Poco::Exception& e) {
      throw std::runtime_error("cannot fetch JWKS from " + location + ": " + e.displayText());
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("cannot fetch JWKS from " + location + ": " + e.what());
    }
  }
  std::string path = location.starts_with("file://") ? location.substr(7) : location;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read JWKS file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Jwks::replace(KeySet keys) {
  auto next = std::make_shared<const KeySet>(std::move(keys));
  std::lock_guard lock(mutex_);
  keys_ = std::move(next);
}

std::shared_ptr<const KeySet> Jwks::current() const {
  std::lock_guard lock(mutex_);
  return keys_;
}

}  // namespace skiff::sasl_oauthbearer
