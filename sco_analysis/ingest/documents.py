"""Documents in a sentence and what was done to them: type, title, action, draft, own date.

A document is a noun of the lexicon's ``DOC_NOUNS`` with its phrase ("the draft Action Plan
of the SCO Member States in the field of digital transformation", "проекты повестки дня и
протокола"). Its action is the nearest verb (or nominalisation) of adoption, signing,
approval, agreement, discussion, presentation or publication in the sentence. A verb that
carries a date of its own ("signed in August 2024", "одобренной ... 14 июня 2019 г.") gives
the document's own history, not a step at the reported meeting.

Examples:
    >>> [(d.doc_type, d.action, d.draft) for d in find(
    ...     "The draft agenda and minutes as well as the draft Action Plan were agreed upon.",
    ...     "en")]
    [('agenda', 'agreed', True), ('minutes', 'agreed', True), ('action_plan', 'agreed', True)]
    >>> [(d.doc_type, d.action, d.title) for d in find(
    ...     "Главы государств приняли Московскую декларацию.", "ru")]
    [('declaration', 'adopted', 'Московскую декларацию')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates, morph
from .cues import Word, spans, words
from .lexicon import (
    ACTION_VERBS,
    COUNTS,
    DATED,
    DECIDED_ONLY,
    DOC_NOUNS,
    DRAFT,
    SOURCE_OF_NEWS,
    WEEKDAYS,
)
from .model import DateValue, DocumentStep, Event, Field, Sentence

_GROUP_BREAK = {"en": r",|;|:|\bas\s+well\s+as\b|\bwhile\b|\bwhich\b|\bthat\b",
                "ru": r",|;|:|\bа\s+также\b|\bкроме\b|\bкоторы\w+"}
_NOT_GENERIC = {"en": r"\b(?:other|number\s+of|several|related)\s+$",
                "ru": r"(?:других|иных|ряд\w*|ряда)\s+$"}
#: "Besides the Declaration, they adopted ...": the verb is not said of that document.
_BESIDES = {"en": r"\b(?:besides|apart\s+from|aside\s+from|in\s+addition\s+to)\s+(?:the\s+)?$",
            "ru": r"(?:\bпомимо|\bкроме)\s+$"}
#: "25 documents, among them a decision on ...": the documents named are the steps.
_ITEMISED = {"en": r",?\s*(?:among\s+them|including|in\s+particular|notably)\b",
             "ru": r",?\s*(?:в\s+том\s+числе|среди\s+(?:них|которых)|включая)\b"}
_STOP_EN = r"\s(?:was|were|is|are|has|have|had|will|which|that|who|together|as\s+well|" \
           r"provides|builds|sets|and\s+(?:the|a|two|on)|held|by\s+a)\b|[,;:.()–—]"


@dataclass
class DocMention:
    """A document named in a sentence (spans are offsets in the sentence)."""

    doc_type: str
    title: str
    start: int
    end: int
    action: str | None
    draft: bool
    bare: bool
    own_action: str | None = None
    own_date_span: tuple[int, int] | None = None
    verb_span: tuple[int, int] | None = None


def _nouns_en(text: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for doc_type, rx in DOC_NOUNS["en"]:
        for m in re.finditer(rf"(?<![\w-])(?:{rx})(?![\w-])", text, re.I):
            if doc_type == "agreement" and re.search(r"(?i)reach\w*\s+(?:an\s+)?$",
                                                     text[max(0, m.start() - 15):m.start()]):
                continue
            if not any(a < m.end() and m.start() < b for _, a, b in found):
                found.append((doc_type, m.start(), m.end()))
    return sorted(found, key=lambda x: x[1])


def _nouns_ru(ws: list[Word]) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for doc_type, lemmas in DOC_NOUNS["ru"]:
        parts = lemmas.split()
        for i in range(len(ws) - len(parts) + 1):
            if all(ws[i + k].lemma == p for k, p in enumerate(parts)):
                a, b = ws[i].start, ws[i + len(parts) - 1].end
                if not any(x < b and a < y for _, x, y in found):
                    found.append((doc_type, a, b))
    return sorted(found, key=lambda x: x[1])


def _verbs(text: str, lang: str) -> list[tuple[str, int, int]]:
    out = []
    for action, cue in ACTION_VERBS[lang].items():
        out += [(action, a, b) for a, b in spans(text, lang, cue)]
    return sorted(out, key=lambda x: x[1])


def _title_en(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a noun to its phrase: capitalised words before it, of-phrases after it."""
    before = text[:start]
    m = re.search(r"((?:(?:[A-Z][\w’'–-]*|draft|joint|new|separate|thematic|two|the)\s+)*)$",
                  before)
    a = start - len(m.group(1)) if m else start
    while text[a:].lower().startswith(("the ", "two ", "a ")):
        a = text.index(" ", a) + 1
    rest = text[end:]
    nouns = "|".join(rx for _, rx in DOC_NOUNS["en"])
    days = "|".join(WEEKDAYS["en"])
    stop = re.search(rf"{_STOP_EN}|\s+and\s+(?=(?:the\s+)?(?:draft\s+)?(?:{nouns})\b)|"
                     rf"\s+and\s+(?=[a-z]+ed\b)|\s+on\s+(?:the\s+)?(?:sidelines|margins|{days})|"
                     r"\s+(?:during|alongside|within)\b", rest, re.I)
    b = end + (stop.start() if stop else len(rest))
    if re.match(r"\s*\(", rest) and re.match(r"\s*\(\d{4}\)", rest):
        b = end + rest.index(")") + 1
    return a, b


