"""Problems found in records, reported all at once with file, line and field.

Every check of the build adds a :class:`Problem` to a list instead of stopping at the first
one; :class:`ValidationError` carries the whole list and prints one line per problem in the
form ``file:line: field: found X, expected Y``, which editors and terminals turn into links.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place.

    Attributes:
        file: Path of the file, shown relative to the working directory when possible.
        line: 1-based line number in that file (0 when the whole file is concerned).
        field: The field or column concerned, dotted for nested ones (``people[2].level``).
        found: What the file holds, quoted when it is a value.
        expected: What would be accepted, and where it helps, how to fix it.
        refers_to: For a reference to something not defined, the id that was looked for
            (so that a problem which only follows from an unreadable file can be told apart).
    """

    file: str
    line: int
    field: str
    found: str
    expected: str
    refers_to: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: found {self.found}, expected {self.expected}"


def display_path(path: str | os.PathLike[str]) -> str:
    """Return ``path`` relative to the working directory when it lies below it.

    Examples:
        >>> display_path("/nonexistent/x.yaml")
        '/nonexistent/x.yaml'
    """
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


class ValidationError(Exception):
    """The records have problems; nothing was built. ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the records; nothing was built:"
        super().__init__("\n".join([head, *(str(p) for p in self.problems)]))


def quote(value: object) -> str:
    """Render a found value for a message: strings quoted, absent values named.

    Examples:
        >>> quote("KYR"), quote(None), quote(3)
        ("'KYR'", 'nothing', '3')
    """
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return repr(value)
    return str(value)
