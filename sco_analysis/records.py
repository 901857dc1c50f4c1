"""Read the human-edited files: YAML records and reference CSVs, into rows with locations.

Every value keeps the file and line it came from, so that every later check can say where a
problem is. This module checks what one record can tell on its own: YAML syntax, duplicate
keys, unknown and missing fields, types, allowed values, dates the calendar has, id forms.
Checks across records (duplicates, references, status as of a date) live in ``compile``.

YAML is read safely and without YAML 1.1's surprises: dates stay text (they are parsed
with their precision by :mod:`sco_analysis.dates`) and only ``true``/``false`` are booleans
(``NO``, ``on`` and ``yes`` stay text).
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .dates import EXPECTED as DATE_EXPECTED
from .dates import DateError, parse_date
from .problems import Problem, display_path, quote
from .schema import EXTRA_KEYS, ID_PATTERN, MISSING, REFERENCE_FILES, TABLES, Column, Table

# ---------------------------------------------------------------------------------------
# YAML with line numbers, read with libyaml, within bounds

#: Largest record file read (bytes). A record is one meeting or document: a few kilobytes.
MAX_RECORD_BYTES = 1 << 20
#: Largest reference CSV read (bytes).
MAX_REFERENCE_BYTES = 8 << 20
#: Largest CSV cell (characters).
MAX_CELL_CHARS = 64 << 10
#: What joins the items of a list in exports; no item may hold it.
LIST_SEPARATOR = "; "
#: Deepest nesting of mappings and lists in a record file (records need five levels).
MAX_DEPTH = 16

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe libyaml loader without implicit timestamps and with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_STR_TAG = "tag:yaml.org,2002:str"
#: Characters no record text may hold: controls (but tab and newline) and lone surrogates.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class LineMap(dict):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class LineList(list):
    """A YAML sequence that remembers its line and the line of each item."""

    line: int
    item_lines: list[int]


@dataclass(frozen=True)
class Loc:
    """Where a row comes from: file (as displayed), line of the row, line of each field."""

    file: str
    line: int
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def at(self, key: str | None) -> int:
        """Line of field ``key`` (the row's line when the field is absent)."""
        return self.lines.get(key, self.line) if key else self.line


class _Refused(Exception):
    """A file's structure is refused as a whole (aliases, nesting): one problem, no rows."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class _Converter:
    """Turns composed YAML nodes into LineMap/LineList values, refusing aliases and depth."""

    def __init__(self, loader: Any, path: str, problems: list[Problem]):
        self.loader, self.path, self.problems = loader, path, problems
        self.seen: set[int] = set()

    def refuse(self, node: yaml.Node, found: str, expected: str) -> None:
        raise _Refused(Problem(self.path, node.start_mark.line + 1, "(yaml)", found,
                               expected, rank=0))

    def __call__(self, node: yaml.Node, depth: int = 0) -> Any:
        if id(node) in self.seen:
            self.refuse(node, "a value repeated by an alias (*name) of its anchor (&name) "
                        "on this line",
                        "plain values: anchors (&) and aliases (*) are not accepted in "
                        "records; write the value out")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.refuse(node, f"mappings and lists nested more than {MAX_DEPTH} deep",
                        "a record's structure (at most a few levels; see "
                        "docs/record-format.md)")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            seq = LineList(self(item, depth + 1) for item in node.value)
            seq.line = node.start_mark.line + 1
            seq.item_lines = [item.start_mark.line + 1 for item in node.value]
            return seq
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, depth: int) -> LineMap:
        out = LineMap()
        out.line, out.key_lines = node.start_mark.line + 1, {}
        for key_node, value_node in node.value:
            key = self(key_node, depth + 1)
            kline = key_node.start_mark.line + 1
            if not isinstance(key, str):
                self.problems.append(Problem(self.path, kline, str(key), f"a key of type "
                                             f"{type(key).__name__}", "a field name"))
                continue
            if key in out:
                self.problems.append(Problem(self.path, kline, key, "the same key twice in "
                                             f"one mapping (first on line "
                                             f"{out.key_lines[key]})", "each field once"))
                continue
            out[key] = self(value_node, depth + 1)
            out.key_lines[key] = kline
        return out

    def scalar(self, node: yaml.Node) -> Any:
        line = node.start_mark.line + 1
        if node.tag not in _SCALAR_TAGS:
            self.problems.append(Problem(self.path, line, "(yaml)", f"the tag {node.tag!r}",
                                         "plain values without YAML tags"))
            return None
        if node.tag == _STR_TAG:
            value = node.value
        else:
            value = self.loader.construct_object(node, deep=True)
        if isinstance(value, str) and (bad := _BAD_CHARS.search(value)):
            self.problems.append(Problem(
                self.path, line, "(text)",
                f"the character U+{ord(bad.group()):04X} in {quote(value[:40])}",
                "printable text (no control characters or lone surrogates)"))
            return value.replace(bad.group(), "\ufffd")
        return value


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


def read_text(path: Path, shown: str, limit: int, what: str,
              problems: list[Problem]) -> str | None:
    """A file's text, or None with a problem: too large, unreadable, not UTF-8."""
    try:
        size = path.stat().st_size
        if size > limit:
            problems.append(Problem(shown, 0, "(file)", f"a file of {size:,} bytes",
                                    f"at most {limit:,} bytes per {what} (split it, or check "
                                    "that it is the file you meant)", rank=0))
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 0, "(file)", f"a file that cannot be read "
                                f"({exc.strerror or exc})", f"a readable {what}", rank=0))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.append(Problem(shown, line, "(file)", f"bytes that are not UTF-8 "
                                f"({exc.reason} at byte {exc.start})", f"a UTF-8 {what}",
                                rank=0))
        return None