def _title_ru(ws: list[Word], text: str, start: int, end: int) -> tuple[int, int]:
    idx = [i for i, w in enumerate(ws) if w.start >= start]
    first = idx[0] if idx else len(ws)
    a = start
    j = first - 1
    while j >= 0 and morph.has_tag(ws[j].text, "ADJF") and ws[j].lemma not in ("который",):
        if text[ws[j].end:ws[first if j + 1 == first else j + 1].start].strip():
            break
        a = ws[j].start
        j -= 1
    rest = text[end:]
    stop = re.search(r"[,;:.()]|\s[–—]\s(?!член)|\sа\s+также|\sи\s+(?=\w+\s)", rest)
    b = end + (stop.start() if stop else len(rest))
    for w in ws:
        if end < w.start < b and morph.parses(w.text)[0].tag.POS in ("VERB", "PRTS", "INFN"):
            b = w.start - 1
            break
    return a, max(b, end)


def _draft(text: str, lang: str, start: int) -> bool:
    """True when a draft word precedes the noun within its coordination group."""
    head = text[:start]
    parts = re.split(_GROUP_BREAK[lang], head)
    group = parts[-1] if parts else head
    group = group[-60:]
    return bool(spans(group, lang, DRAFT[lang]))


def _count(text: str, lang: str, start: int) -> int:
    before = text[max(0, start - 40):start].lower().split()
    for w in before[-3:]:
        if w in COUNTS[lang]:
            return COUNTS[lang][w]
    return 1


def find(text: str, lang: str, dated: list[tuple[int, int]] | None = None
         ) -> list[DocMention]:
    """Documents named in one sentence, each with the action taken on it (if any).

    ``dated`` lists spans of dates in the sentence: a verb followed by a date (within a
    few words) dates the document's own history instead of acting on it here.
    """
    ws = words(text, lang) if lang == "ru" else []
    nouns = _nouns_ru(ws) if lang == "ru" else _nouns_en(text)
    verbs = _verbs(text, lang)
    verbs += [("dated", a, b) for a, b in spans(text, lang, DATED[lang])]
    own = [v for v in verbs if _has_own_date(text, v, dated or [], verbs)]
    verbs = [v for v in verbs if v[0] != "dated"]
    acting = [v for v in verbs if v not in own]
    out: list[DocMention] = []
    for doc_type, a, b in nouns:
        if any(m.start < a and a < _title_end(text, lang, m, ws) for m in out):
            continue  # "the plan for implementing the Concept": part of the plan's title
        if re.search(SOURCE_OF_NEWS[lang], text[max(0, a - 40):a]):
            continue  # "according to an official statement": the news's source
        if re.search(_BESIDES[lang], text[max(0, a - 30):a], re.I):
            continue  # "Besides the Declaration, the leaders adopted ...": named before
        if doc_type == "other" and (re.search(_NOT_GENERIC[lang], text[:a], re.I)
                                    or _singular_generic(text[a:b], lang)
                                    or re.match(_ITEMISED[lang], text[b:], re.I)):
            continue
        ta, tb = _title_ru(ws, text, a, b) if lang == "ru" else _title_en(text, a, b)
        title = text[ta:tb].strip(" ,-–—\"«»")
        verb = _nearest(acting, ta, tb)
        nxt = next((x[1] for x in nouns if x[1] > b), len(text))
        own_verb = _nearest([v for v in own if b <= v[1] < nxt], a, b) or _nearest(
            [v for v in own if v[2] <= a], a, b)
        bare = len(title.split()) == 1 and title.islower()
        mention = DocMention(doc_type, title, a, b, verb[0] if verb else None,
                             _draft(text, lang, a), bare,
                             own_verb[0] if own_verb else None,
                             _date_after(own_verb, dated or []) if own_verb else None,
                             (verb[1], verb[2]) if verb else None)
        out += _replicate(mention, text, lang, _count(text, lang, ta))
    return out


def _title_end(text: str, lang: str, m: DocMention, ws: list[Word]) -> int:
    i = text.find(m.title)
    return i + len(m.title) if i >= 0 else m.end


