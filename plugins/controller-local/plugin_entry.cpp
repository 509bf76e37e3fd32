// The controller-local plugin: declares metadata.log.dir and, when the configuration
// selects controller.type=local, opens a LocalController and registers it as the
// "local" controller extension.
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "local_controller.h"
#include "skiff/sdk/controller.h"
#include "skiff/sdk/plugin.h"

namespace skiff::controller_local {
namespace {

constexpr const char* kMetadataLogDir = "metadata.log.dir";
// Where the store goes, under the first log directory, when metadata.log.dir is unset.
constexpr const char* kDefaultSubdir = "__skiff_metadata";

class LocalControllerPlugin final : public sdk::Plugin {
 public:
  void declare_config(sdk::ConfigSchema& schema) override {
    sdk::ConfigKey key;
    key.name = kMetadataLogDir;
    key.type = sdk::ConfigType::kString;
    key.default_value = "";
    key.doc = std::string("The directory of the local controller's metadata store (LMDB). If "
                          "empty, the store is placed in the first entry of log.dirs, in ") +
              kDefaultSubdir + ".";
    schema.define(std::move(key));
  }

  void configure(sdk::Host& host) override {
    const auto& config = host.config();
    // Another controller was selected; do not create or lock a store nobody uses.
    if (auto type = config.raw("controller.type"); type && *type != "local") return;

    std::filesystem::path dir = config.get_string(kMetadataLogDir);
    if (dir.empty()) {
      auto log_dirs = config.get_list("log.dirs");
      if (log_dirs.empty()) {
        throw std::runtime_error(std::string(kMetadataLogDir) +
                                 " is empty and log.dirs has no entry to put the metadata in");
      }
      dir = std::filesystem::path(log_dirs.front()) / kDefaultSubdir;
    }
    controller_ = std::make_shared<LocalController>(dir, host.node_id());
    host.logger("controller")
        .info("local controller opened " + dir.string() + ", cluster id " +
              controller_->cluster_id());
    host.extensions().add<sdk::Controller>("local", controller_);
  }

 private:
  std::shared_ptr<LocalController> controller_;
};

}  // namespace
}  // namespace skiff::controller_local

SKIFF_PLUGIN(skiff::controller_local::LocalControllerPlugin, "controller-local",
             "Embedded single-node controller persisted in LMDB")
