"""Generated documentation: the data dictionary and the generated parts of the record format.

``docs/data-dictionary.md`` is written whole from :mod:`sco_analysis.schema`;
``docs/record-format.md`` is written by hand except its sections between
``<!-- generated: NAME ... -->`` and ``<!-- end generated -->`` (the allowed values of
every field, the limits on input), which are filled in from the schema and the reader's
limits. ``sco-analysis dictionary`` writes both; ``--check`` says whether they are current.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import records
from .dates import FIRST_DAY, LAST_DAY
from .problems import MAX_PER_FILE
from .schema import ENUMS, TABLES, data_dictionary

_SECTION = re.compile(r"(<!-- generated: (\w+)[^\n]*-->\n).*?(<!-- end generated -->)", re.S)


def values_section() -> str:
    """The allowed values of every record field with a fixed list, from the schema.

    Examples:
        >>> "| `events.status` | held, planned, postponed, cancelled |" in values_section()
        True
    """
    lines = ["| field | values |", "|---|---|"]
    for enum in ENUMS.values():
        fields = [f"`{t.name}.{c.key}`" for t in TABLES.values() for c in t.columns
                  if c.enum is enum and c.key is not None]
        if fields:
            order = " (in this order)" if enum.ordered else ""
            lines.append(f"| {', '.join(fields)}{order} | {', '.join(enum.values)} |")
    languages = [f"`{t.name}.{c.key}`" for t in TABLES.values() for c in t.columns
                 if c.domain == "language" and c.key is not None]
    lines.append(f"| {', '.join(languages)} | an ISO 639-1 code: en, ru, zh, ... |")
    return "\n".join(lines) + "\n"


def limits_section() -> str:
    """What the reader refuses outright, whatever the content."""
    return "\n".join([
        "Files beyond these limits are refused with one problem each, before they are "
        "read whole:",
        "",
        f"- a record file (YAML) of more than {records.MAX_RECORD_BYTES:,} bytes;",
        f"- a reference CSV of more than {records.MAX_REFERENCE_BYTES:,} bytes, or with a "
        f"cell of more than {records.MAX_CELL_CHARS:,} characters;",
        f"- mappings and lists nested more than {records.MAX_DEPTH} levels deep;",
        "- YAML anchors (`&name`) and aliases (`*name`): write every value out;",
        "- YAML tags (`!!python/...`), bytes that are not UTF-8, control characters;",
        f"- dates outside the years the dataset can store ({FIRST_DAY.year} to "
        f"{LAST_DAY.year}), and a `held` event dated after today.",
        "",
        "Problems are listed root cause first: a file that cannot be read is named before "
        "everything else, and problems that may only follow from it (references to ids it "
        f"defines) are counted in one line rather than listed. At most {MAX_PER_FILE} "
        "problems are listed per file.",
    ]) + "\n"


SECTIONS = {"values": values_section, "limits": limits_section}


def fill(text: str) -> str:
    """``text`` with every generated section rewritten from its source."""
    return _SECTION.sub(lambda m: m.group(1) + SECTIONS[m.group(2)]() + m.group(3), text)


def generated(docs: Path) -> dict[Path, str]:
    """Each generated documentation file under ``docs`` with the text it should have."""
    fmt = docs / "record-format.md"
    return {
        docs / "data-dictionary.md": data_dictionary() + "\n",
        fmt: fill(fmt.read_text(encoding="utf-8")),
    }
