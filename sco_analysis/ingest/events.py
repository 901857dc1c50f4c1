"""Which meetings an article reports: anchors, their dates, and grouping into events.

An *anchor* is a sentence outside the background notes in which a meeting noun
("meeting", "summit", "заседание", "встреча" ...) is the subject or object of a predicate of
holding ("was held", "took place", "met", "состоялось", "провело") or of planning ("will
host", "состоится"), or in which a body "met" or an official "called on" another. A meeting
noun is not an anchor when it is the purpose of the reported one ("preparations for the
Fourth Meeting", "по подготовке ... Совещания"), its setting ("alongside the Expo", "в
рамках форума"), a proposal or a superseded plan ("proposed holding", "первоначально ...
планировалось"), a recalled earlier meeting ("Предыдущее ... Совещание") or, in Russian, in
an oblique case ("в заседании участвовали": a mention of a meeting already introduced).

Anchors without a date of their own, or with the date of the current event, refer back to
it; an anchor with another date, or related to the current one ("накануне совещания", "the
day before"), starts a new event.

Examples:
    >>> from sco_analysis.ingest import pipeline
    >>> ex = pipeline.extract("MINSK, 20 May 2025 – The ministries held a working meeting "
    ...                       "by video link last Thursday.")
    >>> [(e.value("date_start"), e.value("status")) for e in ex.events]
    [('2025-05-15', 'held')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import dates, morph
from .cues import has, spans, words
from .lexicon import (
    ACTION_VERBS,
    FORMAT_CUES,
    HELD_VERBS,
    MEETING_NOUNS,
    NOT_THIS_MEETING,
    PLANNED_MARKERS,
    SAME_DAY,
    SOCIAL,
)
from .model import Article, DateValue, Field, Sentence
from .sentences import only_dateline

_MET = {"en": r"\bmet\b|\bconvened\b|called\s+on|held\s+talks|signed|received(?=\s+(?:the\s+)?"
              r"[A-Z])", "ru": set()}
DAYS_OLD = 92  # an anchor dated this long before the reference is a recalled meeting


@dataclass
class Anchor:
    """A sentence that introduces or refers to a meeting."""

    sentence: Sentence
    noun: tuple[int, int]
    date: Field
    last: DateValue | None = None
    planned: bool = False
    eve: bool = False
    opening: bool = False
    date_kind: str = ""
    same_day: bool = False


@dataclass
class Context:
    """What the event finder knows about the article as a whole."""

    article: Article
    ref: DateValue | None
    dateline_date: DateValue | None
    dateline_city: str | None
    known_cities: dict[str, str | None] = field(default_factory=dict)
    orgs: dict[object, str] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        """The article's language."""
        return self.article.language


def meeting_nouns(s: Sentence, lang: str, any_case: bool = False) -> list[tuple[int, int]]:
    """Meeting nouns of a sentence; words that also name a format ("videoconference") last.

    A Russian noun counts as the subject or object (nominative, accusative) unless
    ``any_case`` ("на саммите в Нью-Дели" names a meeting too).
    """
    if lang == "en":
        out = spans(s.text, lang, MEETING_NOUNS["en"])
    else:
        out = [(w.start, w.end) for w in words(s.text, lang) if w.lemma in MEETING_NOUNS["ru"]
               and (any_case or morph.case_of(w.text) in ("nomn", "accs"))]
    video = FORMAT_CUES["videoconference"][lang]
    return sorted(out, key=lambda n: has(s.text[n[0]:n[1]], lang, video))


def own_meeting_nouns(s: Sentence, lang: str) -> list[tuple[int, int]]:
    """The meeting nouns of a sentence that may name the meeting it reports.

    Not those of a purpose, a setting, a proposal or a recalled meeting.
    """
    return [n for n in meeting_nouns(s, lang) if not _excluded(s.text, lang, *n)]


