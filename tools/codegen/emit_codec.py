"""The bodies of the generated decode() and encode() functions of one struct."""

from cpp_types import CppField, FIXED_SIZES, SCALARS
from versions_cpp import conj, guarded, negate, paren, version_cond

SCALAR_METHOD = {
    "bool": "bool", "int8": "int8", "int16": "int16", "uint16": "uint16", "int32": "int32",
    "uint32": "uint32", "int64": "int64", "float64": "float64", "uuid": "uuid",
}
INDENT = "  "


def indent(lines, n=1):
    return [INDENT * n + l if l else l for l in lines]


class StructCodec:
    """Generates decode/encode statements for one struct of a message."""

    def __init__(self, message, struct):
        self.message = message
        self.struct = struct
        self.valid = message.valid_versions
        self.fields = [CppField(f, message, struct) for f in struct.fields]

    # --- conditions ---

    def cond(self, rng):
        return version_cond(rng, self.valid)

    @property
    def flexible_cond(self):
        return self.cond(self.message.flexible_versions)

    def compact(self, cf):
        """Whether `cf` uses compact encodings: the message's flexible versions, unless
        the field overrides them (RequestHeader.ClientId is never compact)."""
        if cf.field.flexible_versions is not None:
            return paren(self.cond(cf.field.flexible_versions))
        return "flexible" if self.flexible_cond != "false" else "false"

    # --- decode ---

    def decode_body(self):
        lines = ["*this = %s();" % self.struct.name]
        if self.flexible_cond != "false":
            lines.append("[[maybe_unused]] const bool flexible = %s;" % self.flexible_cond)
        for cf in self.fields:
            lines += guarded(self.cond(cf.regular),
                             self.decode_value(cf, "this->" + cf.name, "reader", self.compact(cf),
                                               cf.regular))
        if self.flexible_cond != "false":
            lines += guarded("flexible", self.decode_tagged_section())
        return lines

    def decode_tagged_section(self):
        tagged = [cf for cf in self.fields if not cf.tagged.is_empty()]
        if not tagged:
            return ["reader.read_unknown_tagged_fields(this->unknown_tagged_fields);"]
        lines = ["const uint32_t tagged_count = reader.read_tagged_field_count();",
                 "for (uint32_t i = 0; i < tagged_count; ++i) {",
                 INDENT + "uint32_t tag;",
                 INDENT + "Reader field = reader.read_tagged_field(tag);"]
        branch = "if"
        for cf in sorted(tagged, key=lambda c: c.field.tag):
            cond = conj("tag == %d" % cf.field.tag, self.cond(cf.tagged))
            lines.append(INDENT + "%s (%s) {" % (branch, cond))
            body = self.decode_value(cf, "this->" + cf.name, "field", "true", cf.tagged)
            body.append('field.expect_end("%s");' % cf.qualified_label)
            lines += indent(body, 2)
            branch = "} else if"
        lines += [INDENT + "} else {",
                  INDENT * 2 + "this->unknown_tagged_fields.push_back(field.to_unknown_tagged_field(tag));",
                  INDENT + "}",
                  "}"]
        return lines

    def decode_value(self, cf, lhs, rd, compact, within):
        nullable = version_cond(cf.nullable, within)
        label = cf.qualified_label
        if cf.type.is_array:
            return self.decode_array(cf, lhs, rd, compact, nullable)
        if cf.element in SCALARS:
            return ["%s = %s.read_%s();" % (lhs, rd, SCALAR_METHOD[cf.element])]
        if cf.element == "records":
            lines = ["%s = %s.read_records(%s);" % (lhs, rd, compact)]
            if nullable != "true":
                lines.append('if (%s) throw_decode_null("%s", version);'
                             % (conj(negate(nullable), lhs + ".is_null()"), label))
            return lines
        if cf.element in ("string", "bytes"):
            plain = "%s = %s.read_%s(%s);" % (lhs, rd, cf.element, compact)
            if not cf.optional or nullable == "false":
                return [plain]
            with_null = "%s = %s.read_nullable_%s(%s);" % (lhs, rd, cf.element, compact)
            if nullable == "true":
                return [with_null]
            return ["if (%s) {" % nullable, INDENT + with_null, "} else {", INDENT + plain, "}"]
        # A struct; a nullable one is preceded by an int8 that is negative for null.
        if not cf.optional:
            return ["%s.decode(%s, version);" % (lhs, rd)]
        if nullable == "false":
            return ["%s.emplace().decode(%s, version);" % (lhs, rd)]
        test = conj(nullable, "%s.read_int8() < 0" % rd)
        return ["if (%s) {" % test, INDENT + "%s.reset();" % lhs, "} else {",
                INDENT + "%s.emplace().decode(%s, version);" % (lhs, rd), "}"]

    def decode_array(self, cf, lhs, rd, compact, nullable):
        size = FIXED_SIZES.get(cf.element)
        length_args = compact if size is None else "%s, %d" % (compact, size)
        lines = ["const int32_t n = %s.read_array_length(%s);" % (rd, length_args),
                 "if (n < 0) {"]
        if cf.optional and nullable != "false":
            if nullable != "true":
                lines.append(INDENT + 'if (%s) throw_decode_null("%s", version);'
                             % (negate(nullable), cf.qualified_label))
            lines.append(INDENT + "%s.reset();" % lhs)
        else:
            lines.append(INDENT + 'throw_decode_null("%s", version);' % cf.qualified_label)
        lines.append("} else {")
        lines.append(INDENT + "auto& items = %s;" % (lhs + ".emplace()" if cf.optional else lhs))
        if size is not None:
            lines.append(INDENT + "items.reserve(static_cast<size_t>(n));")
        lines.append(INDENT + "for (int32_t k = 0; k < n; ++k) {")
        if cf.element in SCALARS:
            item = "items.push_back(%s.read_%s());" % (rd, SCALAR_METHOD[cf.element])
        elif cf.element in ("string", "bytes"):
            item = "items.push_back(%s.read_%s(%s));" % (rd, cf.element, compact)
        elif cf.element == "records":
            item = "items.push_back(%s.read_records(%s));" % (rd, compact)
        else:
            item = "items.emplace_back().decode(%s, version);" % rd
        lines += [INDENT * 2 + item, INDENT + "}", "}"]
        return ["{"] + indent(lines) + ["}"]

    # --- encode ---

    def encode_body(self):
        lines = []
        if self.flexible_cond != "false":
            lines.append("[[maybe_unused]] const bool flexible = %s;" % self.flexible_cond)
        for cf in self.fields:
            if not cf.field.ignorable:
                absent = negate(self.cond(cf.present))
                if absent != "false":
                    lines += guarded(
                        conj(absent, cf.non_default_expr("this->" + cf.name)),
                        ['throw_encode_absent_field("%s", version);' % cf.qualified_label])
            lines += guarded(self.cond(cf.regular),
                             self.encode_value(cf, "this->" + cf.name, "writer", self.compact(cf),
                                               cf.regular))
        if self.flexible_cond != "false":
            lines += guarded("flexible", self.encode_tagged_section())
        return lines

    def encode_tagged_section(self):
        tagged = sorted((cf for cf in self.fields if not cf.tagged.is_empty()),
                        key=lambda c: c.field.tag)
        if not tagged:
            return ["writer.write_tagged_fields(this->unknown_tagged_fields);"]
        lines = ["uint32_t tagged_count = static_cast<uint32_t>(this->unknown_tagged_fields.size());"]
        for cf in tagged:
            when = self.cond(cf.tagged)
            test = conj(when, cf.non_default_expr("this->" + cf.name))
            lines.append("const bool has_%s = %s;" % (cf.name, test))
            lines.append("tagged_count += has_%s ? 1 : 0;" % cf.name)
        lines.append("writer.write_uvarint(tagged_count);")
        lines.append("size_t next_unknown = 0;")
        for cf in tagged:
            body = ["next_unknown = writer.write_unknown_tagged_fields_below(this->unknown_tagged_fields, next_unknown, %d);" % cf.field.tag,
                    "Writer value;"]
            body += self.encode_value(cf, "this->" + cf.name, "value", "true", cf.tagged)
            body.append("writer.write_tagged_field(%d, std::move(value));" % cf.field.tag)
            lines += guarded("has_%s" % cf.name, body)
        lines.append("writer.write_unknown_tagged_fields_from(this->unknown_tagged_fields, next_unknown);")
        return lines

    def encode_value(self, cf, lhs, wr, compact, within):
        nullable = version_cond(cf.nullable, within)
        label = cf.qualified_label
        null_error = 'throw_encode_null("%s", version);' % label
        if cf.type.is_array:
            return self.encode_array(cf, lhs, wr, compact, nullable)
        if cf.element in SCALARS:
            return ["%s.write_%s(%s);" % (wr, SCALAR_METHOD[cf.element], lhs)]
        if cf.element == "records":
            lines = []
            if nullable != "true":
                lines.append("if (%s) %s" % (conj(negate(nullable), lhs + ".is_null()"), null_error))
            return lines + ["%s.write_records(%s, %s);" % (wr, lhs, compact)]
        if cf.element in ("string", "bytes"):
            if not cf.optional:
                return ["%s.write_%s(%s, %s);" % (wr, cf.element, lhs, compact)]
            with_null = "%s.write_nullable_%s(%s, %s);" % (wr, cf.element, lhs, compact)
            strict = ["if (!%s) %s" % (lhs, null_error),
                      "%s.write_%s(*%s, %s);" % (wr, cf.element, lhs, compact)]
            if nullable == "true":
                return [with_null]
            if nullable == "false":
                return strict
            return ["if (%s) {" % nullable, INDENT + with_null, "} else {"] + indent(strict) + ["}"]
        if not cf.optional:
            return ["%s.encode(%s, version);" % (lhs, wr)]
        strict = ["if (!%s) %s" % (lhs, null_error), "%s->encode(%s, version);" % (lhs, wr)]
        with_null = ["if (!%s) {" % lhs, INDENT + "%s.write_int8(-1);" % wr, "} else {",
                     INDENT + "%s.write_int8(1);" % wr,
                     INDENT + "%s->encode(%s, version);" % (lhs, wr), "}"]
        if nullable == "true":
            return with_null
        if nullable == "false":
            return strict
        return ["if (%s) {" % nullable] + indent(with_null) + ["} else {"] + indent(strict) + ["}"]

    def encode_array(self, cf, lhs, wr, compact, nullable):
        if cf.element in SCALARS:
            item = "%s.write_%s(item);" % (wr, SCALAR_METHOD[cf.element])
        elif cf.element in ("string", "bytes"):
            item = "%s.write_%s(item, %s);" % (wr, cf.element, compact)
        elif cf.element == "records":
            item = "%s.write_records(item, %s);" % (wr, compact)
        else:
            item = "item.encode(%s, version);" % wr
        if not cf.optional:
            return ["%s.write_array_size(%s.size(), %s);" % (wr, lhs, compact),
                    "for (const auto& item : %s) %s" % (lhs, item)]
        write_items = ["const auto& items = *%s;" % lhs,
                       "%s.write_array_size(items.size(), %s);" % (wr, compact),
                       "for (const auto& item : items) %s" % item]
        null_error = 'throw_encode_null("%s", version);' % cf.qualified_label
        if nullable == "false":
            return ["if (!%s) %s" % (lhs, null_error), "{"] + indent(write_items) + ["}"]
        on_null = ["%s.write_null_array(%s);" % (wr, compact)]
        if nullable != "true":
            on_null.insert(0, "if (%s) %s" % (negate(nullable), null_error))
        return ["if (!%s) {" % lhs] + indent(on_null) + ["} else {"] + indent(write_items) + ["}"]
