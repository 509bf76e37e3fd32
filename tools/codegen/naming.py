"""C++ names for schema names: snake_case members and file names, keyword escaping."""

import re

CPP_KEYWORDS = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
    "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
    "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
    "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
    "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
    "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
    "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
    "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
    "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
}

# Names the generated code uses unqualified inside a message struct; a nested struct
# with one of these names would shadow it.
RESERVED_TYPE_NAMES = {"Records", "Reader", "Writer", "TaggedField", "DecodeError", "EncodeError"}

# Member names the generated structs already use.
RESERVED_MEMBER_NAMES = {"unknown_tagged_fields", "decode", "encode"}


def snake_case(name):
    """TopicData -> topic_data, ThrottleTimeMs -> throttle_time_ms, V3AndBelow -> v3_and_below.
    "KRaft" is one word (KRaftVersion -> kraft_version)."""
    name = name.replace("KRaft", "Kraft")
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    return s.lower()


def member_name(field_name):
    s = snake_case(field_name)
    if s in CPP_KEYWORDS or s in RESERVED_MEMBER_NAMES:
        s += "_"
    return s


def file_stem(message_name):
    """ProduceRequest -> produce_request (the .h and .cpp in generated/)."""
    return snake_case(message_name)


def api_enum_name(api_name):
    """Produce -> kProduce."""
    return "k" + api_name
