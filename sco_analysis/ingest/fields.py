"""The fields of one event: status, format, city, host, series, number, dates' end.

Each function reads the event's sentences (its anchors and the sentences that follow them
up to the next event) and returns a :class:`~sco_analysis.ingest.model.Field` with the
sentence that decided it, or an unknown Field with the reason.
"""

from __future__ import annotations

import re

from . import morph, parties, places
from .cues import has, spans, words
from .lexicon import (
    CHAIR_VERBS,
    DURATION,
    FORMAT_CUES,
    HERE,
    HOST_VERBS,
    NOT_THIS_MEETING,
    ORDINALS,
    SERIES_CUES,
    TENS,
)
from .model import DateValue, Field, Sentence

_STRONG_SITE = {"en": r"on\s+site|in\s+person|in-person", "ru": {"очный", "очно"}}


def status(planned: bool, s: Sentence) -> Field:
    """``planned`` when the anchor speaks of a meeting to come, else ``held``."""
    if planned:
        return Field.of("planned", s, 0.8, "future tense or modality")
    return Field.of("held", s, 0.85, "past tense: reported as having taken place")


def event_format(sents: list[Sentence], lang: str, city: Field) -> Field:
    """The format (videoconference, hybrid, in_person) from the cues of the event's sentences."""
    found: dict[str, Sentence] = {}
    for s in sents:
        for fmt, cue in FORMAT_CUES.items():
            if fmt not in found and has(s.text, lang, cue[lang]):
                found[fmt] = s
        if "strong" not in found and has(s.text, lang, _STRONG_SITE[lang]):
            found["strong"] = s
    if "hybrid" in found:
        return Field.of("hybrid", found["hybrid"], 0.9, "the text says hybrid")
    if "videoconference" in found and "strong" in found:
        return Field.of("hybrid", found["strong"], 0.8, "some on site, some remote")
    if "videoconference" in found:
        return Field.of("videoconference", found["videoconference"], 0.9,
                        "online / video link")
    if "in_person" in found:
        return Field.of("in_person", found["in_person"], 0.75,
                        "participants placed together; no remote participation mentioned")
    if city.known:
        return Field.of("in_person", city.evidence, 0.65,
                        "held in a named city; no remote participation mentioned")
    return Field.unknown("the text does not say how the meeting was held")


def city(anchors: list[Sentence], acts: list[Sentence], lang: str,
         dateline_city: str | None, known: dict[str, str | None]) -> Field:
    """The city where the meeting took place."""
    for s in anchors + acts:
        banned = [(m.start, m.end) for m in parties.find(s.text, lang)]
        found = places.cities(s.text, lang, banned)
        if s not in anchors:  # "decisions taken at the summit in New Delhi": that summit's
            found = [c for c in found if not _of_other_meeting(s, lang, c[1])]
        if found:
            name = places.english_city(found[0][0], known) if lang == "ru" else found[0][0]
            return Field.of(name, s, 0.8, f"place named in the sentence: {found[0][0]}")
        if dateline_city and _here_of_meeting(s.text, lang):
            name = places.dateline_city(dateline_city, known)
            return Field.of(name, s, 0.75, "the dateline's city, tied to the meeting by "
                                           "'here'")
        if dateline_city and _capital_of_dateline(s.text, lang, dateline_city, known):
            name = places.dateline_city(dateline_city, known)
            return Field.of(name, s, 0.7, "the dateline's city, named as the capital of "
                                          "its country")
    return Field.unknown("no place is named for the meeting")


def _capital_of_dateline(text: str, lang: str, dateline_city: str,
                         known: dict[str, str | None]) -> bool:
    """True when the sentence says "the Kazakh capital" and the dateline's city is there.

    Also "в столице Казахстана": the capital next to the name of the dateline's country.
    """
    from .lexicon import CAPITAL

    country = known.get(places.dateline_city(dateline_city, known))
    if not country:
        return False
    for a, _ in spans(text, lang, CAPITAL[lang]):
        near = [m.code for m in parties.find(text, lang)
                if -40 <= m.start - a <= 40 or -40 <= a - m.end <= 40]
        if country in near:
            return True
    return False


def _of_other_meeting(s: Sentence, lang: str, start: int) -> bool:
    """True when a place follows closely on a meeting noun: the place of that meeting."""
    from .events import meeting_nouns

    return any(0 <= start - b <= 40 for _, b in meeting_nouns(s, lang, any_case=True))


def _here_of_meeting(text: str, lang: str) -> bool:
    """True when "here" is said of the meeting, not of where a statement was issued.

    "According to a statement issued here on Thursday" places the statement, not the meeting.
    """
    from .lexicon import REPORTED_HERE

    return any(not re.search(REPORTED_HERE[lang], text[max(0, a - 40):a])
               for a, _ in spans(text, lang, HERE[lang]))