def _excluded(text: str, lang: str, a: int, b: int) -> bool:
    """True when the meeting noun at [a, b) is a purpose, setting, proposal or recall."""
    window = text[max(0, a - 45):a]
    for kind in ("purpose", "setting", "previous"):
        if has(window, lang, NOT_THIS_MEETING[f"{kind}_{lang}"]):
            return True
    if has(text[max(0, a - 90):a], lang, NOT_THIS_MEETING[f"proposal_{lang}"]):
        return True
    social = spans(text, lang, SOCIAL[lang])
    return any(x < b + 15 and a - 15 < y for x, y in social)


def is_planned(text: str, lang: str) -> bool:
    """True when the sentence speaks of a meeting still to come (modality, future tense).

    A predicate of holding in the past ("held a videoconference ... to prepare the upcoming
    forum") makes the sentence a report, whatever else it announces.

    Examples:
        >>> is_planned("India will host the summit on 4 July.", "en")
        True
        >>> is_planned("They held talks to prepare the upcoming forum.", "en")
        False
        >>> is_planned("Саммит состоится в Бишкеке.", "ru"), is_planned("Саммит состоялся.", "ru")
        (True, False)
    """
    if _held_in_past(text, lang):
        return False
    if has(text, lang, PLANNED_MARKERS[lang]):
        return True
    return lang == "ru" and any(morph.is_future(w.text) for w in words(text, lang))


def _held_in_past(text: str, lang: str) -> bool:
    if lang == "en":
        for a, _ in spans(text, lang, HELD_VERBS["en"]):
            if not re.search(r"(?i)\b(?:will|shall|would|to|is|are)\s+(?:be\s+)?$",
                             text[max(0, a - 12):a]):
                return True
        return False
    return any(morph.is_past(w.text) and w.lemma in HELD_VERBS["ru"]
               for w in words(text, lang))


def _predicate(text: str, lang: str) -> bool:
    return has(text, lang, HELD_VERBS[lang]) or is_planned(text, lang)


