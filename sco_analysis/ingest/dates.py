"""Dates in English and Russian text, resolved to the calendar with their precision.

Absolute dates ("14 June 2019", "July 21, 2022", "18.06.2025", "1 сентября 2025 года"),
ranges ("13–14 June"), months ("mid-May", "в середине мая", "in August 2024"), years
("in 2026", "в 2026 году") and relative dates ("on Thursday", "last Thursday", "во вторник",
"yesterday", "накануне") are found with their place in the sentence. A date without a year,
and every relative date, is resolved against a *reference date*: the publication date or
the dateline. A weekday goes back to the latest such day on or before the reference
("here on Thursday" in a Thursday dateline is that day), or forward for a planned event.

Examples:
    >>> ref = DateValue(datetime.date(2025, 5, 20), "day")
    >>> [m.value.iso() for m in find("held last Thursday", "en", ref)]
    ['2025-05-15']
    >>> [m.value.iso() for m in find("в середине мая", "ru", ref)]
    ['2025-05']
    >>> m = find("opened on Thursday, 13–14 June 2024", "en", None)[0]
    >>> m.value.iso(), m.last.iso(), m.weekday
    ('2024-06-13', '2024-06-14', 3)
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .lexicon import (
    EVE,
    MONTH_PART,
    MONTHS,
    PAST_WEEKDAY,
    RELATIVE_DAYS,
    RELATIVE_PERIODS,
    WEEKDAYS,
)
from .model import DateValue

_RU_WEEKDAY_FORMS = {"среду": 2, "пятницу": 4, "субботу": 5}


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence.

    Attributes:
        value: The resolved date (None when no year could be found for it).
        start, end: Span in the sentence.
        kind: ``explicit``, ``month``, ``year``, ``weekday``, ``relative`` or ``eve``.
        last: Last day of a range ("13–14 June"), else None.
        weekday: The weekday named with it, if any.
    """

    value: DateValue | None
    start: int
    end: int
    kind: str
    text: str
    last: DateValue | None = None
    weekday: int | None = None


