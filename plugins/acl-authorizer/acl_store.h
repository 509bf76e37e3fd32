// The ACL set: the in-memory index every authorization reads (under a shared lock,
// so decisions run in parallel) and its durable copy in the controller's records.
// Changes are written to the controller first and indexed after, one writer at a
// time, so a reader never waits on disk I/O.
#pragma once

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "acl_index.h"
#include "skiff/sdk/controller.h"

namespace skiff::acl {

class AclStore {
 public:
  // Loads every stored ACL; returns the record keys that could not be decoded.
  std::vector<std::string> attach(std::shared_ptr<sdk::Controller> controller);
  void detach();
  bool attached() const;

  // Stores and indexes the binding; false if it was already there. Throws if the
  // controller is missing or fails.
  bool add(const sdk::AclBinding& binding);
  // Removes every binding the filter matches and returns them.
  std::vector<sdk::AclBinding> remove(const sdk::AclBindingFilter& filter);
  std::vector<sdk::AclBinding> describe(const sdk::AclBindingFilter& filter) const;

  // Runs fn(const AclIndex&) under the shared lock.
  template <class Fn>
  auto read(Fn&& fn) const {
    std::shared_lock lock(index_mutex_);
    return fn(index_);
  }

 private:
  std::shared_ptr<sdk::Controller> controller_locked() const;

  mutable std::mutex write_mutex_;  // one change at a time; also guards controller_
  std::shared_ptr<sdk::Controller> controller_;
  mutable std::shared_mutex index_mutex_;
  AclIndex index_;
};

}  // namespace skiff::acl
