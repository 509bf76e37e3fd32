"""Version ranges as C++ conditions on the `version` variable."""

import re


def version_cond(rng, within):
    """A C++ condition true for versions in `rng`, assuming `version` is in `within`."""
    r = rng.intersect(within)
    if r.is_empty():
        return "false"
    parts = []
    if r.lo > within.lo:
        parts.append("version >= %d" % r.lo)
    if r.hi is not None and (within.hi is None or r.hi < within.hi):
        parts.append("version <= %d" % r.hi)
    return " && ".join(parts) if parts else "true"


def paren(cond):
    """cond, parenthesized if it could bind looser than && (comparisons bind tighter)."""
    return "(%s)" % cond if "&&" in cond or "||" in cond or "?" in cond else cond


def negate(cond):
    if cond == "true":
        return "false"
    if cond == "false":
        return "true"
    m = re.fullmatch(r"version (>=|<=) (\d+)", cond)
    if m:
        return "version %s %s" % ("<" if m.group(1) == ">=" else ">", m.group(2))
    m = re.fullmatch(r"version >= (\d+) && version <= (\d+)", cond)
    if m:
        return "version < %s || version > %s" % (m.group(1), m.group(2))
    return "!(%s)" % cond


def conj(a, b):
    """a && b, simplified when either side is a constant."""
    if a == "false" or b == "false":
        return "false"
    if a == "true":
        return b
    if b == "true":
        return a
    return "%s && %s" % (paren(a), paren(b))


def guarded(cond, lines, indent="  "):
    """`lines` under `if (cond)`; dropped when cond is false, unwrapped when true."""
    if cond == "false" or not lines:
        return []
    if cond == "true":
        return list(lines)
    return ["if (%s) {" % cond] + [indent + l for l in lines] + ["}"]
