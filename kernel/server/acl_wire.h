// ACLs between their wire form (CreateAcls, DescribeAcls, DeleteAcls) and the
// SDK's AclBinding / AclBindingFilter: enum codes checked against the ranges
// Kafka defines, and null strings as "match anything".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "skiff/sdk/authorizer.h"

namespace skiff::kernel::server {

struct RequestContext;

// The wire fields of one ACL or filter, whatever message they came in.
struct WireAcl {
  int8_t resource_type = 0;
  std::optional<std::string> resource_name;
  int8_t pattern_type = 0;
  std::optional<std::string> principal;
  std::optional<std::string> host;
  int8_t operation = 0;
  int8_t permission = 0;
};

// An ACL to create; nullopt (with `problem` set) when an enum is UNKNOWN or a code
// Kafka does not define. Whether ANY/MATCH may appear is the authorizer's check
// (sdk::Authorizer::create_acls validates bindings).
std::optional<sdk::AclBinding> binding_from_wire(const WireAcl& wire, std::string& problem);

// A filter; nullopt (with `problem`) when an enum is out of range or UNKNOWN.
std::optional<sdk::AclBindingFilter> filter_from_wire(const WireAcl& wire, std::string& problem);

// Why an ACL request (CreateAcls, DeleteAcls: ALTER; DescribeAcls: DESCRIBE on
// the cluster) is refused as a whole: no ACL-managing authorizer
// (SECURITY_DISABLED) or no permission; ok() when it may go ahead.
sdk::AclResult acl_request_refusal(const RequestContext& ctx, sdk::AclOperation needed);

// Sets every per-item result of a refused request to `refusal`.
template <class Results>
void refuse_all(Results& results, const sdk::AclResult& refusal) {
  for (auto& r : results) {
    r.error_code = sdk::to_wire(refusal.error);
    r.error_message = refusal.message;
  }
}

// Sets one per-item result from the authorizer's answer for it.
template <class Result>
void set_acl_result(Result& r, const sdk::AclResult& answer) {
  r.error_code = sdk::to_wire(answer.error);
  if (answer.ok()) r.error_message.reset();
  else r.error_message = answer.message;
}

// The flow CreateAcls and DeleteAcls share, with one result per request item in
// `results`: unless `refusal` is ok, every item is refused with it. Else each item
// is decoded by `decode(item, problem)` (nullopt: that item is INVALID_REQUEST with
// `problem`), `apply` gets the decoded ones in one call and answers one per
// decoded item (a missing answer counts as `no_answer`), and `record(result,
// answer)` writes each answer into its item's result.
template <class Items, class Results, class Decode, class Apply, class Answer, class Record>
void answer_acl_items(const sdk::AclResult& refusal, const Items& items, Results& results,
                      Decode decode, Apply apply, const Answer& no_answer, Record record) {
  if (!refusal.ok()) return refuse_all(results, refusal);
  using Decoded = typename std::invoke_result_t<Decode&, decltype(items[0]), std::string&>::value_type;
  std::vector<Decoded> decoded;
  std::vector<size_t> slot;  // results index of decoded[i]
  for (size_t i = 0; i < items.size(); ++i) {
    std::string problem;
    auto one = decode(items[i], problem);
    if (!one) {
      results[i].error_code = sdk::to_wire(sdk::ErrorCode::kInvalidRequest);
      results[i].error_message = problem;
      continue;
    }
    decoded.push_back(std::move(*one));
    slot.push_back(i);
  }
  auto answers = apply(decoded);
  answers.resize(decoded.size(), no_answer);
  for (size_t i = 0; i < decoded.size(); ++i) record(results[slot[i]], answers[i]);
}

// The wire codes of a binding's enums.
inline int8_t wire_code(sdk::ResourceType v) { return static_cast<int8_t>(v); }
inline int8_t wire_code(sdk::PatternType v) { return static_cast<int8_t>(v); }
inline int8_t wire_code(sdk::AclOperation v) { return static_cast<int8_t>(v); }
inline int8_t wire_code(sdk::AclPermissionType v) { return static_cast<int8_t>(v); }

}  // namespace skiff::kernel::server
