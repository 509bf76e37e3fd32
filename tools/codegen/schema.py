"""Kafka message schemas as a model: loading the commented JSON, version ranges,
fields, structs (inline and commonStructs) and messages."""

import json
import os
import re

PRIMITIVES = {
    "bool", "int8", "int16", "uint16", "int32", "uint32", "int64", "float64",
    "string", "bytes", "uuid", "records",
}


class SchemaError(Exception):
    pass


def strip_comments(text):
    """Removes // comments outside string literals (the schemas are JSON plus comments)."""
    out = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_string = False
            i += 1
        elif c == '"':
            in_string = True
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Versions:
    """A closed range of versions [lo, hi]; hi None means open-ended; empty if lo None."""

    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    @staticmethod
    def parse(spec):
        spec = spec.strip()
        if spec == "none":
            return Versions(None, None)
        m = re.fullmatch(r"(\d+)\+", spec)
        if m:
            return Versions(int(m.group(1)), None)
        m = re.fullmatch(r"(\d+)-(\d+)", spec)
        if m:
            return Versions(int(m.group(1)), int(m.group(2)))
        m = re.fullmatch(r"(\d+)", spec)
        if m:
            return Versions(int(m.group(1)), int(m.group(1)))
        raise SchemaError("bad version range %r" % spec)

    @staticmethod
    def empty():
        return Versions(None, None)

    def is_empty(self):
        return self.lo is None or (self.hi is not None and self.hi < self.lo)

    def intersect(self, other):
        if self.is_empty() or other.is_empty():
            return Versions.empty()
        lo = max(self.lo, other.lo)
        his = [h for h in (self.hi, other.hi) if h is not None]
        hi = min(his) if his else None
        result = Versions(lo, hi)
        return Versions.empty() if result.is_empty() else result

    def below(self, v):
        """The part of this range under version v."""
        return self.intersect(Versions(0, v - 1)) if v > 0 else Versions.empty()

    def __str__(self):
        if self.is_empty():
            return "none"
        if self.hi is None:
            return "%d+" % self.lo
        if self.hi == self.lo:
            return "%d" % self.lo
        return "%d-%d" % (self.lo, self.hi)


class FieldType:
    """A field's type: a primitive, a struct, or an array of either."""

    def __init__(self, spec):
        self.spec = spec
        self.is_array = spec.startswith("[]")
        self.element = spec[2:] if self.is_array else spec
        self.is_primitive_element = self.element in PRIMITIVES

    @property
    def is_struct(self):
        return not self.is_array and not self.is_primitive_element

    @property
    def struct_name(self):
        """The struct this type refers to (itself or its elements), or None."""
        return None if self.is_primitive_element else self.element


class Field:
    def __init__(self, js, owner_path):
        try:
            self.name = js["name"]
            self.type = FieldType(js["type"])
            self.versions = Versions.parse(js["versions"])
        except KeyError as e:
            raise SchemaError("%s: field without %s" % (owner_path, e))
        self.nullable_versions = Versions.parse(js.get("nullableVersions", "none"))
        self.tag = int(js["tag"]) if "tag" in js else None
        self.tagged_versions = Versions.parse(js.get("taggedVersions", "none"))
        if (self.tag is None) != self.tagged_versions.is_empty():
            raise SchemaError("%s.%s: tag and taggedVersions go together" % (owner_path, self.name))
        self.flexible_versions = (Versions.parse(js["flexibleVersions"])
                                  if "flexibleVersions" in js else None)
        self.default = js.get("default")
        self.ignorable = bool(js.get("ignorable", False))
        self.about = js.get("about", "")
        self.inline_fields = js.get("fields")
        if self.inline_fields is not None and self.type.is_primitive_element:
            raise SchemaError("%s.%s: primitive with fields" % (owner_path, self.name))

    @property
    def is_tagged(self):
        return self.tag is not None


class Struct:
    """A struct: the message itself, an inline struct of a field, or a common struct."""

    def __init__(self, name, fields_js, path):
        self.name = name
        self.path = path
        self.fields = [Field(f, path) for f in fields_js]
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise SchemaError("%s: duplicate field names" % path)
        tags = [f.tag for f in self.fields if f.is_tagged]
        if len(set(tags)) != len(tags):
            raise SchemaError("%s: duplicate tags" % path)

    def referenced_structs(self):
        seen = []
        for f in self.fields:
            s = f.type.struct_name
            if s is not None and s not in seen:
                seen.append(s)
        return seen



class Message:
    def __init__(self, js, source):
        self.source = source
        self.name = js["name"]
        self.kind = js["type"]  # request, response, header, data
        self.api_key = js.get("apiKey", -1)
        self.valid_versions = Versions.parse(js["validVersions"])
        if self.valid_versions.hi is None or self.valid_versions.is_empty():
            raise SchemaError("%s: validVersions must be a closed range" % self.name)
        self.flexible_versions = Versions.parse(js.get("flexibleVersions", "none"))
        self.latest_version_unstable = bool(js.get("latestVersionUnstable", False))
        self.root = Struct(self.name, js["fields"], self.name)
        # Nested struct definitions by name: inline ones and commonStructs.
        self.structs = {}
        self.common_order = []
        for cs in js.get("commonStructs", []):
            self._define(Struct(cs["name"], cs["fields"], "%s.%s" % (self.name, cs["name"])))
            self.common_order.append(cs["name"])
        self._collect(self.root)
        for struct in [self.root] + list(self.structs.values()):
            for name in struct.referenced_structs():
                if name not in self.structs:
                    raise SchemaError("%s: unknown struct type %s" % (struct.path, name))
        self.struct_order = self._dependency_order()

    def _define(self, struct):
        if struct.name == self.name:
            raise SchemaError("%s: struct named like its message" % self.name)
        old = self.structs.get(struct.name)
        if old is not None:
            raise SchemaError("%s: struct %s defined twice" % (self.name, struct.name))
        self.structs[struct.name] = struct

    def _collect(self, struct):
        for f in struct.fields:
            if f.inline_fields is not None:
                child = Struct(f.type.element, f.inline_fields, "%s.%s" % (struct.path, f.type.element))
                self._define(child)
                self._collect(child)

    def _dependency_order(self):
        """Nested structs, each after the structs it contains (C++ needs them complete)."""
        order, visiting = [], set()

        def visit(name):
            if name in order:
                return
            if name in visiting:
                raise SchemaError("%s: recursive struct %s" % (self.name, name))
            visiting.add(name)
            for dep in self.structs[name].referenced_structs():
                visit(dep)
            visiting.discard(name)
            order.append(name)

        for dep in self.root.referenced_structs():
            visit(dep)
        for name in self.common_order:
            visit(name)
        return order

    @property
    def first_flexible_version(self):
        return None if self.flexible_versions.is_empty() else self.flexible_versions.lo

    @property
    def api_name(self):
        for suffix in ("Request", "Response"):
            if self.kind in ("request", "response") and self.name.endswith(suffix):
                return self.name[: -len(suffix)]
        return self.name


def load_messages(schema_dir):
    """Every message in schema_dir, sorted by name (for deterministic output)."""
    messages = []
    for fn in sorted(os.listdir(schema_dir)):
        if not fn.endswith(".json"):
            continue
        path = os.path.join(schema_dir, fn)
        with open(path, encoding="utf-8") as f:
            try:
                js = json.loads(strip_comments(f.read()))
            except ValueError as e:
                raise SchemaError("%s: %s" % (path, e))
        messages.append(Message(js, fn))
    messages.sort(key=lambda m: m.name)
    return messages
