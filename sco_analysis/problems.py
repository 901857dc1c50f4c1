"""Problems found in records, reported all at once with file, line and field.

Every check of the build adds a :class:`Problem` to a list instead of stopping at the first
one; :class:`ValidationError` carries the whole list and prints one line per problem in the
form ``file:line: field: found X, expected Y``, which editors and terminals turn into links.
"""

from __future__ import annotations

import os
import re
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
        rank: 0 for a root cause (a file that cannot be read at all), 1 for a problem of one
            value, 2 for a summary of problems left unlisted; lower ranks are listed first.
    """

    file: str
    line: int
    field: str
    found: str
    expected: str
    refers_to: str | None = field(default=None, compare=False)
    rank: int = field(default=1, compare=False)

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


#: Problems listed per file; the rest of a file's problems are counted in one line.
MAX_PER_FILE = 50


def sort_key(p: Problem) -> tuple:
    """Root causes first, then by file, line and field; summaries last."""
    return (p.rank, p.file, p.line, p.field, p.found, p.expected)


def _follows(p: Problem, unreadable: dict[str, str]) -> bool:
    if p.refers_to is None or p.rank == 0:
        return False
    word = re.compile(r"(?<![\w:])" + re.escape(p.refers_to) + r"(?![\w])")
    return any(not text or word.search(text) for text in unreadable.values())


def arrange(problems: list[Problem], unreadable: dict[str, str] | None = None
            ) -> list[Problem]:
    """The problems to show, root causes first, with what only follows summarised.

    A reference to an id that a file which could not be read may define (``unreadable``:
    file -> its text) is not listed but counted in one line, because fixing that file is
    what to do first. At most :data:`MAX_PER_FILE` problems are listed per file.

    Examples:
        >>> broken = Problem("a.yaml", 3, "(yaml)", "malformed YAML", "valid YAML", rank=0)
        >>> follow = Problem("b.yaml", 7, "event", "'x_2025', which is not defined",
        ...                  "an existing event", refers_to="x_2025")
        >>> [str(p) for p in arrange([follow, broken], {"a.yaml": "id: x_2025"})]
        ... # doctest: +NORMALIZE_WHITESPACE
        ['a.yaml:3: (yaml): found malformed YAML, expected valid YAML',
         'a.yaml: (follow-on): found 1 more problem in other files that may only follow from
         the file(s) above not being read (references to ids they may define, such as
         x_2025), expected it to go away once the file(s) above are fixed; run the command
         again']
    """
    unique = sorted(set(problems), key=sort_key)
    shown, hidden = [], []
    for p in unique:
        (hidden if unreadable and _follows(p, unreadable) else shown).append(p)
    out: list[Problem] = []
    by_file: dict[str, int] = {}
    for p in shown:
        by_file[p.file] = by_file.get(p.file, 0) + 1
        if by_file[p.file] <= MAX_PER_FILE:
            out.append(p)
    for file, n in by_file.items():
        if n > MAX_PER_FILE:
            out.append(Problem(file, 0, "(more)", f"{n - MAX_PER_FILE} more problems in this "
                               "file, not listed", "the ones listed to be fixed first; then "
                               "run the command again", rank=2))
    if hidden and unreadable:
        ids = sorted({p.refers_to for p in hidden if p.refers_to})
        n = len(hidden)
        out.append(Problem(
            next(iter(unreadable)), 0, "(follow-on)",
            f"{n} more problem{'s' if n != 1 else ''} in other files that may only follow "
            "from the file(s) above not being read (references to ids they may define, "
            f"such as {', '.join(ids[:3])})",
            f"{'them' if n != 1 else 'it'} to go away once the file(s) above are fixed; run "
            "the command again", rank=2))
    return out


class ValidationError(Exception):
    """The records have problems; nothing was built. ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=sort_key)
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