def load_yaml(path: Path, shown: str, problems: list[Problem]) -> Any:
    """Load one YAML file into LineMap/LineList values; what is wrong becomes problems.

    The file is refused whole, with one problem, when it is larger than
    :data:`MAX_RECORD_BYTES`, is not UTF-8 text, is not valid YAML, holds control
    characters, nests deeper than :data:`MAX_DEPTH` or uses anchors and aliases.
    """
    text = read_text(path, shown, MAX_RECORD_BYTES, "record file", problems)
    if text is None:
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(shown, 1, "(file)", "an empty file",
                                    "a mapping with `event:`, `document:`, `series:` or "
                                    "`sources:`", rank=0))
            return None
        local: list[Problem] = []
        value = _Converter(loader, shown, local)(node)
        problems.extend(local)
        return value
    except _Refused as exc:
        problems.append(exc.problem)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        problems.append(Problem(shown, mark.line + 1 if mark else 0, "(yaml)",
                                f"malformed YAML: {what}",
                                "valid YAML (check indentation, colons and quotes)", rank=0))
    except yaml.reader.ReaderError as exc:
        problems.append(Problem(shown, _line_of(text, exc.position), "(yaml)",
                                f"the character U+{exc.character:04X} ({exc.reason})"
                                if isinstance(exc.character, int) else str(exc),
                                "printable text (no control characters)", rank=0))
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        problems.append(Problem(shown, 0, "(yaml)", f"YAML that cannot be read "
                                f"({type(exc).__name__})", "valid YAML", rank=0))
    finally:
        loader.dispose()
    return None


# ---------------------------------------------------------------------------------------
# Rows


@dataclass
class Conflict:
    """A disputed field of a record: every value with its sources, one preferred."""

    field: str
    line: int
    note: str | None
    values: list[ConflictValue]


@dataclass
class ConflictValue:
    """One value of a disputed field."""

    raw: Any
    sources: list[str]
    preferred: bool
    note: str | None
    line: int


@dataclass
class Row:
    """One row of one table, with where it comes from and what it cites.

    ``values`` maps column names to checked Python values (dates as (date, precision)
    pairs); ``given`` holds the record fields that were present, even when null.
    """

    table: str
    values: dict[str, Any]
    loc: Loc
    given: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    parent: Row | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    prefix: str = ""

    def name(self, key: str) -> str:
        """The displayed name of one of the row's fields: ``people[2].party``."""
        return self.prefix + key


