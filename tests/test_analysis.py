"""Analysis on the bundled data, checked by hand against the records, plus edge cases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import sco_analysis as sco
from sco_analysis.analysis import agreements, cadence, participation


@pytest.fixture(scope="module")
def ds() -> sco.Dataset:
    return sco.load(quiet=True)


# -- cadence ----------------------------------------------------------------------------


def test_gaps_between_the_four_ict_ministers_meetings(ds: sco.Dataset) -> None:
    g = cadence.gaps(ds, series="ict_ministers")
    # 2021-11-25 -> 2023-05-13 -> 2024-02-01 -> 2025-06-17
    assert g["event_id"].tolist() == ["ict_ministers_1_2021", "ict_ministers_2_2023",
                                      "ict_ministers_3_2024", "ict_ministers_4_2025"]
    assert g["gap_days"].tolist()[1:] == [534, 264, 502]
    assert pd.isna(g["gap_days"].iloc[0]) and pd.isna(g["previous_event_id"].iloc[0])
    assert g["previous_event_id"].tolist()[1:] == g["event_id"].tolist()[:-1]


def test_month_precise_dates_give_gap_bounds(ds: sco.Dataset) -> None:
    g = cadence.gaps(ds, series="forum_karamay").set_index("event_id")
    row = g.loc["china_sco_digital_forum_karamay_2025"]
    # 2024-06-13 (seminar) to some day of June 2025
    assert row["date_precision"] == "month"
    assert pd.isna(row["gap_days"])
    assert (row["gap_min_days"], row["gap_max_days"]) == (353, 382)


def test_summary_of_the_ict_ministers_series(ds: sco.Dataset) -> None:
    s = cadence.summary(ds, series="ict_ministers", as_of="2026-11-29").iloc[0]
    assert (s["n_events"], s["n_gaps"], s["median_gap_days"]) == (4, 3, 502)
    assert (s["min_gap_days"], s["longest_gap_days"]) == (264, 534)
    assert s["cadence_months"] == 12 and s["cadence_basis"] == "inferred"
    # 264 days is 8.7 months, 534 and 502 more than 15: none within 12 +/- 3 months
    assert s["share_within_cadence"] == 0
    assert s["next_earliest"] == pd.Timestamp("2026-03-17")
    assert s["next_latest"] == pd.Timestamp("2026-09-17")
    assert s["next_status"] == "overdue"
    not_yet = cadence.summary(ds, series="ict_ministers", as_of="2025-12-01").iloc[0]
    assert not_yet["next_status"] == "not yet due"


def test_summary_knows_the_planned_summit(ds: sco.Dataset) -> None:
    s = cadence.summary(ds, series="heads_of_state", as_of="2026-07-01").iloc[0]
    assert s["next_planned_event_id"] == "bishkek_chs_2026"
    assert s["next_status"] == "due"
    assert s["n_events"] == 25  # 2001-2025 held; 2026 planned


def test_series_with_one_event(ds: sco.Dataset) -> None:
    g = cadence.gaps(ds, series="ict_expert_group")
    assert len(g) == 1 and g["gap_min_days"].isna().all()
    s = cadence.summary(ds, series="ict_expert_group").iloc[0]
    assert s["n_gaps"] == 0 and pd.isna(s["median_gap_days"])
    assert s["next_status"] == "no expected cadence"


def test_events_per_year_by_series_and_level(ds: sco.Dataset) -> None:
    t = cadence.per_year(ds)
    chs = t[t["series_id"] == "heads_of_state"].set_index("year")["n_events"]
    assert chs.loc[2001:2025].eq(1).all()
    assert 2026 not in chs.index or chs.loc[2026] == 0  # planned, not held
    lv = cadence.per_year(ds, by="level", series="ict_ministers")
    assert lv.groupby("year")["n_events"].sum().loc[[2021, 2023, 2024, 2025]].tolist() == \
        [1, 1, 1, 1]
    with pytest.raises(ValueError, match="by must be"):
        cadence.per_year(ds, by="city")


# -- participation --------------------------------------------------------------------


def test_belarus_status_at_each_ict_ministers_meeting(ds: sco.Dataset) -> None:
    m = participation.matrix(ds, series="ict_ministers", value="status_at_event")
    assert m.loc["BLR"].tolist() == ["observer", "observer", "observer", "member"]
    assert m.loc["IRN"].tolist() == ["observer", "observer", "member", "member"]
    assert ds.status_on("BLR", "2024-02-01") == "observer"
    assert ds.status_on("BLR", "2025-06-17") == "member"


def test_participation_table_and_levels(ds: sco.Dataset) -> None:
    t = participation.table(ds, series="ict_ministers", parties=["IND", "PAK"])
    got = t[["event_id", "party", "delegation_level"]].astype(str).values.tolist()
    assert got == [["ict_ministers_2_2023", "IND", "minister"],
                   ["ict_ministers_3_2024", "IND", "ambassador"],
                   ["ict_ministers_3_2024", "PAK", "ambassador"]]


def test_parties_ordered_by_accession(ds: sco.Dataset) -> None:
    order = participation.accession_order(ds)
    assert order[:6] == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert order.index("IND") < order.index("IRN") < order.index("BLR")
    assert order[-1].startswith("ORG:")


def test_attendance_counts_only_fully_listed_meetings(ds: sco.Dataset) -> None:
    a = participation.attendance(ds, series="ict_expert_group").set_index("party")
    assert a.loc["BLR", "eligible"] == 1 and a.loc["BLR", "rate"] == 1.0
    assert pd.isna(a.loc["ORG:SCO_SECRETARIAT", "rate"])  # never a member
    partial = participation.attendance(ds, series="ict_ministers").set_index("party")
    assert (partial["eligible"] == 0).all()  # no meeting lists every participant
    assert partial.loc["IND", "attended"] == 2


def test_delegation_mix_by_status(ds: sco.Dataset) -> None:
    mix = participation.delegation_mix(ds, series="ict_ministers", parties="IND")
    assert mix.loc[mix["n"] > 0, ["delegation_level", "n"]].astype(str).values.tolist() == \
        [["minister", "1"], ["ambassador", "1"]]
    by = participation.delegation_mix(ds, by_status=True, series="heads_of_state",
                                      parties="MNG")
    assert set(by.loc[by["n"] > 0, "status_at_event"].astype(str)) == {"observer"}


def test_host_is_not_always_chair(ds: sco.Dataset) -> None:
    h = participation.hosts_and_chairs(ds, series="heads_of_state").set_index("event_id")
    moscow = h.loc["moscow_chs_2003"]
    assert (moscow["host"], moscow["chair"], moscow["sco_chair"]) == ("RUS", "KAZ", "KAZ")
    assert not moscow["chair_is_host"] and moscow["chair_is_sco_chair"]
    assert h["chair_is_host"].sum() == len(h) - 1


# -- agreements ------------------------------------------------------------------------


def test_action_plan_from_first_agreed_draft_to_adoption(ds: sco.Dataset) -> None:
    d = agreements.durations(ds).set_index("doc_id").loc[
        "action_plan_digital_transformation_2025"]
    assert d["first_draft_date"] == pd.Timestamp("2025-05-15")
    assert d["adoption_date"] == pd.Timestamp("2025-06-17")
    assert d["adoption_event_id"] == "ict_ministers_4_2025"
    assert d["days"] == 33 == d["days_min"] == d["days_max"]


def test_steps_in_order_with_their_events(ds: sco.Dataset) -> None:
    t = agreements.timeline(ds, docs="action_plan_digital_transformation_2025")
    # the order of the record's steps: adoption (17 June) before the June publication and
    # citations (the data audit found them listed the other way round)
    assert t["event_id"].dropna().tolist() == [
        "blr_miit_working_meeting_2025", "ict_expert_group_3_2025", "ict_ministers_4_2025",
        "china_sco_digital_forum_karamay_2025", "miit_sco_summit_briefing_2025"]
    assert t["action"].tolist()[2:4] == ["adopted", "published"]
    assert t["draft"].tolist()[:2] == [True, True]
    with pytest.raises(ValueError, match="unknown documents"):
        agreements.timeline(ds, docs="no_such_plan")


def test_imprecise_steps_give_duration_bounds(ds: sco.Dataset) -> None:
    d = agreements.durations(ds).set_index("doc_id").loc["concept_digitalization_ict_2019"]
    # proposed in June 2019 (month), approved 14 June 2019
    assert pd.isna(d["days"]) and (d["days_min"], d["days_max"]) == (0, 13)


def test_lineage_and_documents_per_event(ds: sco.Dataset) -> None:
    ln = agreements.lineage(ds).set_index("doc_id")
    assert ln.loc["ai_cooperation_programme_roadmap", "relation"] == "implements"
    assert ln.loc["programme_mtec_2035_2019", "root_doc_id"] == "programme_mtec_2003"
    assert ln.loc["programme_mtec_2035_2019", "depth"] == 1
    per = agreements.per_event(ds).set_index("event_id")
    assert per.loc["blr_miit_working_meeting_2025", "n_documents"] == 4
    assert "action_plan_digital_transformation_2025 (agreed, draft)" in \
        per.loc["blr_miit_working_meeting_2025", "documents"]


# -- filters and inputs ------------------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda d: cadence.gaps(d, start="2040-01-01"),
    lambda d: cadence.summary(d, start="2040-01-01"),
    lambda d: cadence.per_year(d, start="2040-01-01"),
    lambda d: participation.table(d, start="2040-01-01"),
    lambda d: participation.grid(d, start="2040-01-01"),
    lambda d: participation.attendance(d, start="2040-01-01"),
    lambda d: participation.delegation_mix(d, start="2040-01-01"),
    lambda d: participation.hosts_and_chairs(d, start="2040-01-01"),
    lambda d: agreements.timeline(d, start="2040-01-01"),
    lambda d: agreements.durations(d.filter(start="2040-01-01")),
    lambda d: agreements.per_event(d, start="2040-01-01"),
])
def test_empty_filters_give_empty_frames_with_columns(ds: sco.Dataset, call) -> None:
    full = call(ds.filter())
    empty = call(ds)
    assert len(empty) == 0 or (empty is not None and empty.empty)
    if len(full.columns):
        assert list(empty.columns) == list(full.columns)


def test_functions_accept_the_tables_mapping(ds: sco.Dataset) -> None:
    a = cadence.gaps(ds.tables, series="ict_ministers")
    b = cadence.gaps(ds, series="ict_ministers")
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(TypeError, match="missing"):
        cadence.gaps({"events": ds.events})


def test_analysis_on_a_users_own_records(data_dir: Path) -> None:
    mine = sco.load(data_dir, quiet=True)
    g = participation.matrix(mine, series="heads_of_state", value="status_at_event")
    assert g.loc["BLR", "astana_chs_2024"] == "member"