def _after_plan(text: str, lang: str, nouns: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first meeting noun after the sentence's first marker of a plan."""
    marks = [a for a, _ in spans(text, lang, PLANNED_MARKERS[lang])]
    if lang == "ru":
        marks += [w.start for w in words(text, lang) if morph.is_future(w.text)]
    after = [n for n in sorted(nouns) if marks and n[0] > min(marks)]
    return after[0] if after else None


def find_anchors(ctx: Context) -> list[Anchor]:
    """Every anchor sentence of the article, in order.

    The lead sentence is an anchor too when it reports a signing or an adoption on a date
    ("Ministers ... signed an agreement on 12 September"), with no meeting noun.
    """
    out = _meeting_anchors(ctx)
    lead = next((s for s in ctx.article.sentences
                 if not s.background and not only_dateline(s)), None)
    if lead is not None and not any(a.sentence.index == lead.index for a in out):
        acts = [a for cue in ACTION_VERBS[ctx.lang].values() for a in spans(lead.text,
                                                                          ctx.lang, cue)]
        if acts and sentence_date(ctx, lead, False)[0].known:
            out.insert(0, _anchor(ctx, lead, min(acts)))
    return out


def _meeting_anchors(ctx: Context) -> list[Anchor]:
    out = []
    for s in ctx.article.sentences:
        if s.background:
            continue
        nouns = own_meeting_nouns(s, ctx.lang)
        met = spans(s.text, ctx.lang, _MET[ctx.lang]) if ctx.lang == "en" else []
        if not nouns and not met:
            continue
        if not _predicate(s.text, ctx.lang) and not met:
            continue
        noun = min(nouns[:1] + met[:1])  # "The Council ... convened ... for a session"
        if len(nouns) > 1 and is_planned(s.text, ctx.lang):  # "at the summit, X announced
            noun = _after_plan(s.text, ctx.lang, nouns) or noun  # that it will hold a forum"
        out.append(_anchor(ctx, s, noun))
    return out


def _anchor(ctx: Context, s: Sentence, noun: tuple[int, int]) -> Anchor:
    planned = is_planned(s.text, ctx.lang)
    eve = any(m.kind == "eve" for m in dates.find(s.text, ctx.lang, None))
    date, last, kind = sentence_date(ctx, s, planned)
    from .lexicon import OPENING

    opening = has(s.text, ctx.lang, OPENING[ctx.lang])
    return Anchor(s, noun, date, last, planned, eve, opening, kind,
                  same_day=has(s.text, ctx.lang, SAME_DAY[ctx.lang]))


def own_date(text: str, lang: str, start: int) -> bool:
    """A date right after a document verb ("signed in August 2024") dates the document."""
    head = text[max(0, start - 30):start]
    cues = list(ACTION_VERBS[lang].values())
    return any(spans(head, lang, cue) for cue in cues) or bool(
        re.search(r"(?i)\b(?:dated|of)\s*$|\bот\s*$", head))


def sentence_date(ctx: Context, s: Sentence, planned: bool
                  ) -> tuple[Field, DateValue | None, str]:
    """The date of the meeting an anchor sentence speaks of, with its evidence."""
    ref = ctx.dateline_date or ctx.ref
    found = [m for m in dates.find(s.text, ctx.lang, ref, forward=planned)
             if not own_date(s.text, ctx.lang, m.start)]
    if s.dateline and len(found) > 1:
        found = found[1:]  # the dateline dates the report; the body dates the meeting
    for kinds, conf, note in ((("explicit",), 0.9, "date in the sentence"),
                              (("weekday", "relative"), 0.8, "weekday or relative day, "
                               "counted from the dateline or publication date"),
                              (("month",), 0.8, "month in the sentence"),
                              (("year",), 0.7, "year in the sentence")):
        for m in found:
            if m.kind in kinds and m.value is not None:
                return Field.of(m.value.iso(), s, conf, note), m.last, m.kind
    if s.dateline and ctx.dateline_date is not None:
        return (Field.of(ctx.dateline_date.iso(), s, 0.6, "the dateline's date (no other "
                         "date for the meeting)"), None, "dateline")
    return Field.unknown("the sentence gives no date"), None, ""


def group(ctx: Context, anchors: list[Anchor]) -> list[list[Anchor]]:
    """Anchors grouped into events: a new date or a relation ("the day before") starts one."""
    groups: list[list[Anchor]] = []
    for anc in anchors:
        cur = groups[-1] if groups else None
        if anc.same_day and cur is not None:
            first = cur[0].date.value
            if first is not None and (anc.date.value is None or _within(anc.date.value, first)):
                anc.date = Field.of(first, anc.sentence, 0.7,
                                    "the same day as the meeting reported before")
            groups.append([anc])
            continue
        if anc.eve and cur is not None:
            groups.append([anc])
            continue
        if cur is None:
            groups.append([anc])
            continue
        first = cur[0].date.value
        if anc.date.value is None or first is None or _within(anc.date.value, first):
            cur.append(anc)
        else:
            groups.append([anc])
    return groups[:1] + [g for g in groups[1:] if not _recalled(ctx, g)]


def _within(date: str, first: str) -> bool:
    """True when ``date`` is the event's date, or its year alone.

    "The meeting was held under India's chairmanship in 2023" speaks of the meeting of
    13 May 2023; a month ("mid-May") next to a day ("28 May") may well be another meeting.
    """
    return date == first or (len(date) == 4 and first.startswith(date))


def _recalled(ctx: Context, anchors: list[Anchor]) -> bool:
    """True for a meeting dated long before the report: recalled, not reported.

    The first meeting an article reports is never taken for a recalled one.
    """
    value = anchors[0].date.value
    if value is None or ctx.ref is None or anchors[0].planned:
        return False
    from ..dates import parse_date

    first, _ = parse_date(value)
    return (ctx.ref.first - first).days > DAYS_OLD
