"""Property test: records -> Parquet -> DataFrames give back the same facts.

Hypothesis writes random but valid event records (dates of every precision, optional
fields present or absent, free text in any script) into a copy of the test fixture, builds
and loads them, and checks every fact survives the trip.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pandas as pd
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sco_analysis as sco
from sco_analysis.dates import format_date, parse_date, today

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
FOUNDERS = ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
PARTIES = [*FOUNDERS, "ORG:SCO_SECRETARIAT"]
LEVELS = ["minister", "deputy_minister", "ambassador", "senior_official", "other"]

text = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp",
                                                          "Co", "Cn")),
               min_size=1, max_size=40).map(str.strip).filter(bool)


@st.composite
def a_date(draw: st.DrawFn) -> tuple[str, str | None]:
    """A start in reduced ISO form, and an end of the same precision (or None)."""
    start = draw(st.dates(datetime.date(2002, 1, 1), datetime.date(2030, 12, 1)))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    first = {"day": start, "month": start.replace(day=1),
             "year": start.replace(month=1, day=1)}[precision]
    written = format_date(first, precision)
    if not draw(st.booleans()):
        return written, None
    later = start + datetime.timedelta(days=draw(st.integers(0, 400)))
    end_first = {"day": later, "month": later.replace(day=1),
                 "year": later.replace(month=1, day=1)}[precision]
    return written, format_date(end_first, precision)


@st.composite
def an_event(draw: st.DrawFn, number: int) -> dict:
    start, end = draw(a_date())
    event: dict = {
        "id": f"prop_event_{number}",
        "title": draw(text),
        "series": draw(st.sampled_from(["ict_ministers", "heads_of_state"])),
        "date_start": start,
        "status": draw(st.sampled_from(["held", "planned", "postponed", "cancelled"])),
        "sources": ["mincom_by_prep4"],
    }
    if end is not None:
        event["date_end"] = end
    if event["status"] == "held" and parse_date(start)[0] > today():
        event["status"] = "planned"  # a held event cannot lie in the future
    if draw(st.booleans()):
        event["series_number"] = draw(st.integers(1, 400))
    if draw(st.booleans()):
        event["format"] = draw(st.sampled_from(["in_person", "videoconference", "hybrid"]))
    if draw(st.booleans()):
        event["city"] = draw(text)
    if draw(st.booleans()):
        event["notes"] = draw(text)
    host = draw(st.none() | st.sampled_from(FOUNDERS))
    if host:
        event["host"] = host
    chair = draw(st.none() | st.sampled_from(FOUNDERS))
    if chair:
        event["chair"] = chair
        event["chair_basis"] = draw(st.sampled_from(["stated", "inferred_from_host"]))
    listed = draw(st.lists(st.sampled_from(PARTIES), unique=True, max_size=5))
    people = []
    for i, party in enumerate(draw(st.lists(st.sampled_from(listed), max_size=3))
                              if listed else []):
        people.append({"name": f"{draw(text)} {i}", "party": party,
                       "level": draw(st.sampled_from(LEVELS))})
    record = {"event": event}
    if listed:
        record["participants"] = listed
    if people:
        record["people"] = people
    return record


@st.composite
def records(draw: st.DrawFn) -> list[dict]:
    n = draw(st.integers(1, 5))
    return [draw(an_event(i)) for i in range(n)]


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(generated=records())
def test_records_to_parquet_to_dataframes_keep_every_fact(tmp_path: Path,
                                                          generated: list[dict]) -> None:
    root = tmp_path / "data"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("parquet"))
    for rec in generated:
        ev = rec["event"]
        year = ev["date_start"][:4]
        path = root / "records" / "events" / year / f"{ev['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(rec, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    ds = sco.load(root, quiet=True, rebuild=True)
    events = ds.events.set_index("event_id")
    for rec in generated:
        ev = rec["event"]
        row = events.loc[ev["id"]]
        first, precision = parse_date(ev["date_start"])
        assert row["title"] == ev["title"]
        assert row["series_id"] == ev["series"]
        assert row["date_precision"] == precision
        assert row["date_start"] == pd.Timestamp(first)
        if "date_end" in ev:
            assert row["date_end"] == pd.Timestamp(parse_date(ev["date_end"])[0])
        else:
            assert row["date_end"] == row["date_start"]
        assert row["status"] == ev["status"]
        assert row["format"] == ev.get("format", "unknown")
        assert (None if pd.isna(row["series_number"]) else int(row["series_number"])) == \
            ev.get("series_number")
        for key in ("city", "notes"):
            assert (None if pd.isna(row[key]) else row[key]) == ev.get(key)
        for key in ("host", "chair"):
            assert (None if pd.isna(row[key]) else row[key]) == ev.get(key)
        parts = ds.participants[ds.participants["event_id"] == ev["id"]]
        expected = set(rec.get("participants", [])) | {ev.get("host"), ev.get("chair")}
        assert set(parts["party"].astype(str)) == expected - {None}
        statuses = dict(zip(parts["party"].astype(str), parts["status_at_event"].astype(str),
                            strict=True))
        assert all(statuses[p] == ("sco_body" if p.startswith("ORG:") else "member")
                   for p in statuses)
        people = ds.people[ds.people["event_id"] == ev["id"]]
        assert sorted(zip(people["name"], people["level"].astype(str), strict=True)) == \
            sorted((p["name"], p["level"]) for p in rec.get("people", []))
        cited = ds.sources_of("event", ev["id"])
        assert cited["source_id"].tolist() == ["mincom_by_prep4"]
