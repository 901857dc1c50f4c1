"""Named people in a sentence: name, position, party and level.

A person is a run of capitalised name words next to a position ("Prime Minister Narendra
Modi", "Zhao Zhiguo, Chief Engineer of ...", "первого заместителя Министра ... Павла
Ткача"). English name words are capitalised words that are not institutional words,
party names or calendar words; Russian name words are those pymorphy3 tags as first
names, surnames or patronymics, or does not know at all (foreign names), and Russian names
are put back in the nominative case (the case is read from the position's head word).

Examples:
    >>> [(p.name, p.position) for p in find("Prime Minister Narendra Modi will chair it.", "en")]
    [('Narendra Modi', 'Prime Minister')]
    >>> [(p.name, p.case) for p in find(
    ...     "Встречу провел заместитель министра Сюн Цзицзюнь и Президент России Владимир Путин.",
    ...     "ru")][1]
    ('Владимир Путин', 'nomn')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import morph
from .cues import Word, words
from .lexicon import (
    INSTITUTIONAL_ENDINGS,
    MONTHS,
    NOT_NAMES,
    POSITION_LEVELS,
    TITLE_WORDS,
    WEEKDAYS,
)


@dataclass
class PersonMention:
    """A person named in a sentence (spans are offsets in the sentence)."""

    name: str
    position: str
    start: int
    end: int
    pos_start: int
    pos_end: int
    case: str = "nomn"


_EN_WORD = re.compile(r"(?:[A-Z]\.\s?){1,3}(?=[A-Z])|[A-Z][a-z’']+(?:-[A-Za-z][a-z]+)*|"
                      r"(?<=\s)(?:ul|al|bin|ud|de|van|von)(?=\s[A-Z])")
_CONNECT_EN = {"of", "the", "for", "and", "to", "on", "under", "in", "its", "their", "his",
               "her"}


def _not_name_en(word: str) -> bool:
    low = word.lower().rstrip(".").replace("’", "'")
    if low in MONTHS["en"] or low in WEEKDAYS["en"] or re.fullmatch(r"h\.\s?e", low):
        return True  # and "H.E." (His Excellency) is a style, not initials
    if any(re.fullmatch(NOT_NAMES["en"], part) for part in low.split("-")):
        return True
    return bool(re.search(INSTITUTIONAL_ENDINGS, low))


def _inside(a: int, b: int, banned: list[tuple[int, int]]) -> bool:
    return any(x < b and a < y for x, y in banned)


def _en_runs(text: str, banned: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of adjacent name words: initials, capitalised words, name particles."""
    runs: list[tuple[int, int]] = []
    cur: list[tuple[int, int]] = []
    for m in _EN_WORD.finditer(text):
        word = m.group(0).strip()
        good = not _not_name_en(word) and not _inside(m.start(), m.end(), banned)
        adjacent = cur and not text[cur[-1][1]:m.start()].strip()
        if good and (adjacent or not cur):
            cur.append((m.start(), m.start() + len(word)))
            continue
        runs += _close_run(text, cur)
        cur = [(m.start(), m.start() + len(word))] if good else []
    runs += _close_run(text, cur)
    return runs