@dataclass
class RecordSet:
    """Everything read from one data directory, before checks across records."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    problems: list[Problem] = field(default_factory=list)
    #: Files that could not be read at all, with their text (what they may have defined).
    unreadable: dict[str, str] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        """Add a row to its table and return it."""
        self.rows[row.table].append(row)
        return row


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _expect_type(c: Column) -> str:
    if c.dtype == "category" and c.enum is not None:
        return "one of: " + ", ".join(c.enum.values)
    if c.domain == "party" or c.name == "party":
        return "a party code (ISO 3166-1 alpha-3 such as KGZ, or ORG:NAME)"
    return {
        "string": "text",
        "category": "a code",
        "date": DATE_EXPECTED,
        "int16": "a whole number",
        "bool": "true or false",
        "list": "a list" + (" of party codes" if c.domain == "party" else " of texts"),
    }[c.dtype]


def check_value(c: Column, value: Any, where: tuple[str, int, str],
                problems: list[Problem]) -> Any:
    """Check one field value against its column; return the value to store or MISSING."""
    file, line, name = where

    def bad(found: str, expected: str | None = None) -> Any:
        problems.append(Problem(file, line, name, found, expected or _expect_type(c)))
        return MISSING

    if value is None:
        if not c.nullable:
            return bad("nothing (null)", _expect_type(c) + " (this field cannot be empty)")
        return None
    if c.dtype == "date":
        try:
            return parse_date(value)
        except DateError as exc:
            return bad(f"{quote(value)}: {exc}")
    if c.dtype == "int16":
        if isinstance(value, bool) or not isinstance(value, int):
            return bad(quote(value))
        if not 0 <= value <= 32767:
            return bad(str(value), "a whole number from 0 to 32767")
        return value
    if c.dtype == "bool":
        if not isinstance(value, bool):
            return bad(quote(value))
        return value
    if c.dtype == "list":
        if not isinstance(value, list):
            return bad(quote(value))
        items = []
        for i, item in enumerate(value):
            iline = value.item_lines[i] if isinstance(value, LineList) else line
            if not isinstance(item, str) or not item.strip():
                problems.append(Problem(file, iline, f"{name}[{i}]", quote(item), "text"))
                continue
            if c.pattern and not re.match(c.pattern, item):
                problems.append(Problem(file, iline, f"{name}[{i}]", quote(item),
                                        _expect_type(c)))
                continue
            if LIST_SEPARATOR in item:
                problems.append(Problem(file, iline, f"{name}[{i}]", quote(item),
                                        f"an item without {LIST_SEPARATOR!r} (exports join "
                                        "the items of a list with it): make it two items"))
                continue
            items.append(item)
        return tuple(items)
    # string and category
    if not isinstance(value, str):
        return bad(quote(value))
    text = value.strip()
    if not text:
        return bad("an empty text")
    if c.enum is not None and text not in c.enum.values:
        return bad(quote(text) + _did_you_mean(text, c.enum.values))
    if c.pattern and not re.match(c.pattern, text):
        return bad(quote(text))
    return text


def read_mapping(table: Table, data: Any, file: str, line: int, prefix: str,
                 problems: list[Problem], extra: tuple[str, ...] | None = None) -> Row | None:
    """Check a YAML mapping (or CSV row) against a table's record fields."""
    if not isinstance(data, dict):
        problems.append(Problem(file, line, prefix.rstrip(".") or "(record)", quote(data),
                                f"a mapping of {table.name} fields"))
        return None
    lines = dict(getattr(data, "key_lines", {}))
    line = getattr(data, "line", line)
    fields = table.fields()
    allowed = set(fields) | set(EXTRA_KEYS.get(table.name, ()) if extra is None else extra)
    values: dict[str, Any] = {}
    for key, value in data.items():
        kline = lines.get(key, line)
        if key not in allowed:
            derived = [c.name for c in table.columns if c.derived]
            why = (" (it is derived by the build, never typed)" if key in derived else "")
            problems.append(Problem(file, kline, prefix + key, f"an unknown field {key!r}{why}",
                                    "one of: " + ", ".join(sorted(allowed))
                                    + _did_you_mean(key, allowed)))
            continue
        if key in fields:
            checked = check_value(fields[key], value, (file, kline, prefix + key), problems)
            if checked is not MISSING:
                values[fields[key].name] = checked
    for key, c in fields.items():
        if key in data:
            continue
        if c.required:
            problems.append(Problem(file, line, prefix + key, "nothing",
                                    _expect_type(c) + " (required)"))
        elif c.default is not MISSING:
            values[c.name] = c.default
        else:
            values[c.name] = None
    loc = Loc(file, line, {k: v for k, v in lines.items()})
    return Row(table.name, values, loc, given=set(data), raw=dict(data), prefix=prefix)


