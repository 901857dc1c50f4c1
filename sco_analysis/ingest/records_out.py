"""Record files of a draft: new events, documents and sources, or additions to existing ones.

Every field written from the article carries a comment ``# E3 0.9`` naming its evidence
sentence (listed in the draft's ``review.md``) and the confidence. A required field the
article does not give is written as ``null`` with a ``TODO`` comment: validation refuses
the draft until a reviewer fills it in.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .cues import has
from .lexicon import PUBLISHERS, TRACK_CUES
from .model import DocumentStep, Event, Extraction, Field, Person, Sentence
from .places import transliterate
from .yamltext import line, scalar

_LEVEL_OF_SERIES = {"heads_of_state": "heads_of_state", "heads_of_government":
                    "heads_of_government", "ict_ministers": "ministerial",
                    "ict_expert_group": "expert"}
_LEVEL_OF_PERSON = {"head_of_state": "heads_of_state", "deputy_head_of_state":
                    "heads_of_state", "head_of_government": "heads_of_government",
                    "deputy_head_of_government": "heads_of_government",
                    "minister": "ministerial", "deputy_minister": "deputy_minister"}


@dataclass
class Evidence:
    """Numbers the evidence sentences of a draft (E1, E2 ...) in article order."""

    sentences: dict[int, Sentence] = field(default_factory=dict)

    def ref(self, f: Field) -> str:
        """The comment for a field: ``E3 0.9`` (or the reason it is unknown)."""
        if not f.known:
            return f"unknown: {f.reason}" if f.reason else ""
        if f.evidence is None:
            return f"{f.confidence:.2f}"
        self.sentences[f.evidence.index] = f.evidence
        return f"E{self.number(f.evidence)} {f.confidence:.2f}"

    def number(self, s: Sentence) -> int:
        """The evidence number of a sentence: its place in the article (stable)."""
        self.sentences.setdefault(s.index, s)
        return s.index + 1


def slug(text: str, limit: int = 48) -> str:
    """A record id made of the words of a text (Latin letters, digits, underscores).

    Examples:
        >>> slug("Тяньцзиньская декларация 2025"), slug("Draft agenda: 4th Meeting!")
        ('tyantszinskaya_deklaratsiya_2025', 'draft_agenda_4th_meeting')
    """
    latin = transliterate(text) if re.search(r"[А-Яа-яЁё]", text) else text
    words = re.findall(r"[a-z0-9]+", latin.lower())
    out = "_".join(words)[:limit].strip("_")
    return out if out and out[0].isalnum() else f"x_{out}"


def decoded_host(url: str | None) -> str | None:
    """The host of a URL with internationalised labels decoded.

    Examples:
        >>> decoded_host("https://www.xn--b1akbcqh2a7i.xn--90ais/news")
        'минсвязи.бел'
    """
    if not url:
        return None
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    try:
        return ".".join(p.encode("ascii").decode("idna") if p.startswith("xn--") else p
                        for p in host.split("."))
    except UnicodeError:  # pragma: no cover - malformed punycode
        return host


def source_record(ex: Extraction, source_id: str) -> tuple[list[str], list[str]]:
    """The lines of a new source definition (a ``sources:`` item) and its TODOs."""
    art, todo = ex.article, []
    host = decoded_host(art.url)
    known = next((v for k, v in PUBLISHERS.items() if host and (host == k or
                                                                host.endswith("." + k))), None)
    publisher, kind = known if known else (host or "unknown publisher", "news")
    if not known:
        todo.append(f"source {source_id}: check publisher ({publisher!r}) and kind (news)")
    lines = [f"  - id: {source_id}"]
    if art.url:
        lines.append(line(4, "url", art.url))
    lines += [line(4, "publisher", publisher), line(4, "language", art.language),
              line(4, "kind", kind)]
    published = ex_dateline(ex)
    if published is not None:
        lines.append(line(4, "published", published))
    if art.title:
        lines.append(line(4, "title", art.title))
    if not art.url:
        lines.append(line(4, "notes", "text given to sco-analysis ingest without a URL"))
        todo.append(f"source {source_id}: add the URL of the article")
    return lines, todo


def ex_dateline(ex: Extraction) -> str | None:
    """The publication date a draft can state: the article's, else the one in its URL."""
    from .dates import from_url

    value = ex.article.published or from_url(ex.article.url)
    return value.iso() if value else None