def _close_run(text: str, cur: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not cur:
        return []
    initials = re.match(r"[A-Z]\.", text[cur[0][0]:])
    if len(cur) >= 2 or initials:
        if initials and len(cur) == 1:
            return []
        return [(cur[0][0], cur[-1][1])]
    return []


def _title_before_en(text: str, start: int, floor: int) -> tuple[int, int] | None:
    """The position phrase that ends right before a name (", " allowed between)."""
    head = text[:start].rstrip(" ,")
    toks = [t for t in re.finditer(r"[\w’'()-]+|[,;]", head) if t.start() >= floor]
    a = None
    has_title = False
    for t in reversed(toks):
        w = t.group(0)
        low = w.lower().strip("()")
        if w == ";":
            break
        if re.fullmatch(r"(?:" + TITLE_WORDS["en"] + r")s?", low) or re.search(
                r"secretary-general|vice-premier|in-charge", low):
            has_title, a = True, t.start()
        elif w[:1].isupper() or w[:1] == "(" or w == "," or low in _CONNECT_EN:
            if low in ("its", "their", "his", "her", "the") and has_title:
                break
            if not has_title and len(head) - t.start() > 120:
                break
            a = t.start() if (w[:1].isupper() or w[:1] == "(") else a
        else:
            break
    if not has_title or a is None:
        return None
    return a, len(head)


def _title_after_en(text: str, end: int) -> tuple[int, int] | None:
    m = re.match(r",\s+((?:[A-Z][\w’'()-]*|of|the|and|for|on|in|under|to|\([^)]*\)|,)"
                 r"(?:\s+(?:[A-Z][\w’'()-]*|of|the|and|for|on|in|under|to|\([^)]*\))|,)*)",
                 text[end:])
    if not m:
        return None
    phrase = re.split(r",\s+and\s", m.group(1))[0].rstrip(" ,")
    if not re.search(TITLE_WORDS["en"], phrase, re.I):
        return None
    cut = re.search(r",\s+(?:and\s+)?[A-Z][a-z]+\s[A-Z][a-z]+$", phrase)
    phrase = (phrase[: cut.start()] if cut else phrase).rstrip(" ,")
    a = end + m.start(1)
    return a, a + len(phrase)


def _after_institution(text: str, a: int, b: int) -> int:
    """Where the name starts in a run that follows "of", "for" or "and".

    Such a run starts inside an institution's name ("Minister of Commerce Piyush Goyal"):
    the name is its last two words (three with initials or a particle).
    """
    if not re.search(r"\b(?:of|for|and)\s+(?:the\s+)?$", text[max(0, a - 10):a]):
        return a
    parts = list(re.finditer(r"\S+", text[a:b]))
    keep = 3 if len(parts) >= 3 and (re.match(r"[A-Z]\.", parts[-3].group(0))
                                     or parts[-2].group(0) in ("ul", "al", "bin", "ud")) else 2
    if len(parts) <= keep:
        return a
    return a + parts[-keep].start()


def _find_en(text: str, banned: list[tuple[int, int]]) -> list[PersonMention]:
    out: list[PersonMention] = []
    for a, b in _en_runs(text, banned):
        a = _after_institution(text, a, b)
        floor = out[-1].end if out else 0
        before = _title_before_en(text, a, floor)
        adjacent = before is not None and not text[before[1]:a].strip()
        span = (before if adjacent else None) or _title_after_en(text, b) or before
        if span is None and out and re.fullmatch(r"\s+and\s+", text[out[-1].end:a]):
            span = (out[-1].pos_start, out[-1].pos_end)
        if span is None:
            continue
        position = text[span[0]:span[1]].strip(" ,")
        out.append(PersonMention(text[a:b], _clean_position(position), a, b, *span))
    return out


def _clean_position(position: str) -> str:
    position = re.sub(r"^(?:the|its|their|his|her)\s+", "", position, flags=re.I)
    return re.sub(r"['’]s\s+", " ", position).strip(" ,")


def _name_word_ru(w: Word, banned: list[tuple[int, int]]) -> bool:
    """A capitalised word that can be part of a name (pymorphy3 decides, not a list)."""
    if not w.text[:1].isupper() or _inside(w.start, w.end, banned):
        return False
    if re.fullmatch(r"(?:[А-ЯЁ]\.-?)+[А-ЯЁа-яё-]*", w.text):  # "С.Н.", "К.-Ж.К."
        return True
    if w.text.isupper() and len(w.text) > 1:
        return False
    if morph.lemmas(w.text) & (NOT_NAMES["ru"] | TITLE_WORDS["ru"]):
        return False
    found = morph.parses(w.text)
    if any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in found):
        return True
    if not morph.analyzer().word_is_known(w.text.lower()):
        return True
    first = found[0].tag if found else None
    return first is not None and first.POS == "NOUN" and "Geox" not in first


