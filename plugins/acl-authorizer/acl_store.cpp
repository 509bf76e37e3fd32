#include "acl_store.h"

#include <stdexcept>

#include "acl_codec.h"

namespace skiff::acl {

std::vector<std::string> AclStore::attach(std::shared_ptr<sdk::Controller> controller) {
  std::lock_guard writer(write_mutex_);
  std::vector<std::string> undecodable;
  AclIndex loaded;
  if (controller) {
    for (const auto& [key, value] : controller->scan_records(kRecordNamespace, "")) {
      if (auto binding = decode_key(key)) {
        loaded.add(*binding);
      } else {
        undecodable.push_back(key);
      }
    }
  }
  controller_ = std::move(controller);
  std::unique_lock lock(index_mutex_);
  index_ = std::move(loaded);
  return undecodable;
}

void AclStore::detach() {
  std::lock_guard writer(write_mutex_);
  controller_.reset();
}

bool AclStore::attached() const {
  std::lock_guard writer(write_mutex_);
  return controller_ != nullptr;
}

std::shared_ptr<sdk::Controller> AclStore::controller_locked() const {
  if (!controller_) throw std::runtime_error("no controller to store ACLs in");
  return controller_;
}

bool AclStore::add(const sdk::AclBinding& binding) {
  std::lock_guard writer(write_mutex_);
  // Only writers change the index, and we are the only writer: no lock to read it.
  if (index_.contains(binding)) return false;
  controller_locked()->put_record(kRecordNamespace, encode_key(binding), kRecordValue);
  std::unique_lock lock(index_mutex_);
  return index_.add(binding);
}

std::vector<sdk::AclBinding> AclStore::remove(const sdk::AclBindingFilter& filter) {
  std::lock_guard writer(write_mutex_);
  auto controller = controller_locked();
  std::vector<sdk::AclBinding> removed;
  for (auto& binding : index_.matching(filter)) {
    controller->delete_record(kRecordNamespace, encode_key(binding));
    std::unique_lock lock(index_mutex_);
    index_.remove(binding);
    removed.push_back(std::move(binding));
  }
  return removed;
}

std::vector<sdk::AclBinding> AclStore::describe(const sdk::AclBindingFilter& filter) const {
  return read([&](const AclIndex& index) { return index.matching(filter); });
}

}  // namespace skiff::acl
