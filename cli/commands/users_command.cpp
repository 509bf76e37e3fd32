// `skiff users`: add, delete and describe SCRAM credentials (Kafka's
// kafka-configs.sh --entity-type users --alter --add-config 'SCRAM-SHA-512=[...]').
// The password is salted here (PBKDF2) and only the salt, iteration count and salted
// password go to the broker, which keeps just the keys derived from them.
#include <fstream>
#include <iostream>
#include <string>

#include "commands/commands.h"
#include "common/client_config.h"
#include "common/errors.h"
#include "common/kafka_wire_client.h"
#include "kernel/protocol/generated/alter_user_scram_credentials_request.h"
#include "kernel/protocol/generated/alter_user_scram_credentials_response.h"
#include "kernel/protocol/generated/describe_user_scram_credentials_request.h"
#include "kernel/protocol/generated/describe_user_scram_credentials_response.h"
#include "skiff/sdk/scram_crypto.h"

namespace skiff::cli {

namespace {

namespace scram = sdk::scram;
using protocol::AlterUserScramCredentialsRequest;
using protocol::AlterUserScramCredentialsResponse;
using protocol::DescribeUserScramCredentialsRequest;
using protocol::DescribeUserScramCredentialsResponse;

int8_t mechanism_code(const std::string& name) {
  if (name == scram::kSha256) return 1;
  if (name == scram::kSha512) return 2;
  throw UsageError("--mechanism must be SCRAM-SHA-256 or SCRAM-SHA-512, not '" + name + "'");
}

std::string mechanism_name(int8_t code) {
  return code == 1 ? std::string(scram::kSha256) : code == 2 ? std::string(scram::kSha512) : "UNKNOWN";
}

std::string read_password_file(const std::string& path) {
  std::ifstream in(path);
  std::string password;
  if (!in || !std::getline(in, password)) throw CommandError("cannot read --password-file " + path);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) throw CommandError("--password-file " + path + " holds an empty password");
  return password;
}

class UsersCommand : public Command {
 public:
  std::string_view name() const override { return "users"; }
  std::string_view summary() const override { return "Add, delete and describe SCRAM users"; }
  std::string_view synopsis() const override {
    return "--bootstrap-server HOST:PORT (--add NAME --mechanism M (--password PW | "
           "--password-file FILE) | --delete NAME --mechanism M | --describe [NAME])";
  }

  void declare_options(OptionTable& options) const override {
    declare_connection_options(options);
    options.value("add", "NAME", "Add or update the SCRAM credential of a user");
    options.value("delete", "NAME", "Delete the SCRAM credential of a user");
    options.flag("describe", "Describe the SCRAM credentials of every user, or of --user");
    options.value("user", "NAME", "With --describe: only this user");
    options.value("mechanism", "M", "SCRAM-SHA-256 or SCRAM-SHA-512 (default SCRAM-SHA-512)");
    options.value("password", "PW", "The password (visible to other local users: prefer --password-file)");
    options.value("password-file", "FILE", "A file whose first line is the password");
    options.value("iterations", "N", "PBKDF2 iterations, 4096..16384 (default 8192)");
  }

  int run(const ParsedArgs& args) override {
    auto action = args.exactly_one_of({"add", "delete", "describe"});
    args.forbid_together("password", {"password-file"});
    if (action != "add" && (args.has("password") || args.has("password-file") || args.has("iterations"))) {
      throw UsageError("--password, --password-file and --iterations go with --add");
    }
    if (action != "describe" && args.has("user")) throw UsageError("--user goes with --describe");
    KafkaWireClient client(args);
    if (action == "describe") return describe(client, args);
    std::string mechanism = args.value_or("mechanism", scram::kSha512);
    int8_t code = mechanism_code(mechanism);
    AlterUserScramCredentialsRequest request;
    std::string user;
    if (action == "add") {
      user = args.required("add");
      std::string password = args.has("password-file") ? read_password_file(*args.value("password-file"))
                                                       : args.required("password");
      auto iterations = static_cast<int32_t>(
          args.integer("iterations", 8192, scram::kMinIterations, scram::kMaxIterations));
      std::string salt = scram::random_bytes(32);
      std::string salted = scram::salted_password(scram::digest_of(mechanism), password, salt, iterations);
      AlterUserScramCredentialsRequest::ScramCredentialUpsertion u;
      u.name = user;
      u.mechanism = code;
      u.iterations = iterations;
      u.salt.assign(salt.begin(), salt.end());
      u.salted_password.assign(salted.begin(), salted.end());
      request.upsertions.push_back(std::move(u));
    } else {
      user = args.required("delete");
      AlterUserScramCredentialsRequest::ScramCredentialDeletion d;
      d.name = user;
      d.mechanism = code;
      request.deletions.push_back(std::move(d));
    }
    auto response = client.call<AlterUserScramCredentialsRequest, AlterUserScramCredentialsResponse>(request, 0);
    for (const auto& r : response.results) {
      if (r.error_code != 0) {
        throw CommandError((action == "add" ? "adding " : "deleting ") + mechanism + " credential of '" +
                           r.user + "' failed (error " + std::to_string(r.error_code) + "): " +
                           r.error_message.value_or(""));
      }
    }
    std::cout << (action == "add" ? "Set " : "Deleted ") << mechanism << " credential of user '" << user
              << "'.\n";
    return kExitOk;
  }

 private:
  static int describe(KafkaWireClient& client, const ParsedArgs& args) {
    DescribeUserScramCredentialsRequest request;
    request.users.emplace();
    if (auto user = args.value("user")) {
      DescribeUserScramCredentialsRequest::UserName name;
      name.name = *user;
      request.users->push_back(std::move(name));
    }
    auto response =
        client.call<DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsResponse>(request, 0);
    if (response.error_code != 0) {
      throw CommandError("describe failed (error " + std::to_string(response.error_code) +
                         "): " + response.error_message.value_or(""));
    }
    int status = kExitOk;
    for (const auto& r : response.results) {
      if (r.error_code != 0) {
        std::cerr << "User '" << r.user << "': " << r.error_message.value_or("error " + std::to_string(r.error_code))
                  << "\n";
        status = kExitFailure;
        continue;
      }
      std::cout << "SCRAM credential configs for user-principal '" << r.user << "' are ";
      for (size_t i = 0; i < r.credential_infos.size(); ++i) {
        const auto& c = r.credential_infos[i];
        std::cout << (i ? ", " : "") << mechanism_name(c.mechanism) << "=iterations=" << c.iterations;
      }
      std::cout << "\n";
    }
    return status;
  }
};

}  // namespace

std::unique_ptr<Command> make_users_command() { return std::make_unique<UsersCommand>(); }

}  // namespace skiff::cli