def _sources_list(data: dict, file: str, prefix: str, problems: list[Problem]) -> list[str]:
    if "sources" not in data:
        return []
    value = data["sources"]
    line = getattr(data, "key_lines", {}).get("sources", getattr(data, "line", 0))
    if not isinstance(value, list):
        problems.append(Problem(file, line, prefix + "sources", quote(value),
                                "a list of source ids, e.g. [tass_1740397]"))
        return []
    out = []
    for i, item in enumerate(value):
        iline = value.item_lines[i] if isinstance(value, LineList) else line
        if not isinstance(item, str) or not re.match(ID_PATTERN, item):
            hint = (" (define sources in a top-level `sources:` list and cite them by id)"
                    if isinstance(item, dict) else "")
            problems.append(Problem(file, iline, f"{prefix}sources[{i}]", quote(item),
                                    "a source id" + hint))
            continue
        out.append(item)
    return out


def _conflict_value(v: Any, file: str, vwhere: str, vline: int,
                    problems: list[Problem]) -> ConflictValue | None:
    """One value of a disputed field: the value, its sources, whether it is preferred."""
    if not isinstance(v, dict):
        problems.append(Problem(file, vline, vwhere, quote(v), "a mapping with `value`, "
                                "`sources` and optionally `preferred`, `note`"))
        return None
    for key in sorted(set(v) - {"value", "sources", "preferred", "note"}):
        problems.append(Problem(file, v.key_lines.get(key, vline), f"{vwhere}.{key}",
                                f"an unknown field {key!r}", "value, sources, preferred, note"))
    if "value" not in v:
        problems.append(Problem(file, vline, f"{vwhere}.value", "nothing",
                                "the value this source gives"))
        return None
    pref = v.get("preferred", False)
    if not isinstance(pref, bool):
        problems.append(Problem(file, vline, f"{vwhere}.preferred", quote(pref),
                                "true or false"))
        pref = False
    srcs = _sources_list(v, file, vwhere + ".", problems)
    if not srcs:
        problems.append(Problem(file, vline, f"{vwhere}.sources", "no sources",
                                "the ids of the sources that give this value"))
    return ConflictValue(v["value"], srcs, pref, v.get("note"), vline)


def _conflict(item: Any, file: str, where: str, iline: int,
              problems: list[Problem]) -> Conflict | None:
    """One disputed field: its name, a note, and at least two values with their sources."""
    if not isinstance(item, dict):
        problems.append(Problem(file, iline, where, quote(item), "a mapping with `field` "
                                "and `values`"))
        return None
    for key in sorted(set(item) - {"field", "note", "values"}):
        problems.append(Problem(file, item.key_lines.get(key, iline), f"{where}.{key}",
                                f"an unknown field {key!r}", "field, note, values"))
    fname, note, vals = item.get("field"), item.get("note"), item.get("values")
    if not isinstance(fname, str):
        problems.append(Problem(file, iline, f"{where}.field", quote(fname),
                                "the name of the disputed field"))
        return None
    if not isinstance(vals, list) or len(vals) < 2:
        problems.append(Problem(file, item.key_lines.get("values", iline), f"{where}.values",
                                quote(vals) if not isinstance(vals, list)
                                else f"{len(vals)} value(s)",
                                "at least two values, each with its sources"))
        return None
    values = [_conflict_value(v, file, f"{where}.values[{j}]", getattr(v, "line", iline),
                              problems) for j, v in enumerate(vals)]
    return Conflict(fname, iline, note if isinstance(note, str) else None,
                    [v for v in values if v is not None])


def _conflicts(data: dict, file: str, prefix: str, problems: list[Problem]) -> list[Conflict]:
    if "conflicts" not in data:
        return []
    value = data["conflicts"]
    line = getattr(data, "key_lines", {}).get("conflicts", getattr(data, "line", 0))
    if not isinstance(value, list):
        problems.append(Problem(file, line, prefix + "conflicts", quote(value),
                                "a list of {field, values: [{value, sources, preferred}]}"))
        return []
    found = [_conflict(item, file, f"{prefix}conflicts[{i}]", getattr(item, "line", line),
                       problems) for i, item in enumerate(value)]
    return [c for c in found if c is not None]


def _list_of_mappings(data: dict, key: str, file: str, problems: list[Problem]
                      ) -> Iterator[tuple[int, Any, int]]:
    value = data.get(key)
    if value is None:
        return
    line = data.key_lines.get(key, data.line)
    if not isinstance(value, list):
        problems.append(Problem(file, line, key, quote(value), f"a list of {key}"))
        return
    for i, item in enumerate(value):
        yield i, item, value.item_lines[i]