def host(sents: list[Sentence], lang: str, city_f: Field, known: dict[str, str | None],
         anchors: list[Sentence] | None = None, home: str | None = None) -> Field:
    """The hosting party: a host verb, the city's country, or the chairing state.

    A host verb counts in the meeting's own sentences (``anchors``) only: "the meeting,
    which Kyrgyzstan will host in 2026" in a later sentence hosts another meeting. A host
    named by its body alone ("The Ministry of IT hosted ...") is of ``home``, the country of
    the dateline's city, when the article has one.
    """
    for s in anchors if anchors is not None else sents:
        code = _party_near(s.text, lang, HOST_VERBS[lang])
        if code:
            return Field.of(code, s, 0.85, "named as host")
        if home and spans(s.text, lang, HOST_VERBS[lang]) and not city_f.known:
            return Field.of(home, s, 0.6, "hosted by a national body of the dateline's "
                                          "country")
    if city_f.known:
        code = _party_after(city_f.evidence.text, lang, city_f.value) or known.get(
            city_f.value)
        if code:
            return Field.of(code, city_f.evidence, 0.75, f"country of {city_f.value}")
    for s in sents:
        code = _party_near(s.text, lang, CHAIR_VERBS[lang], states_only=True)
        if code:
            return Field.of(code, s, 0.7, "the chairing state")
    for s in sents[:1]:
        found = [m for m in parties.find(s.text, lang) if not m.code.startswith("ORG:")
                 and re.search(r"(?i)(?:\bin|\bв|\bво)\s+(?:the\s+)?$", s.text[:m.start])]
        if found:
            return Field.of(found[0].code, s, 0.6, f"held in {found[0].text}")
    return Field.unknown("the text names no host or venue")


def _party_near(text: str, lang: str, cue: object, states_only: bool = False) -> str | None:
    """The party that is the subject (just before) or object (just after) of a cue."""
    found = [m for m in parties.find(text, lang)
             if not states_only or not m.code.startswith("ORG:")]
    for a, b in spans(text, lang, cue):
        after = [m for m in found if 0 <= m.start - b <= 70]
        before = [m for m in found if 0 <= a - m.end <= 25]
        if re.search(r"(?i)\bby\s*$", text[b:b + 4]) or re.match(r"\s+by\b", text[b:]):
            return after[0].code if after else None
        if before:
            return before[-1].code
        if after and re.search(r"(?i)of|under|председательством|провел", text[a:b + 4]):
            return after[0].code
    return None


def _party_after(text: str, lang: str, name: str) -> str | None:
    found = re.search(rf"\b{re.escape(name)}\b", text) if lang == "en" else None
    i = found.start() if found else -1  # "Islamabad", not the "Islam" of "Islamic Republic"
    if lang == "ru":
        i = next((w.start for w in words(text, lang)
                  if places.english_city(w.text, {name: None}) == name), -1)
    if i < 0:
        return None
    found = [m for m in parties.find(text, lang) if 0 < m.start - i <= 90]
    return found[0].code if found else None


def _series_cue(phrase: str, lang: str) -> str | None:
    for series_id, cue in SERIES_CUES:
        if lang == "en" and re.search(rf"\b(?:{cue['en']})", phrase, re.I):
            return series_id
        if lang == "ru":
            lem = {w.lemma for w in words(phrase, lang)}
            if any(group <= lem for group in cue["ru"]):
                return series_id
    return None


def _is_act(text: str, lang: str) -> bool:
    """True for a document verb: the anchor of a lead that reports an adoption or signing."""
    from .lexicon import ACTION_VERBS

    return any(spans(text, lang, cue) for cue in ACTION_VERBS[lang].values())


def _cut_at_purpose(phrase: str, lang: str, keep: int = 0) -> str:
    """The phrase up to its first purpose or setting cue ("to prepare", "alongside")."""
    cut = [a for key in ("purpose", "setting") for a, _ in spans(
        phrase[keep:], lang, NOT_THIS_MEETING[f"{key}_{lang}"])]
    return phrase[:keep + min(cut)] if cut else phrase


