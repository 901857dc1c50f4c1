"""What the ingest extracts: values with their evidence, events, documents, people.

Every extracted value is a :class:`Field`: the value, the sentence it came from (with its
place in the article text) and a confidence between 0 and 1. A value that could not be
determined is a Field with ``value=None`` and a ``reason``; the draft lists those for the
reviewer instead of guessing.

Examples:
    >>> s = Sentence(0, "It was held on 15 May.", 0, 22, 0)
    >>> f = Field.of("2025-05-15", s, 0.9, "explicit date")
    >>> f.value, f.evidence.text, f.known
    ('2025-05-15', 'It was held on 15 May.', True)
    >>> Field.unknown("no date in the text").known
    False
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


class IngestError(Exception):
    """The input cannot be drafted; the message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article: its text and where it lies in the article text.

    Attributes:
        index: Position among the article's sentences.
        text: The sentence.
        start, end: Character offsets in :attr:`Article.text`.
        paragraph: Index of its paragraph.
        background: True in a background note ("Reference.", "Справочно", italics).
        dateline: True when the sentence opens with a dateline ("MINSK, 22 August -").
    """

    index: int
    text: str
    start: int
    end: int
    paragraph: int
    background: bool = False
    dateline: bool = False


@dataclass(frozen=True)
class Field:
    """One extracted value with its evidence and confidence (or why it is unknown)."""

    value: Any
    evidence: Sentence | None = None
    confidence: float = 0.0
    note: str = ""
    reason: str = ""

    @property
    def known(self) -> bool:
        """True when a value was determined."""
        return self.value is not None

    @classmethod
    def of(cls, value: Any, evidence: Sentence | None, confidence: float,
           note: str = "") -> Field:
        """A determined value."""
        return cls(value, evidence, round(confidence, 2), note)

    @classmethod
    def unknown(cls, reason: str) -> Field:
        """A value the article does not give; ``reason`` tells the reviewer why."""
        return cls(None, None, 0.0, "", reason)


@dataclass(frozen=True)
class DateValue:
    """A date at its precision: first day of the period, and day / month / year."""

    first: datetime.date
    precision: str

    def iso(self) -> str:
        """Reduced ISO form: ``2025-05-15``, ``2025-05`` or ``2025``."""
        text = self.first.isoformat()
        return {"day": text, "month": text[:7], "year": text[:4]}[self.precision]


@dataclass
class Person:
    """A named person with a part in an event."""

    name: Field
    position: Field
    party: Field
    level: Field
    role: str = ""


@dataclass
class DocumentStep:
    """A document acted on at an event, or only mentioned as background."""

    title: Field
    doc_type: Field
    action: Field
    draft: bool = False
    date: Field = field(default_factory=lambda: Field.unknown("no date of its own"))
    match: Field = field(default_factory=lambda: Field.unknown("no existing document "
                                                               "matches"))


@dataclass
class Event:
    """One meeting reported by the article, every field with its evidence."""

    anchor: Sentence
    fields: dict[str, Field] = field(default_factory=dict)
    parties: list[Field] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    documents: list[DocumentStep] = field(default_factory=list)
    mentioned: list[DocumentStep] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    match: Field = field(default_factory=lambda: Field.unknown("no existing event matches"))

    def value(self, name: str) -> Any:
        """The value of a field, or None."""
        f = self.fields.get(name)
        return f.value if f is not None else None

    def party_codes(self) -> list[str]:
        """The party codes, in the order first found."""
        return [f.value for f in self.parties]


@dataclass
class Article:
    """An article read and cleaned: text, title, URL, publication date, language."""

    text: str
    title: str
    url: str | None
    published: DateValue | None
    language: str
    sentences: list[Sentence]
    name: str = "article"
    published_basis: str = ""


@dataclass
class Extraction:
    """Everything the ingest found in one article."""

    article: Article
    events: list[Event]
    mentioned: list[DocumentStep] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
