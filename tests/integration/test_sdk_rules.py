"""The SDK contract: a plugin includes only skiff/sdk/ and files of its own folder,
and every SDK header compiles alone with -Wall -Wextra -Werror -pedantic, carrying
nothing of the kernel."""
import os
import re
import subprocess
from pathlib import Path

import pytest
from broker_process import build_dir

ROOT = Path(__file__).resolve().parents[2]
SDK_INCLUDE = ROOT / "sdk" / "include"
SOURCE_SUFFIXES = {".h", ".hpp", ".hh", ".c", ".cc", ".cpp", ".cxx", ".ipp", ".inc"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)
# Angle-bracket includes naming a tree of this repository rather than a system library.
PROJECT_TREES = ("kernel/", "plugins/", "cli/", "sdk/", "tools/", "bench/", "tests/",
                 "fuzz/", "skiff/")


def include_violations(plugins_root: Path, sdk_include: Path) -> list[str]:
    """Every include under plugins_root/<plugin>/ that leaves sdk/ and the plugin's
    own folder, as 'file:line: #include ...'."""
    problems = []
    for plugin in sorted(p for p in plugins_root.iterdir() if p.is_dir()):
        for source in sorted(plugin.rglob("*")):
            if source.suffix not in SOURCE_SUFFIXES or not source.is_file():
                continue
            text = source.read_text(errors="replace")
            for match in INCLUDE.finditer(text):
                kind, name = match.groups()
                if allowed(kind, name, source, plugin, sdk_include):
                    continue
                line = text.count("\n", 0, match.start()) + 1
                close = ">" if kind == "<" else '"'
                problems.append(f"{source.relative_to(plugins_root.parent)}:{line}: "
                                f"#include {kind}{name}{close}")
    return problems


def allowed(kind: str, name: str, source: Path, plugin: Path, sdk_include: Path) -> bool:
    if name.startswith("skiff/sdk/"):
        return (sdk_include / name).is_file()
    if kind == "<":
        return not name.startswith(PROJECT_TREES)
    for base in (source.parent, plugin):
        candidate = (base / name).resolve()
        if candidate.is_file():
            return candidate.is_relative_to(plugin.resolve())
    return False


def test_plugins_include_only_the_sdk_and_their_own_folder():
    problems = include_violations(ROOT / "plugins", SDK_INCLUDE)
    assert not problems, "plugins must include only skiff/sdk/ and their own folder:\n" + \
        "\n".join(problems)


def test_the_include_check_catches_each_way_out(tmp_path):
    plugins = tmp_path / "plugins"
    (plugins / "good" / "sub").mkdir(parents=True)
    (plugins / "other").mkdir()
    (plugins / "good" / "own.h").write_text("#pragma once\n")
    (plugins / "other" / "theirs.h").write_text("#pragma once\n")
    (plugins / "good" / "sub" / "a.cpp").write_text(
        '#include <vector>\n#include <lmdb.h>\n#include "skiff/sdk/plugin.h"\n'
        '#include "own.h"\n#include "../own.h"\n'
        '#include "kernel/server/broker_services.h"\n#include <kernel/net/socket_server.h>\n'
        '#include "../../other/theirs.h"\n#include <skiff/internal.h>\n'
        '#include "skiff/sdk/not_there.h"\n#include "nowhere.h"\n')
    found = include_violations(plugins, SDK_INCLUDE)
    assert [p.split(": ", 1)[0] for p in found] == [f"plugins/good/sub/a.cpp:{n}"
                                                    for n in (6, 7, 8, 9, 10, 11)]


def compiler() -> str:
    cache = build_dir() / "CMakeCache.txt"
    if cache.is_file():
        m = re.search(r"^CMAKE_CXX_COMPILER:\w+=(.+)$", cache.read_text(), re.MULTILINE)
        if m and Path(m.group(1)).exists():
            return m.group(1)
    return os.environ.get("CXX", "c++")


SDK_HEADERS = sorted((SDK_INCLUDE / "skiff" / "sdk").glob("*.h"))


@pytest.mark.parametrize("header", SDK_HEADERS, ids=lambda h: h.name)
def test_sdk_header_compiles_alone_pedantic(header, tmp_path):
    unit = tmp_path / "unit.cpp"
    unit.write_text(f'#include "skiff/sdk/{header.name}"\n#include "skiff/sdk/{header.name}"\n')
    out = subprocess.run([compiler(), "-std=c++20", "-Wall", "-Wextra", "-Werror", "-pedantic",
                          "-fsyntax-only", f"-I{SDK_INCLUDE}", str(unit)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("header", SDK_HEADERS, ids=lambda h: h.name)
def test_sdk_header_carries_no_kernel_internals(header):
    text = header.read_text()
    for kind, name in INCLUDE.findall(text):
        assert name.startswith("skiff/sdk/") or (kind == "<" and not name.startswith(
            PROJECT_TREES)), f"{header.name} includes {name}"
    assert "skiff::kernel" not in text and "namespace kernel" not in text
    # A header says what it is in its first lines.
    assert text.startswith("//"), f"{header.name} does not start with a description"
