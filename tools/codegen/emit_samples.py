"""tests/unit/protocol/generated_samples.cpp: for every struct of every message, a
fill_sample() that sets each field present in a version to a non-default value, and
the table of all messages the round-trip and fuzz-smoke tests iterate over."""

from cpp_types import CppField, SCALARS
from emit_codec import INDENT, indent
from emit_message import GENERATED_NOTE, MessageEmitter
from versions_cpp import conj, guarded, version_cond

KINDS = {"request": "kRequest", "response": "kResponse", "header": "kHeader", "data": "kData"}
SCALAR_SAMPLE = {"int8": "i8", "int16": "i16", "uint16": "u16", "int32": "i32", "uint32": "u32",
                 "int64": "i64", "float64": "f64"}
ARRAY_ITEMS = 2


def scalar_value(cf, avoid):
    """A sample expression for a scalar field, different from its default `avoid`."""
    if cf.element == "bool":
        return "false" if avoid == "true" else "true"
    if cf.element == "uuid":
        return "g.uuid()"
    return "g.%s(%s)" % (SCALAR_SAMPLE[cf.element], avoid)


def element_value(cf):
    """A sample expression for one array element (loop variable k) or a string/bytes/records."""
    if cf.element == "bool":
        return "k % 2 == 0"
    if cf.element == "uuid":
        return "g.uuid()"
    if cf.element in SCALAR_SAMPLE:
        return "g.%s(0)" % SCALAR_SAMPLE[cf.element]
    return {"string": "g.str()", "bytes": "g.bytes()", "records": "g.records()"}[cf.element]


class SampleEmitter:
    def __init__(self, message):
        self.message = message
        self.valid = message.valid_versions

    def cond(self, rng):
        return version_cond(rng, self.valid)

    def qualified(self, struct):
        m = self.message
        return m.name if struct is m.root else "%s::%s" % (m.name, struct.name)

    def fill_field(self, cf):
        lhs = "m." + cf.name
        # Null where the field may be null and the generator asks for nulls.
        use_null = conj(version_cond(cf.nullable, cf.present), "g.prefer_null")
        if cf.type.is_array:
            if cf.element in SCALARS or cf.element in ("string", "bytes", "records"):
                item = "items.push_back(%s);" % element_value(cf)
            else:
                item = "fill_sample(items.emplace_back(), version, g);"
            fill = ["auto& items = %s;" % (lhs + ".emplace()" if cf.optional else lhs),
                    "for (int k = 0; k < %d; ++k) %s" % (ARRAY_ITEMS, item)]
            null = "%s.reset();" % lhs
        elif cf.element in SCALARS:
            return ["%s = %s;" % (lhs, scalar_value(cf, cf.scalar_default()))]
        elif cf.element in ("string", "bytes", "records"):
            fill = ["%s = %s;" % (lhs, element_value(cf))]
            null = "%s = Records::null();" % lhs if cf.element == "records" else "%s.reset();" % lhs
        else:
            fill = ["fill_sample(%s, version, g);" % (lhs + ".emplace()" if cf.optional else lhs)]
            null = "%s.reset();" % lhs
        if use_null == "false":
            return ["{"] + indent(fill) + ["}"] if len(fill) > 1 else fill
        return ["if (%s) {" % use_null, INDENT + null, "} else {"] + indent(fill) + ["}"]

    def fill_function(self, struct):
        m = self.message
        body = []
        for f in struct.fields:
            cf = CppField(f, m, struct)
            body += guarded(self.cond(cf.present), self.fill_field(cf))
        flexible = self.cond(m.flexible_versions)
        body += guarded(flexible, ["m.unknown_tagged_fields.push_back(g.unknown_tagged_field());"])
        return (["void fill_sample([[maybe_unused]] %s& m, [[maybe_unused]] int16_t version,"
                 % self.qualified(struct),
                 "                 [[maybe_unused]] SampleGen& g) {"]
                + indent(body) + ["}", ""])

    def fill_functions(self):
        m = self.message
        out = []
        for name in m.struct_order:
            out += self.fill_function(m.structs[name])
        out += self.fill_function(m.root)
        return out


def source(messages):
    includes = ['#include "%s"' % MessageEmitter(m).header_path for m in messages]
    out = [GENERATED_NOTE,
           "// Sample values for every message, and the table of messages the round-trip and",
           "// fuzz-smoke tests iterate over.",
           '#include "tests/unit/protocol/sample_cases.h"', ""] + includes + [
           "", '#include "tests/unit/protocol/sample_gen.h"', "",
           "namespace skiff::protocol {", "",
           "// Found by argument-dependent lookup from the templates in sample_cases.h.", ""]
    for m in messages:
        out += SampleEmitter(m).fill_functions()
    out += ["const std::vector<SampleCase>& all_sample_cases() {",
            INDENT + "static const std::vector<SampleCase> cases = {"]
    for m in messages:
        out.append(INDENT * 2 + "make_sample_case<%s>(MessageKind::%s)," % (m.name, KINDS[m.kind]))
    out += [INDENT + "};", INDENT + "return cases;", "}", "",
            "}  // namespace skiff::protocol", ""]
    return "\n".join(out)