def source_id_for(ex: Extraction) -> str:
    """A deterministic id for the article's source: host, then date or URL digest."""
    host = decoded_host(ex.article.url)
    base = slug(host.split(".")[0] if host else ex.article.name, 24)
    key = ex.article.url or ex.article.text
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:6]
    published = ex_dateline(ex)
    day = published.replace("-", "") if published else digest
    return f"{base}_{day}"


def event_level(ev: Event) -> str | None:
    """The event's level: from its series, else its highest-ranking person."""
    series = ev.value("series")
    if series in _LEVEL_OF_SERIES:
        return _LEVEL_OF_SERIES[series]
    levels = [p.level.value for p in ev.people]
    for person_level, event_lvl in _LEVEL_OF_PERSON.items():
        if person_level in levels:
            return event_lvl
    return "working" if levels else None


def track_of(title: str, lang: str) -> Field:
    """The track of a new document from the words of its title (digital by default)."""
    for track, en, ru in TRACK_CUES:
        if has(title, lang, en if lang == "en" else ru):
            return Field.of(track, None, 0.6, "from the title's words")
    return Field.of("digital", None, 0.3, "default: the dataset's main track")


def person_lines(p: Person, ev_ref: Evidence) -> list[str]:
    """The lines of one ``people:`` item."""
    out = [f"  - name: {scalar(p.name.value)}  # {ev_ref.ref(p.name)}",
           line(4, "party", p.party.value, ev_ref.ref(p.party))]
    if p.position.known:
        out.append(line(4, "position", p.position.value, ev_ref.ref(p.position)))
    out.append(line(4, "level", p.level.value, ev_ref.ref(p.level)))
    if p.role:
        out.append(line(4, "role", p.role))
    return out


def action_lines(step: DocumentStep, event_id: str, source_id: str, ev_ref: Evidence,
                 date: Field) -> list[str]:
    """The lines of one ``actions:`` item: a step at the event."""
    out = [f"  - date: {scalar(date.value)}  # {ev_ref.ref(date)}",
           line(4, "action", step.action.value, ev_ref.ref(step.action))]
    if step.draft:
        out.append(line(4, "draft", True, "the article calls it a draft"))
    out += [line(4, "event", event_id), line(4, "sources", [source_id]),
            line(4, "notes", f"{step.action.value} at {event_id} (ingest draft)")]
    return out


def document_text(step: DocumentStep, doc_id: str, event_id: str, source_id: str,
                  lang: str, ev_ref: Evidence, date: Field) -> tuple[str, list[str]]:
    """A new document file, and what the reviewer must check in it."""
    title = re.sub(r"(?i)^(?:the\s+)?(?:drafts?|проекты?)\s+", "", step.title.value)
    title = title[:1].upper() + title[1:]
    track = track_of(title, lang)
    todo = [f"document {doc_id}: check the title"
            + (" and write it in English (title_basis: rendering)" if lang != "en" else "")]
    if track.confidence < 0.5:
        todo.append(f"document {doc_id}: check the track (guessed: {track.value})")
    lines = ["document:", line(2, "id", doc_id), line(2, "title", title,
                                                     ev_ref.ref(step.title)),
             line(2, "title_basis", "source_wording"),
             line(2, "doc_type", step.doc_type.value, ev_ref.ref(step.doc_type)),
             line(2, "track", track.value, f"{track.note} {track.confidence:.2f}"),
             line(2, "sources", [source_id]), "", "actions:",
             *action_lines(step, event_id, source_id, ev_ref, date)]
    return "\n".join(lines) + "\n", todo
