"""How a schema field looks in C++: its member type, initializer, default test and
the literal forms of its JSON default."""

import re

from naming import member_name
from schema import SchemaError

SCALARS = {
    "bool": "bool", "int8": "int8_t", "int16": "int16_t", "uint16": "uint16_t",
    "int32": "int32_t", "uint32": "uint32_t", "int64": "int64_t", "float64": "double",
    "uuid": "::skiff::sdk::Uuid",
}
INT_BITS = {"int8": 8, "int16": 16, "int32": 32, "int64": 64, "uint16": 16, "uint32": 32}
# Wire size of the fixed-width types, for array length checks before allocating.
FIXED_SIZES = {"bool": 1, "int8": 1, "int16": 2, "uint16": 2, "int32": 4, "uint32": 4,
               "int64": 8, "float64": 8, "uuid": 16}
NULLABLE_KINDS = {"string", "bytes", "records"}


def element_cpp(element):
    if element in SCALARS:
        return SCALARS[element]
    if element == "string":
        return "std::string"
    if element == "bytes":
        return "std::vector<uint8_t>"
    if element == "records":
        return "Records"
    return element  # a nested struct


def int_literal(value, element):
    bits = INT_BITS[element]
    unsigned = element.startswith("u")
    lo, hi = (0, 2 ** bits - 1) if unsigned else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    if not lo <= value <= hi:
        raise SchemaError("default %d out of range for %s" % (value, element))
    if not unsigned and value == lo:
        # -2147483648 is not a literal in C++ but the negation of one, too big for int.
        return "(%d%s - 1)" % (value + 1, "LL" if bits == 64 else "")
    return "%d%s" % (value, "LL" if bits == 64 and abs(value) > 2 ** 31 - 1 else "")


def parse_int(text):
    text = str(text).strip()
    if re.fullmatch(r"-?0[xX][0-9a-fA-F]+", text):
        return int(text, 16)
    if re.fullmatch(r"-?0[0-7]+", text):
        return int(text, 8)
    return int(text)


def string_literal(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.extend("\\x%02x" % b for b in ch.encode("utf-8"))
    return '"' + "".join(out) + '"'


class CppField:
    """One field of a struct, in a message's context."""

    def __init__(self, field, message, struct):
        self.field = field
        self.message = message
        self.struct = struct
        self.name = member_name(field.name)
        self.type = field.type
        self.element = field.type.element
        present = field.versions.intersect(message.valid_versions)
        self.present = present
        self.nullable = field.nullable_versions.intersect(present)
        self.tagged = field.tagged_versions.intersect(present)
        # Versions in which the field is in the fixed part of the struct (not tagged).
        self.regular = present.below(self.tagged.lo) if not self.tagged.is_empty() else present
        nullable_kind = self.type.is_array or self.element in NULLABLE_KINDS or self.type.is_struct
        if not self.nullable.is_empty() and not nullable_kind:
            raise SchemaError("%s.%s: %s cannot be nullable" % (struct.path, field.name, field.type.spec))
        # Records is nullable itself; everything else nullable becomes std::optional.
        self.optional = not self.nullable.is_empty() and (
            self.type.is_array or self.element != "records")
        self.default_is_null = str(field.default) == "null" if field.default is not None else False
        if self.default_is_null and not self.optional and self.element != "records":
            raise SchemaError("%s.%s: null default on a non-nullable field" % (struct.path, field.name))

    @property
    def qualified_label(self):
        """For error messages: Message::Struct::member."""
        owner = self.message.name if self.struct is self.message.root \
            else "%s::%s" % (self.message.name, self.struct.name)
        return "%s::%s" % (owner, self.name)

    @property
    def is_scalar(self):
        return not self.type.is_array and self.element in SCALARS

    def cpp_type(self):
        base = element_cpp(self.element)
        if self.type.is_array:
            base = "std::vector<%s>" % base
        return "std::optional<%s>" % base if self.optional else base

    # --- defaults ---

    def scalar_default(self):
        """The default of a scalar field as a C++ literal."""
        d = self.field.default
        if self.element == "bool":
            if d is None:
                return "false"
            value = d if isinstance(d, bool) else str(d).strip().lower()
            if value not in (True, False, "true", "false"):
                raise SchemaError("%s: bad bool default %r" % (self.qualified_label, d))
            return "true" if value in (True, "true") else "false"
        if self.element == "float64":
            return repr(float(d)) if d is not None else "0.0"
        if self.element == "uuid":
            if d not in (None, "", "AAAAAAAAAAAAAAAAAAAAAA"):
                raise SchemaError("%s: only the zero uuid default is supported" % self.qualified_label)
            return None
        return int_literal(parse_int(d) if d is not None else 0, self.element)

    def string_default(self):
        d = self.field.default
        return "" if d is None or self.default_is_null else str(d)

    def check_default_supported(self):
        d = self.field.default
        if d is None or self.default_is_null or self.is_scalar or self.element == "string":
            return
        if str(d) == "":
            return
        raise SchemaError("%s: default %r not supported for %s"
                          % (self.qualified_label, d, self.type.spec))

    def member_initializer(self):
        """What follows the member's name in its declaration."""
        self.check_default_supported()
        if self.is_scalar:
            lit = self.scalar_default()
            return "" if lit is None else " = " + lit
        if self.optional:
            if self.default_is_null:
                return ""
            if not self.type.is_array and self.element == "string" and self.string_default():
                return "{std::in_place, %s}" % string_literal(self.string_default())
            return "{std::in_place}"
        if not self.type.is_array and self.element == "string" and self.string_default():
            return " = " + string_literal(self.string_default())
        return ""

    def is_default_expr(self, lhs):
        """A C++ expression that is true when `lhs` (this field's value) is the default."""
        if self.is_scalar:
            if self.element == "uuid":
                return "%s.is_zero()" % lhs
            if self.element == "bool":
                return ("%s" if self.scalar_default() == "true" else "!%s") % lhs
            return "%s == %s" % (lhs, self.scalar_default())
        if self.element == "records" and not self.type.is_array:
            return "%s.is_null()" % lhs
        if not self.type.is_array and self.type.is_struct:
            empty = "%s == %s()" % ("%s", self.element)
        elif not self.type.is_array and self.element == "string" and self.string_default():
            empty = "%s == " + string_literal(self.string_default())
        else:
            empty = "%s.empty()"
        if not self.optional:
            return empty % lhs
        if self.default_is_null:
            return "!%s.has_value()" % lhs
        return "(%s.has_value() && %s)" % (lhs, empty % ("(*%s)" % lhs))

    def non_default_expr(self, lhs):
        """The negation of is_default_expr, without double negations."""
        expr = self.is_default_expr(lhs)
        if expr.startswith("!") and " " not in expr:
            return expr[1:]
        if " " not in expr:
            return "!" + expr
        m = re.fullmatch(r"(\S+) == (\S+)", expr)
        if m:
            return "%s != %s" % (m.group(1), m.group(2))
        return "!(%s)" % expr