def _replicate(mention: DocMention, text: str, lang: str, n: int) -> list[DocMention]:
    """Two statements named together: one mention each, titled by the list after a colon."""
    if n == 1:
        return [mention]
    from dataclasses import replace

    rest = text[mention.end:]
    items: list[str] = []
    if rest.lstrip().startswith(":"):
        body = re.split(r"[.;]", rest.lstrip()[1:])[0]
        items = [x.strip(" ,") for x in re.split(r"(?:,\s+|\s+(?:и|and)\s+)(?=(?:о|об|on)\b)",
                                                  body) if x.strip(" ,")]
    out = []
    for k in range(n):
        suffix = f" {items[k]}" if len(items) == n else f" ({k + 1} of {n})"
        out.append(replace(mention, title=mention.title + suffix))
    return out


def _singular_generic(word: str, lang: str) -> bool:
    if lang == "en":
        return word.lower() == "document"
    found = morph.parses(word)
    return bool(found) and found[0].tag.number == "sing"


def _nearest(verbs: list[tuple[str, int, int]], a: int, b: int
             ) -> tuple[str, int, int] | None:
    """The verb closest to the span [a, b); on a tie, the one before it."""
    if not verbs:
        return None
    return min(verbs, key=lambda v: (min(abs(v[1] - b), abs(a - v[2])), v[1] > a))


def _has_own_date(text: str, verb: tuple[str, int, int], dated: list[tuple[int, int]],
                  verbs: list[tuple[str, int, int]]) -> bool:
    """True when a date follows the verb closely, with no other verb in between."""
    found = _date_after(verb, dated)
    return found is not None and not any(verb[2] <= v[1] < found[0] for v in verbs
                                         if v != verb)


def _date_after(verb: tuple[str, int, int], dated: list[tuple[int, int]]
                ) -> tuple[int, int] | None:
    for a, b in dated:
        if 0 <= a - verb[2] <= 70:
            return a, b
    return None


def _dated(s: Sentence, lang: str, ref: DateValue | None) -> list[dates.DateMention]:
    return [m for m in dates.find(s.text, lang, ref) if m.value is not None]


def steps(scope: list[Sentence], lang: str, ref: DateValue | None, ev: Event
          ) -> list[DocumentStep]:
    """The documents acted on at an event, in order, once each."""
    out: list[DocumentStep] = []
    date = ev.fields["date_start"]
    for s in scope:
        # the event's own date ("signed the Declaration today") does not date a history
        found = [m for m in _dated(s, lang, ref)
                 if not (date.known and m.value.iso() == date.value)]
        for d in find(s.text, lang, [(m.start, m.end) for m in found]):
            if d.action is None or d.action not in DECIDED_ONLY.get(d.doc_type, (d.action,)):
                continue
            if d.bare and any(x.doc_type.value == d.doc_type for x in out):
                continue  # "the statement was approved": the one named before
            if any(_same(x, d) for x in out):
                continue
            out.append(DocumentStep(
                title=Field.of(d.title, s, 0.7, "the document's words in the article"),
                doc_type=Field.of(d.doc_type, s, 0.8, f"noun '{s.text[d.start:d.end]}'"),
                action=Field.of(d.action, s, 0.8, "verb of the sentence: " + s.text[
                    d.verb_span[0]:d.verb_span[1]] if d.verb_span else d.action),
                draft=d.draft,
                date=Field.of(date.value, date.evidence, date.confidence, "the event's date")
                if date.known else date))
    return out


def _same(step: DocumentStep, d: DocMention) -> bool:
    from rapidfuzz import fuzz

    if step.doc_type.value != d.doc_type or step.action.value != d.action:
        return False
    return fuzz.token_set_ratio(step.title.value.lower(), d.title.lower()) >= 80


def background(sents: list[Sentence], lang: str, ref: DateValue | None
               ) -> list[DocumentStep]:
    """Documents only referred to (background notes, or dated history): type and date."""
    out: list[DocumentStep] = []
    for s in sents:
        found = _dated(s, lang, ref)
        for d in find(s.text, lang, [(m.start, m.end) for m in found]):
            if d.doc_type in ("other", *DECIDED_ONLY) or d.bare:
                continue
            if not s.background and (d.action is not None or d.own_action is None):
                continue
            date = _history_date(d, found, s)
            if any(x.doc_type.value == d.doc_type and x.date.value == date.value
                   for x in out):
                continue
            out.append(DocumentStep(
                title=Field.of(d.title, s, 0.7, "the document's words in the article"),
                doc_type=Field.of(d.doc_type, s, 0.8, f"noun '{s.text[d.start:d.end]}'"),
                action=Field.of(d.own_action or d.action or "cited", s, 0.6,
                                "background: not a step at the reported meeting"),
                date=date))
    return out


def _history_date(d: DocMention, found: list[dates.DateMention], s: Sentence) -> Field:
    if d.own_date_span is not None:
        m = next((m for m in found if m.start == d.own_date_span[0]), None)
        if m is not None:
            return Field.of(m.value.iso(), s, 0.8, "date given with the document's step")
    if d.action is not None and d.verb_span is not None:
        near = [m for m in found if m.kind in ("explicit", "month")]
        if near:
            m = min(near, key=lambda m: abs(m.start - d.verb_span[0]))
            return Field.of(m.value.iso(), s, 0.7, "date of the sentence that tells the step")
    return Field.unknown("the article gives no date for this document")