_FILE_KINDS = {
    "event": ("event", "participants", "people", "sources"),
    "document": ("document", "actions", "sources"),
    "series": ("series", "sources"),
    "sources": ("sources",),
}


@dataclass
class _File:
    """One record file being read: where it is, how it is shown, where problems go."""

    path: Path
    shown: str
    rs: RecordSet

    @property
    def problems(self) -> list[Problem]:
        return self.rs.problems

    def rows(self, data: dict, key: str, table: str, prefix: str, parent: Row | None = None,
             conflicts: bool = False) -> list[tuple[int, Row]]:
        """The rows of the list ``data[key]``, read, with their sources, added to the set."""
        out = []
        for i, item, line in _list_of_mappings(data, key, self.shown, self.problems):
            if key == "participants" and isinstance(item, str):  # a bare party code
                item = LineMap(party=item)
                item.line, item.key_lines = line, {"party": line}
            row = read_mapping(TABLES[table], item, self.shown, line, f"{prefix}[{i}].",
                               self.problems)
            if row is None:
                continue
            row.sources = _sources_list(item, self.shown, f"{prefix}[{i}].", self.problems)
            if conflicts:
                row.conflicts = _conflicts(item, self.shown, f"{prefix}[{i}].",
                                           self.problems)
            row.parent = parent
            out.append((i, self.rs.add(row)))
        return out

    def record(self, data: dict, key: str, table: str) -> Row | None:
        """The one record of the file (``event:`` or ``document:``), with its sources."""
        row = read_mapping(TABLES[table], data[key], self.shown, data.key_lines[key],
                           f"{key}.", self.problems)
        if row is None:
            return None
        row.sources = _sources_list(data[key], self.shown, f"{key}.", self.problems)
        row.conflicts = _conflicts(data[key], self.shown, f"{key}.", self.problems)
        row.raw["__file_stem__"] = self.path.stem
        return self.rs.add(row)


def _read_event(f: _File, data: dict) -> None:
    ev = f.record(data, "event", "events")
    if ev is None:
        return
    if f.path.parent.parent.name == "events":
        ev.raw["__folder__"] = f.path.parent.name
    f.rows(data, "participants", "participants", "participants", parent=ev)
    f.rows(data, "people", "people", "people", parent=ev)


def _read_document(f: _File, data: dict) -> None:
    doc = f.record(data, "document", "documents")
    if doc is None:
        return
    for i, step in f.rows(data, "actions", "document_actions", "actions", parent=doc,
                          conflicts=True):
        step.values["step"] = i + 1


def _unreadable(path: Path, shown: str, rs: RecordSet) -> None:
    """Keep what an unreadable file may define, for the messages that follow from it."""
    try:
        with path.open("rb") as f:
            rs.unreadable[shown] = f.read(MAX_RECORD_BYTES).decode("utf-8", "replace")
    except OSError:
        rs.unreadable[shown] = ""


def read_record_file(path: Path, root: Path, rs: RecordSet) -> None:
    """Read one YAML record file into ``rs``."""
    f = _File(path, display_path(path), rs)
    data = load_yaml(path, f.shown, f.problems)
    if data is None:
        _unreadable(path, f.shown, rs)
        return
    if not isinstance(data, dict):
        f.problems.append(Problem(f.shown, getattr(data, "line", 1), "(file)",
                                  quote(data)[:60], "a mapping with `event:`, `document:`, "
                                  "`series:` or `sources:` at the top"))
        return
    kind = next((k for k in ("event", "document", "series") if k in data), "sources")
    allowed = _FILE_KINDS[kind]
    for key in data:
        if key not in allowed:
            f.problems.append(Problem(f.shown, data.key_lines[key], key,
                                      f"an unknown top-level key {key!r} in a {kind} file",
                                      "one of: " + ", ".join(allowed)
                                      + _did_you_mean(key, allowed)))
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else f.shown
    for i, item, line in _list_of_mappings(data, "sources", f.shown, f.problems):
        row = read_mapping(TABLES["sources"], item, f.shown, line, f"sources[{i}].",
                           f.problems, extra=())
        if row:
            row.values["defined_in"] = rel
            rs.add(row)
    if kind == "event":
        _read_event(f, data)
    elif kind == "document":
        _read_document(f, data)
    elif kind == "series":
        f.rows(data, "series", "series", "series")


