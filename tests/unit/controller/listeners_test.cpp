// LocalController listeners: told after each committed topic change, in order,
// never for validate-only or failed requests, and free to call back in.
#include <catch2/catch.hpp>

#include <thread>

#include "local_controller.h"
#include "new_topic.h"
#include "temp_dir.h"

using namespace skiff::controller_local;
using skiff::test::new_topic;

namespace {

struct Recorder : skiff::sdk::MetadataListener {
  explicit Recorder(LocalController* controller = nullptr) : controller(controller) {}
  void on_topic_changed(const skiff::sdk::TopicInfo& topic) override {
    // The change is visible by the time listeners hear of it, and calling back
    // into the controller does not deadlock.
    if (controller) CHECK(controller->topic(topic.name));
    events.push_back("changed " + topic.name + " " + std::to_string(topic.partitions.size()) +
                     " " + std::to_string(topic.configs.size()));
  }
  void on_topic_deleted(const skiff::sdk::TopicInfo& topic) override {
    events.push_back("deleted " + topic.name);
  }
  LocalController* controller;
  std::vector<std::string> events;
};

}  // namespace

TEST_CASE("listeners hear committed changes only") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 1);
  Recorder recorder(&controller);
  controller.add_listener(&recorder);

  REQUIRE(controller.create_topic(new_topic("t", 1), false).first.ok());
  REQUIRE(controller.create_topic(new_topic("dry"), true).first.ok());
  REQUIRE_FALSE(controller.create_topic(new_topic("t"), false).first.ok());
  REQUIRE(controller.create_partitions("t", 3, false).ok());
  REQUIRE(controller.create_partitions("t", 9, true).ok());
  REQUIRE(controller.alter_topic_configs("t", {{"retention.ms", "1"}}, false).ok());
  REQUIRE(controller.delete_topic("t").ok());
  REQUIRE_FALSE(controller.delete_topic("t").ok());

  CHECK(recorder.events == std::vector<std::string>{"changed t 1 0", "changed t 3 0",
                                                    "changed t 3 1", "deleted t"});

  controller.remove_listener(&recorder);
  REQUIRE(controller.create_topic(new_topic("after"), false).first.ok());
  CHECK(recorder.events.size() == 4);
}

TEST_CASE("a listener may write to the controller from its callback") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 1);
  struct Mirror : skiff::sdk::MetadataListener {
    LocalController& c;
    explicit Mirror(LocalController& c) : c(c) {}
    void on_topic_changed(const skiff::sdk::TopicInfo& topic) override {
      if (!topic.name.starts_with("mirror-")) c.create_topic(new_topic("mirror-" + topic.name), false);
    }
    void on_topic_deleted(const skiff::sdk::TopicInfo&) override {}
  } mirror(controller);
  Recorder recorder;
  controller.add_listener(&mirror);
  controller.add_listener(&recorder);

  REQUIRE(controller.create_topic(new_topic("a"), false).first.ok());
  CHECK(controller.topic("mirror-a"));
  CHECK(recorder.events == std::vector<std::string>{"changed a 1 0", "changed mirror-a 1 0"});
}

TEST_CASE("concurrent writers: every change is delivered exactly once") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 1);
  std::mutex mutex;
  struct Counter : skiff::sdk::MetadataListener {
    std::mutex& m;
    int changed = 0;
    explicit Counter(std::mutex& m) : m(m) {}
    void on_topic_changed(const skiff::sdk::TopicInfo&) override {
      std::lock_guard lock(m);
      ++changed;
    }
    void on_topic_deleted(const skiff::sdk::TopicInfo&) override {}
  } counter(mutex);
  controller.add_listener(&counter);

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        controller.create_topic(new_topic("t" + std::to_string(t) + "-" + std::to_string(i)), false);
        controller.allocate_producer_ids(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  // remove_listener waits for any delivery in flight.
  controller.remove_listener(&counter);
  CHECK(counter.changed == 40);
  CHECK(controller.topics().size() == 40);
  CHECK(controller.allocate_producer_ids(1).first_id == 40);
}