def _title_before_ru(text: str, ws: list[Word], i: int, floor: int
                     ) -> tuple[int, str] | None:
    """Index of the first word of the position phrase before word ``i``, and its case."""
    j = i - 1
    first = None
    case = None
    while j >= 0 and i - j <= 16 and ws[j].start >= floor:
        w = ws[j]
        found = morph.parses(w.text)
        pos = found[0].tag.POS if found else None
        titles = {x for x in morph.lemmas(w.text) if x in TITLE_WORDS["ru"]}
        if morph.lemmas(w.text) & _HONORIFIC_RU and first is None:
            pass  # "министр ... доктор Умар Саиф": a style between the title and the name
        elif titles:
            first = j
            case = next((str(p.tag.case) for p in found if p.normal_form in titles
                         and p.tag.POS == "NOUN"), "nomn")
        elif first is not None and ("," in text[w.end:ws[j + 1].start] or pos == "CONJ"):
            break
        elif pos in ("VERB", "INFN", "PRTS", "GRND") or (pos == "PREP" and (
                first is not None or not _title_ahead(ws, j))) or (
                pos == "NOUN" and found[0].tag.case in ("nomn", "ablt") and first is None
                and not w.text[:1].isupper()):
            break  # a preposition inside a title goes on: "министр по науке и технологиям"
        j -= 1
    if first is None:
        return None
    while first > 0 and morph.has_tag(ws[first - 1].text, "ADJF") and \
            morph.parses(ws[first - 1].text)[0].tag.POS == "ADJF":
        first -= 1
    return first, case or "nomn"


#: Styles that may stand between a title and a name.
_HONORIFIC_RU = {"доктор", "профессор", "академик", "господин", "госпожа"}


def _title_ahead(ws: list[Word], j: int) -> bool:
    """True when a title word comes just before the preposition at ``j`` (within 3 words)."""
    return any(morph.lemmas(w.text) & TITLE_WORDS["ru"] for w in ws[max(0, j - 3):j])


def _find_ru(text: str, banned: list[tuple[int, int]]) -> list[PersonMention]:
    ws = words(text, "ru")
    out: list[PersonMention] = []
    i = 0
    while i < len(ws):
        if not _name_word_ru(ws[i], banned):
            i += 1
            continue
        j = i
        while j + 1 < len(ws) and _name_word_ru(ws[j + 1], banned) \
                and text[ws[j].end:ws[j + 1].start] in (" ", "", "."):
            j += 1
        run = ws[i:j + 1]
        floor = out[-1].end if out else 0
        named = len(run) >= 2 or "." in run[0].text
        title = _title_before_ru(text, ws, i, floor) if named else None
        if title is not None and len(run) <= 4:
            first, case = title
            name = morph.nominative([w.text for w in run], case)
            position = re.sub(r"(?i)\s+(?:" + "|".join(_HONORIFIC_RU) + r")$", "",
                              text[ws[first].start:ws[i].start].strip(" ,"))
            out.append(PersonMention(name.replace(". ", "."), position, run[0].start,
                                     run[-1].end, ws[first].start, ws[i].start, case))
        i = j + 1
    return out


def find(text: str, lang: str, banned: list[tuple[int, int]] | None = None
         ) -> list[PersonMention]:
    """People named with a position in one sentence.

    ``banned`` holds spans known not to be names (the party names found in the sentence).
    """
    banned = banned or []
    return _find_ru(text, banned) if lang == "ru" else _find_en(text, banned)


def level(position: str, lang: str, has_state: bool) -> str:
    """The person level of a position (``minister``, ``head_of_state`` ...).

    ``has_state`` says whether the position names a state: a "President" of an academy
    is not a head of state.

    Examples:
        >>> level("First Deputy Minister of Communications", "en", True)
        'deputy_minister'
        >>> level("President of the China Academy of ICT", "en", False)
        'other'
        >>> level("заместитель министра промышленности", "ru", True)
        'deputy_minister'
    """
    lem = " ".join("|".join(sorted(morph.lemmas(w.text))) for w in words(position, lang)) \
        if lang == "ru" else position
    for lvl, en, ru in POSITION_LEVELS:
        hit = re.search(en, lem, re.I) if lang == "en" else all(
            any(part in alts.split("|") for alts in lem.split()) for part in ru.split())
        if hit:
            if lvl == "head_of_state" and not has_state:
                return "other"
            return lvl
    return "other"
