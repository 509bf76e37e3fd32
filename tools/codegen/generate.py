#!/usr/bin/env python3
"""Generates Skiff's Kafka wire codec from Kafka's JSON message schemas.

Writes kernel/protocol/generated/ (a header and source per message, the API table,
the run-time request decoders, sources.cmake) and tests/unit/protocol/generated_samples.cpp.
With --check, generates into a temporary directory and reports any difference from
the committed files instead (exit status 1). Python 3 standard library only; the
output depends only on the schemas, so it is deterministic."""

import argparse
import difflib
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean (ctest runs this too)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import emit_api_table  # noqa: E402
import emit_request_decoders  # noqa: E402
import emit_samples  # noqa: E402
import emit_sources_list  # noqa: E402
from emit_message import MessageEmitter  # noqa: E402
from schema import SchemaError, load_messages  # noqa: E402

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_SCHEMAS = os.path.join(REPO, "..", "shared", "kafka-protocol", "message")
DEFAULT_OUT = os.path.join(REPO, "kernel", "protocol", "generated")
DEFAULT_SAMPLES = os.path.join(REPO, "tests", "unit", "protocol", "generated_samples.cpp")
GENERATED_EXTENSIONS = (".h", ".cpp", ".cmake")


def generate(schema_dir):
    """{file name: content} for the generated directory, and the samples source."""
    messages = load_messages(schema_dir)
    files = {}
    stems = []
    for m in messages:
        e = MessageEmitter(m)
        files[e.stem + ".h"] = e.header()
        files[e.stem + ".cpp"] = e.source()
        stems.append(e.stem)
    files["api_table.h"] = emit_api_table.header(messages)
    files["api_table.cpp"] = emit_api_table.source(messages)
    files["request_decoders.h"] = emit_request_decoders.header()
    files["request_decoders.cpp"] = emit_request_decoders.source(messages)
    stems += ["api_table", "request_decoders"]
    if len(set(stems)) != len(stems):
        raise SchemaError("two messages map to the same file name")
    files["sources.cmake"] = emit_sources_list.source(stems)
    return files, emit_samples.source(messages)


def write_if_changed(path, content):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == content:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(content)


def write_outputs(files, samples, out_dir, samples_path):
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(out_dir):
        if name.endswith(GENERATED_EXTENSIONS) and name not in files:
            os.remove(os.path.join(out_dir, name))  # a message that no longer exists
    for name, content in sorted(files.items()):
        write_if_changed(os.path.join(out_dir, name), content)
    os.makedirs(os.path.dirname(samples_path), exist_ok=True)
    write_if_changed(samples_path, samples)


def read_tree(out_dir):
    tree = {}
    if os.path.isdir(out_dir):
        for name in sorted(os.listdir(out_dir)):
            if name.endswith(GENERATED_EXTENSIONS):
                with open(os.path.join(out_dir, name), encoding="utf-8") as f:
                    tree[name] = f.read()
    return tree


def check(files, samples, out_dir, samples_path):
    """Generates into a temporary directory and diffs it against the committed output."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_out = os.path.join(tmp, "generated")
        tmp_samples = os.path.join(tmp, "generated_samples.cpp")
        write_outputs(files, samples, tmp_out, tmp_samples)
        fresh = read_tree(tmp_out)
        fresh_samples = open(tmp_samples, encoding="utf-8").read()
    committed = read_tree(out_dir)
    committed_samples = (open(samples_path, encoding="utf-8").read()
                         if os.path.exists(samples_path) else "")
    pairs = [(os.path.join(out_dir, n), committed.get(n, ""), fresh.get(n, ""))
             for n in sorted(set(fresh) | set(committed))]
    pairs.append((samples_path, committed_samples, fresh_samples))
    stale = [(p, old, new) for p, old, new in pairs if old != new]
    for path, old, new in stale[:5]:
        diff = difflib.unified_diff(old.splitlines(), new.splitlines(),
                                    path + " (committed)", path + " (fresh)", lineterm="", n=1)
        sys.stdout.write("\n".join(list(diff)[:40]) + "\n")
    if stale:
        print("%d generated file(s) are stale; run tools/codegen/generate.py" % len(stale))
        return 1
    print("generated code is up to date (%d files)" % len(pairs))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--schemas", default=DEFAULT_SCHEMAS,
                        help="directory of Kafka's message JSON files")
    parser.add_argument("--out", default=DEFAULT_OUT, help="generated code directory")
    parser.add_argument("--samples", default=DEFAULT_SAMPLES, help="generated test samples file")
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed output instead of writing it")
    args = parser.parse_args()
    try:
        files, samples = generate(args.schemas)
    except SchemaError as e:
        print("generate.py: %s" % e, file=sys.stderr)
        return 2
    if args.check:
        return check(files, samples, args.out, args.samples)
    write_outputs(files, samples, args.out, args.samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
