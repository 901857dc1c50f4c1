"""Answers that hold on every slice: filters, "as of", names, precision.

One test per problem seen by a new analyst (each fails on the code before the fix), then
metamorphic properties: for random slices, what the package computes on the slice equals
what it computes on the whole data, restricted to the slice.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sco_analysis as sco
from sco_analysis import notebook, slices
from sco_analysis.analysis import agreements, cadence, overview, participation
from sco_analysis.dataset import UnknownPartyError

PLAN = "action_plan_digital_transformation_2025"


@pytest.fixture(scope="module")
def ds() -> sco.Dataset:
    return sco.load(quiet=True)


@pytest.fixture(scope="module")
def whole(ds: sco.Dataset) -> dict[str, pd.DataFrame]:
    """The answers on the whole data, computed once."""
    return {"durations": agreements.durations(ds).set_index("doc_id"),
            "gaps": cadence.gaps(ds).set_index("event_id"),
            "status": ds.participants.set_index(["event_id", "party"])["status_at_event"]}


# -- what was seen ---------------------------------------------------------------------


def test_a_slice_keeps_a_documents_whole_history(ds: sco.Dataset) -> None:
    d = agreements.durations(ds, series="ict_ministers", start="2021", end="2025")
    plan = d.set_index("doc_id").loc[PLAN]
    assert (plan["days"], plan["n_steps"]) == (33, 6)
    assert plan["first_draft_date"] == pd.Timestamp("2025-05-15")
    t = agreements.timeline(ds.filter(series="ict_ministers", start="2021", end="2025"),
                            docs=PLAN)
    assert t["draft"].sum() == 2  # the drafts, at a bilateral and an expert meeting
    assert t["in_slice"].tolist() == [False, False, True, False, False, False]


def test_as_of_defaults_to_today(ds: sco.Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCO_ANALYSIS_TODAY", "2026-06-15")
    s = cadence.summary(ds).set_index("series_id")
    assert (s["as_of"] == pd.Timestamp("2026-06-15")).all()
    assert s.loc["ict_ministers", "next_status"] == "due"  # 2026-03-17 to 2026-09-17
    # a slice does not change when the next meeting is due
    sliced = cadence.summary(ds, series="ict_ministers", start="2021", end="2025").iloc[0]
    assert (sliced["previous_event_id"], sliced["next_status"]) == ("ict_ministers_4_2025",
                                                                   "due")
    monkeypatch.setenv("SCO_ANALYSIS_TODAY", "2026-11-29")
    assert cadence.summary(ds, series="ict_ministers").iloc[0]["next_status"] == "overdue"
    # a day after today only when given
    future = cadence.summary(ds, series="ict_ministers", as_of="2030-01-01").iloc[0]
    assert future["as_of"] == pd.Timestamp("2030-01-01")


def test_a_reduced_end_includes_its_whole_period(ds: sco.Dataset) -> None:
    ict = ds.filter(series="ict_ministers", start="2021", end="2025")
    assert "ict_ministers_4_2025" in set(ict.events["event_id"])  # 17 June 2025
    g = cadence.gaps(ds, series="ict_ministers", end="2025-06")
    assert g["event_id"].iloc[-1] == "ict_ministers_4_2025"
    assert cadence.gaps(ds, series="ict_ministers", end="2025-06-16")["event_id"].iloc[-1] \
        == "ict_ministers_3_2024"
    early = ds.filter(start="2025-06-17", series="ict_ministers")
    assert early.events["event_id"].tolist() == ["ict_ministers_4_2025"]


@pytest.mark.parametrize("name", ["Belarus", "blr", "BLR", "Белоруссия", "Беларусь", "白俄罗斯"])
def test_party_names_are_accepted_everywhere(ds: sco.Dataset, name: str) -> None:
    assert ds.status_on(name, "2019-06-14") == "observer"
    assert set(ds.filter(parties=name).participants["party"]) == {"BLR"}
    assert set(participation.table(ds, parties=[name])["party"]) == {"BLR"}
    assert set(participation.grid(ds, series="ict_ministers", parties=name)["party"]) \
        == {"BLR"}


def test_an_unknown_party_is_an_error_with_suggestions(ds: sco.Dataset) -> None:
    with pytest.raises(UnknownPartyError, match=r"unknown party 'XXX'"):
        ds.status_on("XXX", "2019-06-14")
    with pytest.raises(UnknownPartyError, match=r"closest known: KAZ \(Kazakhstan\)"):
        ds.filter(parties=["Kazakstan"])
    with pytest.raises(UnknownPartyError):
        participation.attendance(ds, parties="Atlantis")


def test_a_slice_has_its_own_sources_citations_and_conflicts(ds: sco.Dataset) -> None:
    ict = ds.filter(series="ict_ministers")
    assert len(ict.sources) < len(ds.sources)
    assert set(ict.citations["source_id"]) | set(ict.claims["source_id"]) == \
        set(ict.sources["source_id"])
    cited = set(ict.citations["record_id"])
    assert set(ict.events["event_id"]) <= cited
    assert "tianjin_chs_2025" not in cited
    assert set(ict.conflicts()["record_id"]) <= cited
    by_kind = overview.sources(ict, by="kind")
    assert by_kind["sources"].sum() == len(ict.sources)


def test_coverage_keeps_its_row_labels(ds: sco.Dataset) -> None:
    cov = overview.coverage(ds)
    assert cov.columns[0] == "series"
    shown = notebook.show(cov)._repr_html_()
    assert "<td>Heads of State</td>" in shown and "<td>All series</td>" in shown


def test_planned_events_are_marked_and_year_dates_shown_as_years(ds: sco.Dataset) -> None:
    t = participation.table(ds, series="heads_of_state")
    planned = t[t["event_id"] == "bishkek_chs_2026"]
    assert set(planned["event_status"]) == {"planned"}
    shown = notebook.show(planned[["event_id", "date_start", "date_precision",
                                   "event_status"]])
    assert shown.df["date_start"].unique().tolist() == ["2026"]
    s = cadence.summary(ds, series="heads_of_state", as_of="2026-01-01").iloc[0]
    assert (s["next_planned_event_id"], s["next_planned_date_precision"]) == \
        ("bishkek_chs_2026", "year")
    month = ds.events[ds.events["event_id"] == "china_sco_digital_forum_karamay_2025"]
    assert notebook.show(month[["event_id", "date_start", "date_precision"]]).df[
        "date_start"].tolist() == ["Jun 2025"]


def test_numbers_are_written_one_way() -> None:
    html = notebook.show(pd.DataFrame({"a": [1239, 2], "b": [1239.0, 0.5]}))._repr_html_()
    assert html.count("<td>1239</td>") == 2 and "1,239" not in html


def test_an_inferred_cadence_is_said_with_what_was_observed(ds: sco.Dataset) -> None:
    s = cadence.summary(ds, as_of="2026-11-29").set_index("series_id")
    note = s.loc["ict_ministers", "cadence_note"]
    assert note.startswith("12 months (inferred); observed median gap 16.5 months")
    assert "none within 3 months" in note
    assert s.loc["heads_of_state", "cadence_note"] == "12 months (stated)"


def test_every_participant_row_and_every_source_is_cited(ds: sco.Dataset) -> None:
    p = ds.participants
    ids = p["event_id"].astype(str) + "/" + p["party"].astype(str)
    cited = set(ds.citations.loc[ds.citations["record_type"] == "participant", "record_id"])
    assert set(ids) <= cited  # hosts and chairs added by the build cite their event's
    assert set(ds.sources["source_id"]) == set(ds.citations["source_id"])
    claim_only = ds.citations[ds.citations["via_claim"]]
    assert "head_post_blr_2010" in set(claim_only["source_id"])


# -- metamorphic: the slice equals the whole, restricted -----------------------------------

SERIES = ["heads_of_state", "heads_of_government", "ict_ministers", "ict_expert_group",
          "forum_karamay", "bilateral", "forum"]
PARTIES = ["BLR", "CHN", "IND", "KGZ", "RUS", "IRN", "ORG:SCO_SECRETARIAT"]


@st.composite
def a_slice(draw: st.DrawFn) -> dict:
    def bound() -> str | None:
        if draw(st.booleans()):
            return None
        day = draw(st.dates(datetime.date(2001, 1, 1), datetime.date(2026, 12, 31)))
        return draw(st.sampled_from([day.isoformat(), day.isoformat()[:7],
                                     day.isoformat()[:4]]))

    start, end = bound(), bound()
    if start and end and slices.last_day(end) < slices.first_day(start):
        start, end = end, start
    return {"start": start, "end": end,
            "series": draw(st.none() | st.lists(st.sampled_from(SERIES), min_size=1,
                                                max_size=3, unique=True)),
            "parties": draw(st.none() | st.lists(st.sampled_from(PARTIES), min_size=1,
                                                 max_size=3, unique=True))}


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=a_slice())
def test_every_answer_on_a_slice_is_the_whole_answer_restricted(
        ds: sco.Dataset, whole: dict[str, pd.DataFrame], cut: dict) -> None:
    view = ds.filter(**cut)
    events = set(view.events["event_id"])
    # a document's duration
    part_d = agreements.durations(view).set_index("doc_id")
    pd.testing.assert_frame_equal(part_d, whole["durations"].loc[part_d.index],
                                  check_names=False)
    # a series' gaps
    part_g = cadence.gaps(view).set_index("event_id")
    assert set(part_g.index) <= events
    pd.testing.assert_frame_equal(part_g, whole["gaps"].loc[part_g.index])
    # a party's status at an event
    part_p = view.participants.set_index(["event_id", "party"])["status_at_event"]
    assert part_p.equals(whole["status"].loc[part_p.index])
    # the sources of a record
    for event_id in sorted(events)[:3]:
        assert view.sources_of("event", event_id).equals(ds.sources_of("event", event_id))
    # a slice of a slice is the slice that is in both
    again = view.filter(series=cut["series"])
    assert set(again.events["event_id"]) == events


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=a_slice(), b=a_slice())
def test_filters_compose(ds: sco.Dataset, a: dict, b: dict) -> None:
    twice = ds.filter(**a).filter(**b)
    both = ds.filter(**a).slice & ds.filter(**b).slice
    once = ds.filter(start=both.start, end=both.end, series=both.series,
                     parties=both.parties) if not both.is_whole else ds
    for name in ("events", "participants", "documents", "document_actions", "citations",
                 "sources"):
        assert twice.tables[name].equals(once.tables[name]), name


def test_a_party_slice_keeps_to_its_parties_in_grids_and_attendance(ds: sco.Dataset) -> None:
    view = ds.filter(parties=["Kyrgyzstan", "Belarus"])
    assert set(participation.grid(view, series="ict_ministers")["party"]) == {"KGZ", "BLR"}
    assert set(participation.attendance(view)["party"]) == {"KGZ", "BLR"}
    assert set(participation.grid(ds, series="ict_ministers", parties="KGZ")["party"]) == \
        {"KGZ"}