@contextlib.contextmanager
def _cell_limit() -> Iterator[None]:
    """The csv module's cell limit set to :data:`MAX_CELL_CHARS`, and set back afterwards.

    The limit is global state, which other libraries raise.
    """
    before = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _csv_rows(text: str, shown: str, problems: list[Problem]
              ) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each CSV row; a malformed row ends the file with a problem."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    while True:
        try:
            with _cell_limit():
                cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(shown, reader.line_num or line, "(row)",
                                    f"a row that cannot be read ({exc})",
                                    f"CSV rows with cells of at most {MAX_CELL_CHARS:,} "
                                    "characters and balanced quotes", rank=0))
            return
        yield line, cells
        line = reader.line_num + 1


def _csv_mapping(table: Table, columns: tuple[str, ...], cells: list[str], number: int,
                 skip: list[str]) -> LineMap:
    data = LineMap()
    data.line, data.key_lines = number, {}
    fields = table.fields()
    for name, cell in zip(columns, cells, strict=True):
        if name in skip:
            continue
        value: Any = cell.strip() or None
        col = fields.get(name)
        if col is not None and value is not None:
            if col.dtype == "bool":
                value = {"true": True, "false": False}.get(value.lower(), value)
            elif col.dtype == "int16" and value.isdigit():
                value = int(value)
        if value is None and col is not None and col.default is not MISSING:
            continue  # empty cell: take the default
        data[name] = value
        data.key_lines[name] = number
    return data


def read_reference_file(path: Path, root: Path, rs: RecordSet) -> None:
    """Read one reference CSV into ``rs``, with its citation columns as sources."""
    shown = display_path(path)
    table_name, columns = REFERENCE_FILES[path.name]
    table = TABLES[table_name]
    problems = rs.problems
    text = read_text(path, shown, MAX_REFERENCE_BYTES, "reference CSV", problems)
    if text is None:
        rs.unreadable[shown] = ""
        return
    rows = _csv_rows(text, shown, problems)
    header = next(rows, (1, None))[1]
    if header != list(columns):
        problems.append(Problem(shown, 1, "(header)",
                                ",".join(header) if header else "an empty file",
                                "the header row " + ",".join(columns), rank=0))
        rs.unreadable[shown] = text
        return
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else shown
    cite_cols = [c for c in columns if c in ("source_id", "related_source_id")]
    if table_name in ("sources", "claims"):
        cite_cols = []
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            problems.append(Problem(shown, number, "(row)", f"{len(cells)} cells",
                                    f"{len(columns)} cells: " + ",".join(columns)
                                    + " (quote cells that contain commas)"))
            continue
        data = _csv_mapping(table, columns, cells, number, cite_cols)
        row = read_mapping(table, data, shown, number, "", problems, extra=())
        if row is None:
            continue
        if table_name == "sources":
            row.values["defined_in"] = rel
        for name in cite_cols:
            cell = cells[columns.index(name)].strip()
            if cell:
                row.sources.append(cell)
            elif name == "source_id":
                problems.append(Problem(shown, number, name, "nothing",
                                        "the id of the source that states this row "
                                        "(defined in reference/sources.csv or a record)"))
        rs.add(row)


def record_files(records: Path) -> list[Path]:
    """The YAML record files under ``records``; hidden entries below it are skipped.

    Only names *below* the records directory count: a dataset installed inside a
    ``.venv`` or kept under ``~/.config`` is read like any other.
    """
    return sorted(p for p in records.rglob("*") if p.suffix in (".yaml", ".yml")
                  and not any(part.startswith(".") for part in p.relative_to(records).parts)
                  and p.is_file())


def read_data(records: Path, reference: Path) -> RecordSet:
    """Read every record file under ``records`` and every reference CSV in ``reference``."""
    rs = RecordSet()
    root = records.parent
    files = record_files(records)
    if not files:
        rs.problems.append(Problem(display_path(records), 0, "(directory)", "no .yaml files",
                                   "record files such as events/2025/<event_id>.yaml",
                                   rank=0))
    for path in files:
        read_record_file(path, root, rs)
    for name in REFERENCE_FILES:
        path = reference / name
        if not path.exists():
            rs.problems.append(Problem(display_path(path), 0, "(file)", "no such file",
                                       f"the reference table {name}", rank=0))
            rs.unreadable[display_path(path)] = ""
            continue
        read_reference_file(path, reference.parent, rs)
    return rs
