"""Sentences and words of an article, with their places in its text.

Sentences end at ``.``, ``!`` or ``?`` followed by a capital, a digit or an opening quote,
except after abbreviations and initials (``Aug.``, ``г.``, ``M.I. Shadaev``, ``Б.Мусин``).
A paragraph is *background* when it is set in italics or opens with a reference marker
("Reference.", "Справочно.", "Напомним"); its sentences never make events or steps.

Examples:
    >>> [s.text for s in split("The SCO met on Aug. 23. M.I. Shadaev spoke. Итоги подвели.")]
    ['The SCO met on Aug. 23.', 'M.I. Shadaev spoke.', 'Итоги подвели.']
    >>> [t.text for t in tokens("Б.Мусин (KAZ) signed 4-th draft.", 0)][:4]
    ['Б.', 'Мусин', '(', 'KAZ']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import BACKGROUND
from .model import Sentence

_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "gen", "gov", "sen", "rep", "prof", "vs", "etc",
    "inc", "ltd", "co", "jr", "sr", "approx", "e.g", "i.e",
    "г", "гг", "им", "т", "д", "е", "с", "ул", "тыс", "млн", "млрд", "руб", "см", "ст",
    "н", "э", "пр", "др", "проф", "акад",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZА-ЯЁ0-9*])")
_TOKEN = re.compile(r"(?:[A-ZА-ЯЁ]\.(?:-[A-ZА-ЯЁ]\.)?)+(?=[A-ZА-ЯЁ ]|$)|"
                    r"\d+(?:[.:/-]\d+)*(?:-[а-яё]+)?|[\w’'-]+|[^\w\s]", re.U)


@dataclass(frozen=True)
class Token:
    """A word, number or punctuation mark and its place in the article text."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        """The token in lower case."""
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        """True when the token starts with a capital letter."""
        return self.text[:1].isupper()


def _is_abbrev(before: str) -> bool:
    word = re.search(r"([\w.]+)\.?$", before)
    if not word:
        return False
    w = word.group(1).rstrip(".").lower()
    return w in _ABBREV or (len(w) == 1 and w.isalpha()) or bool(
        re.fullmatch(r"(?:[a-zа-яё]\.)+[a-zа-яё]?", w))


def split(text: str, offset: int = 0, paragraph: int = 0,
          background: bool = False) -> list[Sentence]:
    """Split one paragraph into sentences; offsets are shifted by ``offset``."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        if _is_abbrev(text[start:m.start() + 1]):
            continue
        out.append((start, end))  # type: ignore[arg-type]
        start = m.end()
    if start < len(text.rstrip()):
        out.append((start, len(text.rstrip())))  # type: ignore[arg-type]
    return [Sentence(0, text[a:b], offset + a, offset + b, paragraph, background)
            for a, b in out if text[a:b].strip()]


def tokens(text: str, offset: int) -> list[Token]:
    """The tokens of a text; offsets are shifted by ``offset``."""
    return [Token(m.group(0), offset + m.start(), offset + m.end())
            for m in _TOKEN.finditer(text)]


def is_background(paragraph: str, italic: bool) -> bool:
    """True for a background note: italics, or a reference marker at the start.

    Examples:
        >>> is_background("Справочно. Совещания служат ...", False)
        True
        >>> is_background("Reference: the Concept was approved in 2019.", False)
        True
        >>> is_background("The sides agreed on the plan.", False)
        False
    """
    if italic:
        return True
    head = paragraph[:40].lower()
    pattern = rf"^\W*(?:{BACKGROUND['en']}|{BACKGROUND['ru']})\b\W"
    return bool(re.match(pattern, head))


_DATELINE = re.compile(r"^(?P<city>[A-ZА-ЯЁ][A-Za-zА-ЯЁа-яё'’ .-]{2,30}?),\s*"
                       r"(?P<rest>[^–—()]{0,30}?\d[^–—()]{0,20}?)"
                       r"(?:\s*(?P<agency>\([^)]{1,40}\)))?"
                       r"\s*(?:[–—-]{1,2}\s|[:.]\s+(?=[A-ZА-ЯЁ«\"])|$|"
                       r"(?<=\))\s+(?=[A-ZА-ЯЁ«\"]))")
_MONTH_WORD = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|янв|фев|мар|"
                         r"апр|мая|май|июн|июл|авг|сен|окт|ноя|дек)")


def dateline(paragraph: str) -> tuple[str, str, int, int] | None:
    """The dateline of a paragraph: city (as written), date text and its span.

    Examples:
        >>> dateline("МИНСК, 22 августа (БЕЛТА) – Министерство ...")[:2]
        ('МИНСК', '22 августа')
        >>> dateline("ISLAMABAD, July 21, 2022 – Secretary-General ...")[:2]
        ('ISLAMABAD', 'July 21, 2022')
        >>> dateline("India will host the summit.") is None
        True
        >>> dateline("New Delhi, May 13 (PTI) Member states of the SCO ...")[:2]
        ('New Delhi', 'May 13')
        >>> dateline("Tajikistan, which has chaired since 2020 – a year ...") is None
        True
    """
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    city = m.group("city")
    titled = all(w[:1].isupper() for w in re.split(r"[\s-]+", city.strip()) if w)
    if not city.replace(" ", "").isupper() and not (
            titled and (m.group("agency") or _MONTH_WORD.search(m.group("rest")))):
        return None  # a title-case city needs an agency or a month: "New Delhi, May 13 (PTI)"
    if not re.search(r"\d", m.group("rest")):
        return None
    return m.group("city").strip(), m.group("rest").strip(), m.start("rest"), m.end("rest")


def only_dateline(s: Sentence) -> bool:
    """True for a sentence that is nothing but its dateline ("НЬЮ-ДЕЛИ, 13 мая. /ТАСС/.")."""
    found = dateline(s.text) if s.dateline else None
    return bool(found) and len(s.text) - found[3] < 5


def sentences_of(paragraphs: list[str], italic: list[bool]) -> tuple[str, list[Sentence]]:
    """The article text (paragraphs joined by blank lines) and all its sentences."""
    text_parts: list[str] = []
    out: list[Sentence] = []
    pos = 0
    for i, (para, ital) in enumerate(zip(paragraphs, italic, strict=True)):
        bg = is_background(para, ital)
        line = dateline(para) is not None
        for j, s in enumerate(split(para, pos, i, bg)):
            out.append(Sentence(len(out), s.text, s.start, s.end, i, bg, line and j == 0))
        text_parts.append(para)
        pos += len(para) + 2
    return "\n\n".join(text_parts), out