def _alt(words: dict[str, int]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    mon = _alt(MONTHS[lang])
    wd_words = dict(WEEKDAYS[lang], **(_RU_WEEKDAY_FORMS if lang == "ru" else {}))
    wd = _alt(wd_words)
    day = r"(?P<d>\d{1,2})(?:st|nd|rd|th|-?го|-?е)?(?:\s*[–—-]\s*(?P<d2>\d{1,2}))?"
    year = r"(?:,?\s+(?P<y>\d{4})(?:\s*(?:г\.|года|году|г\b))?)?"
    pre_wd = rf"(?:(?:on|во?|в)\s+)?(?:(?P<wd>{wd}),?\s+)?"
    pats = [
        ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
        ("dotted", r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),
        ("dmy", rf"{pre_wd}\b{day}\s+(?:of\s+)?(?P<mon>{mon})\b\.?{year}"),
        ("mdy", rf"{pre_wd}\b(?P<mon>{mon})\b\.?\s+{day}\b{year}"),
        ("part", rf"\b(?:in\s+|в\s+)?{MONTH_PART[lang]}[\s-]+(?P<mon>{mon})\b{year}"),
        ("month", rf"\b(?:in\s+|в\s+|of\s+)?(?P<mon>{mon})\b\.?{year}"),
        ("year", r"\b(?:in|в|for)\s+(?P<y>\d{4})(?:\s*(?:году|г\.))?(?![\d–-])"),
        ("weekday", rf"\b(?:(?:on|во?|в)\s+)?(?:(?P<past>{PAST_WEEKDAY[lang]})\s+)?"
                    rf"(?P<wd>{wd})\b"),
        ("relative", rf"\b(?P<rel>{_alt(RELATIVE_DAYS[lang])})\b"),
        ("period", r"\b(?:" + "|".join(f"(?P<p{i}>{p})" for i, p in
                                         enumerate(RELATIVE_PERIODS[lang])) + r")\b"),
        ("eve", rf"\b{EVE[lang]}\b"),
    ]
    return [(k, re.compile(p, re.I)) for k, p in pats]


_CACHE: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


def find(text: str, lang: str, ref: DateValue | None, forward: bool = False
         ) -> list[DateMention]:
    """Every date in ``text``, in order, resolved against ``ref`` where needed.

    ``forward`` resolves weekdays and yearless dates into the future (planned events).
    """
    pats = _CACHE.setdefault(lang, _patterns(lang))
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for kind, rx in pats:
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            mention = _mention(kind, m, lang, ref, forward)
            if mention is not None:
                taken.append((m.start(), m.end()))
                out.append(mention)
    return sorted(out, key=lambda d: d.start)


def _mention(kind: str, m: re.Match[str], lang: str, ref: DateValue | None,
             forward: bool) -> DateMention | None:
    g = m.groupdict()
    if kind in ("iso", "dotted", "dmy", "mdy"):
        return _day(kind, m, lang, ref, forward)
    if kind in ("part", "month"):
        month = MONTHS[lang][g["mon"].lower().rstrip(".")]
        year = int(g["y"]) if g.get("y") else _year_for(month, 1, ref, forward)
        if kind == "month" and not g.get("y") and not re.match(r"(?i)in|в|of", m.group(0)):
            return None  # a bare month word ("May") without a year or preposition
        value = DateValue(datetime.date(year, month, 1), "month") if year else None
        return DateMention(value, m.start(), m.end(), "month", m.group(0))
    if kind == "year":
        value = DateValue(datetime.date(int(g["y"]), 1, 1), "year")
        return DateMention(value, m.start(), m.end(), "year", m.group(0))
    if kind == "weekday":
        wd = _weekday(g["wd"], lang)
        value = resolve_weekday(wd, ref, bool(g.get("past")), forward)
        return DateMention(value, m.start(), m.end(), "weekday", m.group(0), weekday=wd)
    if kind == "period":
        return _period(m, lang, ref)
    if kind == "relative":
        days = RELATIVE_DAYS[lang][g["rel"].lower()]
        value = _shift(ref, days)
        return DateMention(value, m.start(), m.end(), "relative", m.group(0))
    if eve_alone(m.string, m.end(), lang):
        return DateMention(_shift(ref, -1), m.start(), m.end(), "relative", m.group(0))
    return DateMention(None, m.start(), m.end(), "eve", m.group(0))


def _period(m: re.Match[str], lang: str, ref: DateValue | None) -> DateMention:
    """"Earlier this month", "last year": a month or a year counted back from ``ref``."""
    i = next(int(k[1:]) for k, v in m.groupdict().items() if k.startswith("p") and v)
    back, precision = list(RELATIVE_PERIODS[lang].values())[i]
    value = None
    if ref is not None:
        if precision == "year":
            value = DateValue(datetime.date(ref.first.year + back, 1, 1), "year")
        elif ref.precision in ("day", "month"):
            month = ref.first.month + back
            year = ref.first.year + (month - 1) // 12
            value = DateValue(datetime.date(year, (month - 1) % 12 + 1, 1), "month")
    return DateMention(value, m.start(), m.end(), "month" if precision == "month" else "year",
                       m.group(0))


def eve_alone(text: str, end: int, lang: str) -> bool:
    """True for "накануне" on its own: the day before the report, not the eve of a thing.

    "Накануне в Москве состоялось ..." is the day before the dateline; "накануне совещания"
    is relative to the meeting it names.

    Examples:
        >>> eve_alone("Накануне в режиме видеоконференции", 8, "ru")
        True
        >>> eve_alone("накануне совещания", 8, "ru"), eve_alone("накануне IV Совещания", 8, "ru")
        (False, False)
    """
    if lang != "ru":
        return False
    from . import morph

    nxt = re.match(r"\s*([^\s,.;:!?()«»\"“”—–-]+)", text[end:])
    if nxt is None:
        return True  # punctuation: "Накануне, 25 ноября, ..."
    word = nxt.group(1)
    if not re.fullmatch(r"[а-яё]+", word, re.I):
        return False  # a number or a name: "накануне IV Совещания"
    tag = morph.parses(word)[0].tag  # the likeliest reading: "в" is a preposition
    return not ("gent" in tag and tag.POS in ("NOUN", "NPRO", "ADJF", "PRTF", "NUMR"))


def _weekday(word: str, lang: str) -> int:
    word = word.lower()
    return _RU_WEEKDAY_FORMS.get(word, WEEKDAYS[lang].get(word, 0))


def _day(kind: str, m: re.Match[str], lang: str, ref: DateValue | None,
         forward: bool) -> DateMention | None:
    g = m.groupdict()
    month = int(g["m"]) if g.get("m") else MONTHS[lang][g["mon"].lower().rstrip(".")]
    d = int(g["d"])
    year = int(g["y"]) if g.get("y") else _year_for(month, d, ref, forward)
    if not 1 <= month <= 12 or not 1 <= d <= 31:
        return None
    value = last = None
    if year is not None:
        if d > calendar.monthrange(year, month)[1]:
            return None
        value = DateValue(datetime.date(year, month, d), "day")
        if g.get("d2") and int(g["d2"]) > d:
            last = DateValue(datetime.date(year, month, int(g["d2"])), "day")
    wd = _weekday(g["wd"], lang) if g.get("wd") else None
    return DateMention(value, m.start(), m.end(), "explicit", m.group(0), last, wd)


def _year_for(month: int, day: int, ref: DateValue | None, forward: bool) -> int | None:
    """The year of a yearless date: the reference's, moved so the date falls near it."""
    if ref is None:
        return None
    year = ref.first.year
    if ref.precision != "day":
        return year
    try:
        candidate = datetime.date(year, month, min(day, 28))
    except ValueError:  # pragma: no cover - month checked by the caller
        return year
    if not forward and candidate > ref.first + datetime.timedelta(days=62):
        return year - 1
    if forward and candidate < ref.first - datetime.timedelta(days=62):
        return year + 1
    return year


def resolve_weekday(weekday: int, ref: DateValue | None, past: bool = False,
                    forward: bool = False) -> DateValue | None:
    """The day with that weekday nearest the reference date (on or before it by default).

    Examples:
        >>> ref = DateValue(datetime.date(2022, 7, 21), "day")  # a Thursday
        >>> resolve_weekday(3, ref).iso(), resolve_weekday(3, ref, past=True).iso()
        ('2022-07-21', '2022-07-14')
        >>> resolve_weekday(1, ref, forward=True).iso()
        '2022-07-26'
    """
    if ref is None or ref.precision != "day":
        return None
    delta = (ref.first.weekday() - weekday) % 7
    if forward and not past:
        delta = -((weekday - ref.first.weekday()) % 7)
    elif past and delta == 0:
        delta = 7
    return DateValue(ref.first - datetime.timedelta(days=delta), "day")


def _shift(ref: DateValue | None, days: int) -> DateValue | None:
    if ref is None or ref.precision != "day":
        return None
    return DateValue(ref.first + datetime.timedelta(days=days), "day")


def shift(value: DateValue, days: int) -> DateValue:
    """A day-precise date moved by ``days`` (other precisions are returned as they are)."""
    return _shift(value, days) or value


def from_url(url: str | None) -> DateValue | None:
    """The date a URL carries in its path (``/2021-08-24/``, ``/20240201/``, ``/2025/06/``).

    Examples:
        >>> from_url("https://x.cn/2021-08-24/d03.html").iso()
        '2021-08-24'
        >>> from_url("http://belta.by/view/belarus-656109-2024").iso()
        '2024'
        >>> from_url("https://astanatimes.com/2025/09/sco-summit/").iso()
        '2025-09'
    """
    if not url:
        return None
    path = re.sub(r"^https?://[^/]+", "", url)
    forms = [(r"(?<!\d)(20\d\d|19\d\d)[-/]?(0[1-9]|1[0-2])[-/]?(0[1-9]|[12]\d|3[01])(?!\d)",
              "day"),
             (r"/(20\d\d|19\d\d)/(0[1-9]|1[0-2])(?:/|$)", "month"),
             (r"(?<![\d])(20\d\d|19\d\d)(?![\d])", "year")]
    for rx, precision in forms:
        m = re.search(rx, path)
        if m:
            parts = [int(x) for x in m.groups()] + [1, 1]
            try:
                return DateValue(datetime.date(parts[0], parts[1], parts[2]), precision)
            except ValueError:
                continue
    return None


def parse_published(text: str | None) -> DateValue | None:
    """A publication date given as ``YYYY-MM-DD`` (or a longer ISO timestamp).

    Examples:
        >>> parse_published("2024-02-01T18:20:00+06:00").iso()
        '2024-02-01'
    """
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not m:
        return None
    return DateValue(datetime.date(*(int(x) for x in m.groups())), "day")
