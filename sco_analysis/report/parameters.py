"""The report's parameters: checked on the command line, handed to notebooks as data."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .. import slices
from ..dates import DateError


class ReportError(Exception):
    """A report could not be built; the message says why and what to do."""


@dataclass(frozen=True)
class Parameters:
    """Checked report parameters: periods, a day, known series and parties, a directory.

    ``start`` and ``end`` are kept as written (normalised reduced ISO: ``2021``,
    ``2025-06``), and mean the whole period they name, as everywhere in the package.
    ``as_of`` is a day; :meth:`resolved` fills in today when it was not given, so that
    every notebook of one report judges by the same day.
    """

    start: str | None = None
    end: str | None = None
    series: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None
    records: str | None = None
    as_of: str | None = None

    def resolved(self) -> Parameters:
        """The parameters with ``as_of`` set (today when it was not given)."""
        day = slices.resolve_as_of(self.as_of).isoformat()
        return Parameters(self.start, self.end, self.series, self.parties, self.records, day)

    def for_notebooks(self) -> dict[str, Any]:
        """The values papermill injects, as plain Python literals (lists, not tuples)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def describe(self) -> list[tuple[str, str]]:
        """(name, value) pairs for people, in the index page."""
        return [
            ("period", slices.describe_period(self.start, self.end)),
            ("series", ", ".join(self.series) if self.series else "all"),
            ("parties", ", ".join(self.parties) if self.parties else "all"),
            ("records", self.records or "bundled dataset"),
            ("as of", self.as_of or "today"),
        ]


def _bound(value: str | None, name: str) -> str | None:
    try:
        return slices.normalise(value)
    except DateError as exc:
        raise ReportError(f"--{name} {value!r}: {exc}; expected YYYY-MM-DD, YYYY-MM or "
                          "YYYY") from None


def _listed(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(s.strip() for item in values for s in item.split(",") if s.strip()) or None


def check_parameters(start: str | None = None, end: str | None = None,
                     series: list[str] | None = None, records: str | None = None,
                     as_of: str | None = None, parties: list[str] | None = None
                     ) -> Parameters:
    """Turn command-line values into :class:`Parameters`, or raise :class:`ReportError`.

    Series and party names are checked against the dataset when it is loaded.
    """
    p_start, p_end = _bound(start, "start"), _bound(end, "end")
    if p_start and p_end and slices.last_day(p_end) < slices.first_day(p_start):
        raise ReportError(f"--end {end} is before --start {start}")
    if as_of is not None:
        try:
            as_of = slices.resolve_as_of(as_of).isoformat()
        except DateError as exc:
            raise ReportError(f"--as-of {as_of!r}: {exc}") from None
    path = None
    if records is not None:
        resolved = Path(records).expanduser().resolve()
        if not resolved.is_dir():
            raise ReportError(f"--records {records!r}: no such directory (expected a data "
                              "directory with records/ and reference/, or a directory of "
                              "YAML records)")
        path = str(resolved)
    return Parameters(p_start, p_end, _listed(series), _listed(parties), path, as_of)
