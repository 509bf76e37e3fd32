// The SCRAM credential record format and key derivation shared by the broker, the
// SCRAM plugin and the CLI: RFC 7677's SCRAM-SHA-256 test vector, round trips.
#include <catch2/catch.hpp>

#include "skiff/sdk/scram_crypto.h"

namespace scram = skiff::sdk::scram;

TEST_CASE("RFC 7677 SCRAM-SHA-256 example: StoredKey gives the published proof") {
  // user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations.
  const std::string salt = "\x5b\x6d\x99\x68\x9d\x12\x35\x8e\xec\xa0\x4b\x14\x12\x36\xfa\x81";
  const EVP_MD* md = scram::digest_of(scram::kSha256);
  auto salted = scram::salted_password(md, "pencil", salt, 4096);
  auto credential = scram::derive_credential(md, salted, salt, 4096);
  const std::string auth_message =
      "n=user,r=rOprNGfwEbeRWgbNEkqO,"
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
  auto client_key = scram::hmac(md, salted, "Client Key");
  auto signature = scram::hmac(md, credential.stored_key, auth_message);
  std::string proof(client_key.size(), '\0');
  for (size_t i = 0; i < proof.size(); ++i) proof[i] = client_key[i] ^ signature[i];
  // p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=
  CHECK(scram::to_hex(proof) == "747cdb65aa56224e2352137e52d7bdcad6a0f738df30782caa69a2cfb0277554");
  // v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=
  CHECK(scram::to_hex(scram::hmac(md, credential.server_key, auth_message)) ==
        "eabae24d1062db75a9451ff0b6ea7e98c8546549ff741e672d3251b2397de46e");
}

TEST_CASE("records round-trip and malformed ones are refused") {
  scram::StoredCredential c{8192, "salt\x01", "stored", "server"};
  auto decoded = scram::decode(scram::encode(c));
  REQUIRE(decoded);
  CHECK(decoded->iterations == 8192);
  CHECK(decoded->salt == c.salt);
  CHECK(decoded->stored_key == c.stored_key);
  CHECK(decoded->server_key == c.server_key);
  CHECK(!scram::decode("v2 1 aa bb cc"));
  CHECK(!scram::decode("v1 1 zz bb cc"));
  CHECK(!scram::decode("v1"));
  CHECK(scram::record_key("SCRAM-SHA-512", "a/b") == "SCRAM-SHA-512/a/b");
}
