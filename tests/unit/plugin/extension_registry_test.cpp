#include <catch2/catch.hpp>

#include "kernel/plugin/extension_registry.h"
#include "kernel/plugin/plugin_error.h"
#include "test_greeter.h"

using skiff::kernel::ExtensionRegistryImpl;
using skiff::kernel::PluginError;
using skiff::test::Greeter;

namespace {

class FixedGreeter final : public Greeter {
 public:
  explicit FixedGreeter(std::string text) : text_(std::move(text)) {}
  std::string greet() const override { return text_; }

 private:
  std::string text_;
};

}  // namespace

TEST_CASE("extension registry: find by name, and the selected one for an empty name") {
  ExtensionRegistryImpl registry;
  skiff::sdk::ExtensionRegistry& api = registry;
  api.add<Greeter>("en", std::make_shared<FixedGreeter>("hello"));
  api.add<Greeter>("fr", std::make_shared<FixedGreeter>("bonjour"));

  CHECK(api.find<Greeter>("fr")->greet() == "bonjour");
  CHECK(api.find<Greeter>("de") == nullptr);
  CHECK(api.find<Greeter>() == nullptr);  // nothing selected: nothing chosen silently

  registry.select(Greeter::kExtensionPoint, "en", "greeter.type");
  CHECK(api.find<Greeter>()->greet() == "hello");
  CHECK(registry.selected(Greeter::kExtensionPoint) == "en");
  CHECK(registry.check_selections().empty());
  CHECK(registry.names(Greeter::kExtensionPoint) == std::vector<std::string>{"en", "fr"});

  registry.select(Greeter::kExtensionPoint, "");
  CHECK(api.find<Greeter>() == nullptr);
}

TEST_CASE("extension registry: an unknown selection lists what is available") {
  ExtensionRegistryImpl registry;
  registry.add_owned("plugin-a", Greeter::kExtensionPoint, "en", std::make_shared<FixedGreeter>("hi"));
  registry.add_owned("plugin-b", Greeter::kExtensionPoint, "fr", std::make_shared<FixedGreeter>("salut"));
  registry.select(Greeter::kExtensionPoint, "de", "greeter.type");
  registry.select("storage", "lsm", "storage.engine");
  CHECK(registry.check_selections() ==
        std::vector<std::string>{
            "storage.engine=lsm: no 'storage' extension named 'lsm'; available: none (is its plugin on plugin.path?)",
            "greeter.type=de: no 'test.greeter' extension named 'de'; available: en, fr",
        });
}

TEST_CASE("extension registry: duplicates name both owners; owners' entries can be dropped") {
  ExtensionRegistryImpl registry;
  registry.add_owned("plugin-a", Greeter::kExtensionPoint, "en", std::make_shared<FixedGreeter>("hi"));
  CHECK_THROWS_AS(registry.add_owned("plugin-b", Greeter::kExtensionPoint, "en", nullptr), PluginError);
  CHECK_THROWS_WITH(registry.add_owned("plugin-b", Greeter::kExtensionPoint, "en", nullptr),
                    "'test.greeter' extension 'en' is registered by both plugin-a and plugin-b");
  registry.add_owned("plugin-b", Greeter::kExtensionPoint, "fr", std::make_shared<FixedGreeter>("salut"));
  registry.remove_owned_by("plugin-a");
  CHECK(registry.names(Greeter::kExtensionPoint) == std::vector<std::string>{"fr"});
}
