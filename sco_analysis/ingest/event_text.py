"""The text of a new event record, every field with its evidence comment."""

from __future__ import annotations

import re

from .model import Event
from .records_out import Evidence, event_level, person_lines
from .yamltext import line, scalar


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def title(ev: Event, series_name: str, names: dict[str, str]) -> str:
    """A descriptive English title (the reviewer may rewrite it).

    Examples:
        >>> from sco_analysis.ingest.model import Field, Sentence
        >>> ev = Event(Sentence(0, "x", 0, 1, 0))
        >>> ev.fields = {"series": Field.of("bilateral", None, 1), "series_number":
        ...              Field.unknown(""), "city": Field.of("Minsk", None, 1),
        ...              "format": Field.of("videoconference", None, 1)}
        >>> ev.parties = [Field.of("BLR", None, 1), Field.of("CHN", None, 1)]
        >>> title(ev, "Bilateral contacts", {"BLR": "Belarus", "CHN": "China"})
        'Meeting of Belarus and China, Minsk (videoconference)'
    """
    number = ev.value("series_number")
    named = re.search(r"((?:[A-Z0-9][\w–'’-]*\s+){1,8}(?:Forum|Seminar|Conference|Expo|"
                      r"Exhibition|Congress))\b", ev.anchor.text)
    if ev.value("series") == "forum" and named:
        text = named.group(1)
    elif ev.value("series") in ("bilateral", "other"):
        sides = [names.get(c, c) for c in ev.party_codes()]
        text = "Meeting of " + (" and ".join(sides) if sides else "the parties")
    else:
        text = (f"{_ordinal(number)} " if number else "") + series_name
    if ev.value("city"):
        text += f", {ev.value('city')}"
    if ev.value("format") in ("videoconference", "hybrid"):
        text += f" ({ev.value('format')})"
    return text


def event_text(ev: Event, event_id: str, series_id: str, source_id: str, ref: Evidence,
               ds) -> tuple[str, list[str]]:
    """A new event file (without its source definition) and the reviewer's TODOs."""
    f, todo = ev.fields, []
    series_row = ds.series[ds.series["series_id"] == series_id]
    series_name = str(series_row["name"].iloc[0]) if len(series_row) else series_id
    names = dict(zip(ds.parties["party"].astype(str), ds.parties["name_en"].astype(str),
                     strict=True))
    out = ["event:", line(2, "id", event_id),
           line(2, "title", title(ev, series_name, names), "generated from the fields: "
                "rewrite it as a title"),
           line(2, "series", series_id, ref.ref(f["series"]))]
    if f["series_number"].known:
        out.append(line(2, "series_number", f["series_number"].value,
                        ref.ref(f["series_number"])))
    out.append(line(2, "date_start", f["date_start"].value, ref.ref(f["date_start"])
                    if f["date_start"].known else "TODO required: " + f["date_start"].reason))
    if not f["date_start"].known:
        todo.append(f"{event_id}: date_start is required and the article gives none")
    if f["date_end"].value != f["date_start"].value:
        out.append(line(2, "date_end", f["date_end"].value, ref.ref(f["date_end"])))
    out.append(line(2, "status", f["status"].value, ref.ref(f["status"])))
    level = event_level(ev)
    if level:
        out.append(line(2, "level", level, "from the series or the people's posts"))
    for key, name in (("format", "format"), ("city", "city"), ("host", "host")):
        if f[key].known:
            out.append(line(2, name, f[key].value, ref.ref(f[key])))
    out += [line(2, "confidence", "medium", "a draft from one source"),
            line(2, "notes", "Drafted by sco-analysis ingest; see the draft's review.md."),
            line(2, "sources", [source_id])]
    out += _participants(ev, ref) + _people(ev, ref)
    return "\n".join(out) + "\n", todo


def _participants(ev: Event, ref: Evidence) -> list[str]:
    if not ev.parties:
        return []
    return ["participants:"] + [f"  - {scalar(p.value)}  # {ref.ref(p)}" for p in ev.parties]


def _people(ev: Event, ref: Evidence) -> list[str]:
    if not ev.people:
        return []
    out = ["people:"]
    for p in ev.people:
        out += person_lines(p, ref)
    return out
