"""The state shared by the compile steps: rows, problems, registries and check helpers."""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..dates import period_last_day
from ..problems import Problem
from ..records import Loc, RecordSet, Row
from ..reference import NameNormaliser


def person_id(name: str) -> str:
    """Slug of a person's name, the same in every script.

    Examples:
        >>> person_id("T.V. Nagendra Prasad"), person_id("玉苏甫江·麦麦提")
        ('t_v_nagendra_prasad', '玉苏甫江_麦麦提')
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"\W+", "_", text).strip("_")


def period(value: tuple[datetime.date, str]) -> tuple[datetime.date, datetime.date]:
    """First and last day of a checked (first day, precision) date."""
    first, precision = value
    return first, period_last_day(first, precision)


def did_you_mean(value: str, options: list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or an empty string."""
    close = difflib.get_close_matches(value, options, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass
class Context:
    """Everything the checks, derivations and assembly of one compile share.

    ``registries`` maps a kind of id (``sources``, ``parties``, ``series``, ``documents``,
    ``events``) to the rows that define them; ``members_of`` maps an event row (by ``id``)
    to its listed participant rows by party code.
    """

    rs: RecordSet
    registries: dict[str, dict[Any, Row]] = field(default_factory=dict)
    members_of: dict[int, dict[str, Row]] = field(default_factory=dict)
    names: NameNormaliser | None = None

    @property
    def rows(self) -> dict[str, list[Row]]:
        """Rows by table."""
        return self.rs.rows

    @property
    def problems(self) -> list[Problem]:
        """Every problem found so far."""
        return self.rs.problems

    def add(self, loc: Loc, key: str | None, fieldname: str, found: str, expected: str,
            refers_to: str | None = None) -> None:
        """Record a problem at the line of field ``key`` of a row."""
        self.problems.append(Problem(loc.file, loc.at(key), fieldname, found, expected,
                                     refers_to=refers_to))

    def unique(self, table: str, key: Callable[[Row], Any], what: str,
               keyname: str, fieldname: str | None = None) -> dict[Any, Row]:
        """The rows of ``table`` by ``key``; a second row with the same key is a problem."""
        seen: dict[Any, Row] = {}
        for row in self.rows[table]:
            k = key(row)
            if k is None:
                continue
            if k in seen:
                first = seen[k].loc
                self.add(row.loc, keyname, fieldname or keyname,
                         f"a second {what} {k!r} (first at "
                         f"{first.file}:{first.at(keyname)})", f"each {what} once")
            else:
                seen[k] = row
        return seen

    def check_party(self, code: Any, row: Row, key: str, fieldname: str) -> bool:
        """True when ``code`` is empty or a known party; else record a problem."""
        if code is None or code in self.registries["parties"]:
            return True
        hint = self.names.suggest(str(code)) if self.names is not None else None
        expected = "a code from reference/parties.csv"
        expected += f" (did you mean {hint}?)" if hint else " (add the party there if it is new)"
        self.add(row.loc, key, fieldname, f"the unknown party {code!r}", expected,
                 refers_to=str(code))
        return False

    def check_ref(self, value: Any, kind: str, row: Row, key: str, fieldname: str,
                  what: str) -> None:
        """Record a problem when ``value`` is given but not defined in registry ``kind``."""
        registry = self.registries[kind]
        if value is None or value in registry:
            return
        hint = did_you_mean(str(value), [str(k) for k in registry])
        self.add(row.loc, key, fieldname, f"{value!r}, which is not defined",
                 f"the id of an existing {what}{hint}", refers_to=str(value))

    def check_sources(self, row: Row, inherited: list[str] | None,
                      required: bool = True) -> list[str]:
        """Check the sources a row cites; return them (or the inherited ones)."""
        for i, sid in enumerate(row.sources):
            self.check_ref(sid, "sources", row, "sources", row.name(f"sources[{i}]"),
                           "source")
        if len(set(row.sources)) != len(row.sources):
            self.add(row.loc, "sources", row.name("sources"), "the same source twice",
                     "each source once")
        if required and not row.sources and not inherited:
            self.add(row.loc, None, row.name("sources"), "a record without any source",
                     "`sources: [id, ...]` citing the page(s) that state it")
        return row.sources or list(inherited or [])


def name_normaliser(ctx: Context) -> NameNormaliser:
    """The party-name normaliser of the records' own parties and name variants."""
    variants = ctx.rows["name_variants"]
    parties = ctx.registries["parties"]
    variants_df = pd.DataFrame({
        "party": [r.values.get("party") for r in variants],
        "variant": [r.values.get("variant") for r in variants],
    }, dtype="object")
    parties_df = pd.DataFrame({
        "party": list(parties),
        **{col: [r.values.get(col) for r in parties.values()]
           for col in ("name_en", "name_ru", "name_zh")},
    }, dtype="object")
    return NameNormaliser(parties_df, variants_df)
