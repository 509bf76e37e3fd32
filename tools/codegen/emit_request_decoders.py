"""request_decoders.h/.cpp: decoding any request by api key and version at run time,
for the fuzz target and tests."""

from emit_api_table import api_pairs
from emit_message import GENERATED_NOTE, MessageEmitter


def header():
    return "\n".join([
        GENERATED_NOTE,
        "// Decoding any Kafka request body by api key and version at run time (fuzzing, tests).",
        "#pragma once",
        "",
        "#include <cstdint>",
        "#include <optional>",
        "#include <vector>",
        "",
        '#include "kernel/protocol/wire/reader.h"',
        "",
        "namespace skiff::protocol {",
        "",
        "// Decodes a request body of this api key and version from `reader`. Returns false",
        "// for an unknown api key or a version outside the supported range; throws",
        "// DecodeError on malformed input. Trailing bytes are left in the reader.",
        "bool decode_request_for_fuzzing(int16_t api_key, int16_t version, Reader& reader);",
        "",
        "// Decodes like decode_request_for_fuzzing, then encodes the result again in the same",
        "// version; nullopt where decode_request_for_fuzzing returns false.",
        "std::optional<std::vector<uint8_t>> reencode_request_for_fuzzing(int16_t api_key,",
        "                                                                 int16_t version,",
        "                                                                 Reader& reader);",
        "",
        "}  // namespace skiff::protocol",
        "",
    ])


def source(messages):
    requests = [req for req, _ in api_pairs(messages)]
    includes = ['#include "%s"' % MessageEmitter(r).header_path for r in requests]

    def switch(action):
        lines = ["  switch (api_key) {"]
        for r in requests:
            lines.append("    case %d: return %s<%s>(version, reader);" % (r.api_key, action, r.name))
        lines += ["    default: return {};", "  }"]
        return lines

    return "\n".join([
        GENERATED_NOTE,
        "// Run-time dispatch from api key to the generated request types.",
        '#include "kernel/protocol/generated/request_decoders.h"',
        "",
    ] + includes + [
        "",
        '#include "kernel/protocol/wire/writer.h"',
        "",
        "namespace skiff::protocol {",
        "",
        "namespace {",
        "",
        "template <class Request>",
        "bool decode_as(int16_t version, Reader& reader) {",
        "  if (version < Request::kMinVersion || version > Request::kMaxVersion) return false;",
        "  Request request;",
        "  request.decode(reader, version);",
        "  return true;",
        "}",
        "",
        "template <class Request>",
        "std::optional<std::vector<uint8_t>> reencode_as(int16_t version, Reader& reader) {",
        "  if (version < Request::kMinVersion || version > Request::kMaxVersion) return std::nullopt;",
        "  Request request;",
        "  request.decode(reader, version);",
        "  Writer writer;",
        "  request.encode(writer, version);",
        "  return std::move(writer).finish().flatten();",
        "}",
        "",
        "}  // namespace",
        "",
        "bool decode_request_for_fuzzing(int16_t api_key, int16_t version, Reader& reader) {",
    ] + switch("decode_as") + [
        "}",
        "",
        "std::optional<std::vector<uint8_t>> reencode_request_for_fuzzing(int16_t api_key,",
        "                                                                 int16_t version,",
        "                                                                 Reader& reader) {",
    ] + switch("reencode_as") + [
        "}",
        "",
        "}  // namespace skiff::protocol",
        "",
    ])
