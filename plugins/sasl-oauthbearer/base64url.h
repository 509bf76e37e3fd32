// base64url without padding (RFC 4648 section 5), as JWTs and JWKs use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skiff::sasl_oauthbearer {

std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace skiff::sasl_oauthbearer
