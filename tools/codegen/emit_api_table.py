"""api_table.h/.cpp: every API key with its name, versions and flexibility, and the
request/response header version each API version uses."""

from emit_message import GENERATED_NOTE
from naming import api_enum_name
from schema import SchemaError

# Kafka's exceptions to "flexible body => flexible header":
# - ControlledShutdown v0 uses request header v0, which has no client id;
# - ApiVersions responses always use response header v0, so that a client that sent
#   an unsupported version can still parse the error response.
CONTROLLED_SHUTDOWN = 7
API_VERSIONS = 18


def api_pairs(messages):
    """(request, response) for every api key, ascending; checks they agree."""
    requests = {m.api_key: m for m in messages if m.kind == "request"}
    responses = {m.api_key: m for m in messages if m.kind == "response"}
    if set(requests) != set(responses):
        raise SchemaError("api keys with a request but no response, or the reverse: %s"
                          % sorted(set(requests) ^ set(responses)))
    pairs = []
    for key in sorted(requests):
        req, resp = requests[key], responses[key]
        if str(req.valid_versions) != str(resp.valid_versions) or \
                str(req.flexible_versions) != str(resp.flexible_versions):
            raise SchemaError("%s and %s disagree on versions" % (req.name, resp.name))
        pairs.append((req, resp))
    return pairs


def header(messages):
    pairs = api_pairs(messages)
    enum = ["  %s = %d," % (api_enum_name(req.api_name), req.api_key) for req, _ in pairs]
    return "\n".join([
        GENERATED_NOTE,
        "// The Kafka API table: every api key with its name, supported versions and first",
        "// flexible version, and which request/response header version each API version uses.",
        "#pragma once",
        "",
        "#include <cstdint>",
        "#include <span>",
        "",
        "namespace skiff::protocol {",
        "",
        "enum class ApiKey : int16_t {",
    ] + enum + [
        "};",
        "",
        "struct ApiInfo {",
        "  int16_t api_key;",
        "  const char* name;  // \"Produce\", \"Fetch\", ...",
        "  int16_t min_version;",
        "  int16_t max_version;",
        "  int16_t first_flexible_version;  // INT16_MAX if never flexible",
        "  // The schema marks max_version as unstable (still under development in Kafka);",
        "  // a broker should not advertise it.",
        "  bool latest_version_unstable;",
        "};",
        "",
        "// Every API, by ascending api key.",
        "std::span<const ApiInfo> all_apis();",
        "// The API with this key, or nullptr.",
        "const ApiInfo* find_api(int16_t api_key);",
        "// Request header version (0, 1 or 2) for a request of this API and version; versions",
        "// outside the supported range follow the same rule. -1 for an unknown api key.",
        "int16_t request_header_version(int16_t api_key, int16_t api_version);",
        "// Response header version (0 or 1); -1 for an unknown api key.",
        "int16_t response_header_version(int16_t api_key, int16_t api_version);",
        "",
        "}  // namespace skiff::protocol",
        "",
    ])


def source(messages):
    rows = []
    for req, _ in api_pairs(messages):
        flex = req.first_flexible_version
        rows.append('    {%d, "%s", %d, %d, %s, %s},' % (
            req.api_key, req.api_name, req.valid_versions.lo, req.valid_versions.hi,
            "INT16_MAX" if flex is None else flex,
            "true" if req.latest_version_unstable else "false"))
    return "\n".join([
        GENERATED_NOTE,
        "// The Kafka API table and header versions.",
        '#include "kernel/protocol/generated/api_table.h"',
        "",
        "#include <algorithm>",
        "",
        "namespace skiff::protocol {",
        "",
        "namespace {",
        "",
        "constexpr ApiInfo kApis[] = {",
    ] + rows + [
        "};",
        "",
        "}  // namespace",
        "",
        "std::span<const ApiInfo> all_apis() { return kApis; }",
        "",
        "const ApiInfo* find_api(int16_t api_key) {",
        "  auto it = std::lower_bound(std::begin(kApis), std::end(kApis), api_key,",
        "                             [](const ApiInfo& a, int16_t key) { return a.api_key < key; });",
        "  return it != std::end(kApis) && it->api_key == api_key ? it : nullptr;",
        "}",
        "",
        "int16_t request_header_version(int16_t api_key, int16_t api_version) {",
        "  const ApiInfo* api = find_api(api_key);",
        "  if (api == nullptr) return -1;",
        "  // ControlledShutdown v0 predates the client id in the header.",
        "  if (api_key == %d && api_version == 0) return 0;" % CONTROLLED_SHUTDOWN,
        "  return api_version >= api->first_flexible_version ? 2 : 1;",
        "}",
        "",
        "int16_t response_header_version(int16_t api_key, int16_t api_version) {",
        "  const ApiInfo* api = find_api(api_key);",
        "  if (api == nullptr) return -1;",
        "  // ApiVersions responses always use header v0: a client that sent a version the",
        "  // broker does not support must still be able to read the error.",
        "  if (api_key == %d) return 0;" % API_VERSIONS,
        "  return api_version >= api->first_flexible_version ? 1 : 0;",
        "}",
        "",
        "}  // namespace skiff::protocol",
        "",
    ])