def series(anchor: Sentence, noun: tuple[int, int], lang: str, n_parties: int,
           secretariat: bool) -> Field:
    """The series from the meeting's noun phrase; a generic meeting is bilateral or other.

    The words around the meeting noun are read up to its purpose or setting ("to prepare
    the forum" does not make a forum); for "X met" or "X convened", X.
    """
    noun_text = anchor.text[noun[0]:noun[1]]
    if (lang == "en" and re.fullmatch(r"(?i)met|convened|called\s+on|held\s+talks|signed|"
                                      r"received", noun_text)) or _is_act(noun_text, lang):
        phrase = anchor.text[:noun[1]]  # the subject: "The ICT ministers ... adopted"
    elif re.search(r"(?i)\bits\s+(?:[\w-]+\s+){0,3}$", anchor.text[:noun[0]]):
        phrase = anchor.text[:noun[1]]  # "The Council of Heads of State held its 21st meeting"
    else:
        phrase = _cut_at_purpose(anchor.text[max(0, noun[0] - 25):noun[1] + 240], lang, 30)
    found = _series_cue(phrase, lang)
    if found:
        return Field.of(found, anchor, 0.8, "named in the meeting's description")
    if n_parties == 2:
        note = "a meeting of two sides" + (" (the SCO Secretariat and one state)"
                                           if secretariat else "")
        return Field.of("bilateral", anchor, 0.6, note)
    return Field.of("other", anchor, 0.4, "a meeting of no known series")


def series_elsewhere(sents: list[Sentence], lang: str) -> Field:
    """The series named where the event's other sentences speak of a meeting again.

    "The proposal was taken up at a meeting of SCO ministers responsible for ICT".
    """
    from .events import meeting_nouns

    for s in sents:
        for a, b in sorted(meeting_nouns(s, lang, any_case=True)):
            found = _series_cue(_cut_at_purpose(s.text[max(0, a - 25):b + 240], lang, 30),
                                lang)
            if found and found not in ("bilateral", "other"):
                return Field.of(found, s, 0.6, "named where the meeting is spoken of again")
    return Field.unknown("no series is named for the meeting")


def series_number(anchor: Sentence, noun: tuple[int, int], lang: str) -> Field:
    """The ordinal written next to the meeting noun ("third Meeting", "IV Совещание")."""
    head = anchor.text[max(0, noun[0] - 30):noun[0]]
    toks = re.findall(r"[\w-]+", head)[-3:]
    for tok in reversed(toks):
        number = ordinal(tok, lang)
        if number:
            return Field.of(number, anchor, 0.85, f"ordinal '{tok}' of this meeting")
    return edition(anchor, lang)


def edition(s: Sentence, lang: str) -> Field:
    """The edition of a recurring meeting told in a sentence.

    "Now in its third edition", "for the third year in a row", "третий год подряд".
    """
    from .lexicon import EDITION

    found = re.search(EDITION[lang], s.text)
    number = ordinal(found.group(1), lang) if found else None
    if number:
        return Field.of(number, s, 0.7, f"edition: {found.group(0)}")
    return Field.unknown("no ordinal is given for this meeting")


def ordinal(token: str, lang: str) -> int | None:
    """The number of an ordinal word, digit form or Roman numeral.

    Examples:
        >>> ordinal("third", "en"), ordinal("22nd", "en"), ordinal("IV", "ru")
        (3, 22, 4)
        >>> ordinal("четвертого", "ru"), ordinal("twenty-second", "en"), ordinal("I", "en")
        (4, 22, None)
    """
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th|-?[а-яё]{1,3})", token)
    if m:
        return int(m.group(1))
    if re.fullmatch(r"[IVXL]{2,}|V|X", token):
        return _roman(token)
    low = token.lower()
    table = {k.replace("ё", "е"): v for k, v in ORDINALS[lang].items()}
    if lang == "ru":
        low = morph.lemma(token)
    if low in table:
        return table[low]
    parts = low.split("-")
    if len(parts) == 2 and parts[0] in TENS[lang] and parts[1] in table:
        return TENS[lang][parts[0]] + table[parts[1]]
    return None


def _roman(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total or None


def _duration(sents: list[Sentence], lang: str) -> tuple[int, str, Sentence] | None:
    for s in sents:
        low = s.text.lower()
        for word, days in DURATION[lang].items():
            if word in low or (lang == "ru" and any(morph.lemma(w) == word
                                                    for w in re.findall(r"\w+", low))):
                return days, word, s
    return None


def date_end(start: Field, last: DateValue | None, anchor: Sentence, lang: str,
             opening: bool, scope: list[Sentence] | None = None) -> Field:
    """The last day: a range, a length ("two-day"), unknown after "opened", else the start."""
    from datetime import timedelta

    if not start.known:
        return Field.unknown("the start date is not known")
    if last is not None:
        return Field.of(last.iso(), anchor, 0.85, "end of the date range")
    found = _duration([anchor, *(scope or [])], lang)
    if found is not None:
        from ..dates import parse_date

        days, word, s = found
        first, precision = parse_date(start.value)
        if precision == "day":
            end = first + timedelta(days=days - 1)
            return Field.of(end.isoformat(), s, 0.8, f"'{word}' from the start")
    if opening:
        return Field.unknown("the article gives only the opening day")
    return Field.of(start.value, start.evidence, start.confidence, "one-day meeting")
