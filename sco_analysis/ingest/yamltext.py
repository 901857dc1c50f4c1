r"""YAML text for records: values written as in the hand-edited files, comments kept.

New records are written line by line (so each field can carry a comment pointing at its
evidence); additions to existing records are inserted into the file's text, so that its
comments, folded texts and order stay as the editors wrote them.

Examples:
    >>> scalar("2025-05-15"), scalar("Minsk"), scalar("yes: no"), scalar(None), scalar(4)
    ('2025-05-15', 'Minsk', "'yes: no'", 'null', '4')
    >>> text = "event:\n  id: x\n  sources: [a]\nparticipants: [BLR]\n"
    >>> print(add_to_list(add_to_list(text, "participants", ["CHN"]), "event.sources", ["b"]))
    event:
      id: x
      sources: [a, b]
    participants: [BLR, CHN]
    <BLANKLINE>
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def scalar(value: Any) -> str:
    """One value as YAML text: dates and codes bare, other text quoted when needed."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    text = str(value)
    if _DATE.match(text):
        return text
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10**6, default_style=None)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def line(indent: int, key: str, value: Any, comment: str = "") -> str:
    """``key: value  # comment`` at an indentation."""
    out = f"{' ' * indent}{key}: {scalar(value)}"
    return out + (f"  # {comment}" if comment else "")


def _block_end(lines: list[str], start: int) -> int:
    """Index after the last line of the top-level block that starts at ``start``."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "-"))
                                or lines[end].lstrip().startswith("#")):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def add_to_list(text: str, key: str, items: list[str]) -> str:
    """Add items to a list of scalars: top-level ``key`` or ``parent.key`` (inline or block)."""
    if not items:
        return text
    lines = text.split("\n")
    parent, _, name = key.rpartition(".")
    indent = "  " if parent else ""
    pat = re.compile(rf"^{indent}{re.escape(name)}:\s*(.*)$")
    start = _find_key(lines, parent) if parent else 0
    for i in range(start, len(lines)):
        m = pat.match(lines[i])
        if not m:
            continue
        inline = m.group(1).split("#")[0].strip()
        if inline.startswith("["):
            body = inline.strip("[]").strip()
            new = ", ".join([*(x.strip() for x in body.split(",") if x.strip()),
                             *(scalar(x) for x in items)])
            lines[i] = f"{indent}{name}: [{new}]"
            return "\n".join(lines)
        end = i + 1
        while end < len(lines) and lines[end].startswith(indent + "  -"):
            end += 1
        lines[end:end] = [f"{indent}  - {scalar(x)}" for x in items]
        return "\n".join(lines)
    return add_block(text, name, [f"{indent}  - {scalar(x)}" for x in items]) if not parent \
        else text


def _find_key(lines: list[str], key: str) -> int:
    for i, ln in enumerate(lines):
        if ln.startswith(f"{key}:"):
            return i
    return len(lines)


def add_block(text: str, key: str, item_lines: list[str]) -> str:
    """Append lines to the top-level block ``key`` (creating it at the end when absent)."""
    lines = text.rstrip("\n").split("\n")
    start = _find_key(lines, key)
    if start == len(lines):
        return "\n".join([*lines, f"{key}:", *item_lines]) + "\n"
    head = lines[start].split("#")[0].strip()
    if re.match(rf"{re.escape(key)}:\s*\[\s*\]$", head):
        lines[start] = f"{key}:"
    end = _block_end(lines, start)
    lines[end:end] = item_lines
    return "\n".join(lines) + "\n"
