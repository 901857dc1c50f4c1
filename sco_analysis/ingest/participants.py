"""Who took part in an event: its parties, and its people with their parties and levels.

A party named in the event's sentences is a participant unless the sentence is about
status, membership, chairmanship or invitations ("Pakistan had observer status", "the
chairmanship passed to Kazakhstan", "invitations have gone out to China") without also
stating participation, or the name comes after a proposal verb ("proposed holding the next
meeting in Kyrgyzstan"). People's parties come from their position ("Minister of ... of the
Republic of Belarus"), from ministries the text ties to a state ("the Ministry of
Communications and Informatization of the Republic of Belarus (MinCom)"), or from the
nearest party named before them in the sentence.
"""

from __future__ import annotations

import re

from . import parties, people
from .cues import has, spans, words
from .lexicon import NOT_THIS_MEETING, PARTICIPATION, SOURCE_ATTRIBUTION, STATUS_TALK
from .model import Field, Person, Sentence

_ORG_HEADS = {"en": r"ministry|minister|department|committee|agency|service",
              "ru": {"министерство", "министр", "ведомство", "департамент", "комитет",
                     "агентство", "служба"}}
_STOP = {"of", "the", "and", "for", "on", "in", "и", "по", "в", "a"}


def _secretariat() -> str:
    found = parties.find("SCO Secretariat", "en")
    return found[0].code if found else "ORG:SCO_SECRETARIAT"


def event_parties(sents: list[Sentence], lang: str) -> list[Field]:
    """The parties stated as taking part, in the order first named."""
    out: dict[str, Field] = {}
    for s in sents:
        if s.background:
            continue
        status = has(s.text, lang, STATUS_TALK[lang])
        if status and not has(s.text, lang, PARTICIPATION[lang]):
            continue
        if has(s.text, lang, SOURCE_ATTRIBUTION[lang]) and not has(
                s.text, lang, PARTICIPATION[lang]):
            continue
        cut = _proposal_start(s.text, lang)
        for m in parties.find(s.text, lang):
            if m.start >= cut or m.code in out:
                continue
            conf = 0.9 if has(s.text, lang, PARTICIPATION[lang]) else 0.75
            out[m.code] = Field.of(m.code, s, conf, f"named: {m.text}")
    return list(out.values())


def _proposal_start(text: str, lang: str) -> int:
    found = spans(text, lang, NOT_THIS_MEETING[f"proposal_{lang}"])
    return found[0][0] if found else len(text) + 1


def org_parties(sents: list[Sentence], lang: str) -> dict[object, str]:
    """Ministries (by their content words) and acronyms the text ties to a party."""
    out: dict[object, str] = {}
    for s in sents:
        for m in parties.find(s.text, lang):
            head = s.text[max(0, m.start - 160):m.start]
            linked = re.search(r"\bof\s+(?:the\s+)?$", head) if lang == "en" else \
                "," not in head[-100:] and not re.search(r"\s(?:и|а|с|со)\s*$", head)
            key = org_key(head, lang, last=True) if linked else None
            if key:
                out.setdefault(key, m.code)
            acro = re.match(r"\s*\(([A-Z][A-Za-z]{1,9})\)", s.text[m.end:])
            if acro:
                out.setdefault(acro.group(1), m.code)
    return out


def org_key(text: str, lang: str, last: bool = False) -> frozenset[str] | None:
    """The content words after a ministry word, as the key of that ministry.

    "Ministry of Communications and Informatization" -> {communications, informatization}.
    """
    heads = spans(text, lang, _ORG_HEADS[lang])
    if not heads:
        return None
    a = heads[-1][1] if last else heads[0][1]
    rest = text[a:]
    ws = [w.lemma for w in words(rest, lang)]
    key = []
    for w in ws:
        if lang == "en" and w in ("of", "the") and not key:
            continue
        if w in ("of", "the") and key and lang == "en":
            break
        if w not in _STOP:
            key.append(w)
        if len(key) >= 4:
            break
    return frozenset(key) if key else None


def event_people(sents: list[Sentence], lang: str, orgs: dict[object, str]) -> list[Person]:
    """The named people of the event, once each (the first mention wins)."""
    out: list[Person] = []
    seen: list[set[str]] = []
    for s in sents:
        if s.background:
            continue
        found = parties.find(s.text, lang)
        banned = [(m.start, m.end) for m in found]
        for p in people.find(s.text, lang, banned):
            tokens = set(re.sub(r"[^\w\s]", " ", p.name.lower()).split())
            if any(tokens <= t or t <= tokens for t in seen):
                continue
            seen.append(tokens)
            out.append(_person(s, p, found, lang, orgs))
    return out


def _person(s: Sentence, p: people.PersonMention, found: list[parties.Mention], lang: str,
            orgs: dict[object, str]) -> Person:
    inside = [m for m in found if p.pos_start <= m.start < p.pos_end
              and not re.search(r"(?i)(?:\bto|\bв|\bпри)\s+(?:the\s+)?$",
                                s.text[max(0, m.start - 8):m.start])]
    states = [m for m in inside if not m.code.startswith("ORG:")]
    lvl = people.level(p.position, lang, bool(states))
    party, note = _person_party(s, p, inside, found, lvl, lang, orgs)
    name_conf = 0.85 if p.case == "nomn" else 0.7
    return Person(
        name=Field.of(p.name, s, name_conf, "name next to a position"
                      + ("" if p.case == "nomn" else f" (put in the nominative from {p.case})")),
        position=Field.of(p.position, s, 0.8, "position written next to the name"),
        party=party if party.known else Field.unknown(note),
        level=Field.of(lvl, s, 0.7, f"from the position '{p.position}'"),
        role=_role(s.text, lang))


def _person_party(s: Sentence, p: people.PersonMention, inside: list[parties.Mention],
                  found: list[parties.Mention], lvl: str, lang: str,
                  orgs: dict[object, str]) -> tuple[Field, str]:
    if lvl in ("secretary_general", "deputy_secretary_general") and re.search(
            r"SCO|ШОС|Shanghai|Шанхай", p.position):
        return Field.of(_secretariat(), s, 0.85, "SCO Secretary-General"), ""
    if inside:
        return Field.of(inside[0].code, s, 0.85, f"in the position: {inside[0].text}"), ""
    key = org_key(p.position, lang)
    if key and key in orgs:
        return Field.of(orgs[key], s, 0.7, "the ministry the text ties to this party"), ""
    for acro, code in orgs.items():
        if isinstance(acro, str) and re.search(rf"\b{re.escape(acro)}\b", s.text):
            return Field.of(code, s, 0.6, f"the sentence names {acro}"), ""
    before = [m for m in found if m.end <= p.start and not (p.pos_start <= m.start < p.end)]
    if before:
        return Field.of(before[-1].code, s, 0.55, f"nearest party before: {before[-1].text}"), ""
    return Field.unknown("no party is given for this person"), "no party is given"


def _role(text: str, lang: str) -> str:
    from .lexicon import CHAIR_VERBS

    return "chaired the meeting" if has(text, lang, CHAIR_VERBS[lang]) else ""
