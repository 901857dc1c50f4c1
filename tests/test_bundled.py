"""The bundled dataset: complete, sourced, consistent, with its disagreements visible.

The lists below are the researched facts the dataset must contain (the research files are
not read by the tests: CI and users do not have them).
"""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

import sco_analysis as sco

#: Every event of the research's events table.
RESEARCH_EVENTS = """
bishkek_chs_2019 sco_it_innovation_forum_tashkent_2019 moscow_chs_2020
china_sco_digital_economy_forum_chongqing_2021 ict_ministers_1_2021 sg_pak_moitt_meeting_2022
samarkand_chs_2022 ict_ministers_2_2023 china_sco_digital_tech_forum_karamay_2023
new_delhi_chs_2023 ict_ministers_3_2024 china_sco_digital_tech_seminar_karamay_2024
astana_chs_2024 blr_chn_ict_mou_signing_2024 sg_kgz_digital_minister_meeting_2025
blr_miit_working_meeting_2025 blr_karamay_talks_minsk_2025 ict_expert_group_3_2025
china_sco_digital_forum_karamay_2025 xuar_heads_of_delegation_meeting_2025
ict_ministers_4_2025 sco_digital_economy_forum_tianjin_2025 blr_chn_ministers_meeting_2025
tianjin_chs_2025 sco_model_youth_conf_digital_2019 sco_startup_forum_1_2020
sco_startup_forum_4_2024 pak_sco_youth_digital_economy_conf_2024 sg_smart_china_expo_2022
sco_technoparks_pool_experts_3_2021 china_sco_bigdata_xinjiang_subcentre_inauguration_2023
china_sco_ai_forum_tianjin_2025 miit_sco_summit_briefing_2025 sco_plus_meeting_tianjin_2025
china_sco_digital_economy_platform_launch_2025
""".split()

#: Every document of the research's documents table.
RESEARCH_DOCUMENTS = """
concept_digitalization_ict_2019 statement_digital_economy_2020 samarkand_declaration_2022
ind_dpi_proposal_2023 agreement_caict_karamay_bigdata_subcentre_2023
statement_digital_transformation_2023 china_sco_digital_cases_2024 astana_declaration_2024
mou_blr_chn_ict_2024 agenda_ict_ministers_4_draft protocol_ict_ministers_4_draft
action_plan_digital_transformation_2025 tianjin_declaration_2025 statement_digital_economy_2025
statement_ai_cooperation_2025 programme_mtec_2035_2019 concept_remote_rural_digital_era
initiative_digital_trade_2023 communique_chg_23_2024 communique_chg_24_2025
ai_cooperation_programme_roadmap ecommerce_cooperation_programme_proposal_2025
china_sco_ai_application_center_plan_2025 concept_technoparks_pool_draft_2021
swg_startups_regulations_2023 china_sco_digital_economy_cases_2025
""".split()


@pytest.fixture(scope="module")
def ds() -> sco.Dataset:
    return sco.load(quiet=True)


def test_bundled_records_validate() -> None:
    assert sco.validate() == []


def test_every_researched_event_and_document_is_there(ds: sco.Dataset) -> None:
    assert len(RESEARCH_EVENTS) == 35 and len(RESEARCH_DOCUMENTS) == 26
    assert set(RESEARCH_EVENTS) <= set(ds.events["event_id"])
    assert set(RESEARCH_DOCUMENTS) <= set(ds.documents["doc_id"])


def test_every_summit_and_heads_of_government_meeting(ds: sco.Dataset) -> None:
    ev = ds.events
    chs = ev[ev["series_id"] == "heads_of_state"]
    assert chs["series_number"].tolist() == list(range(1, 27))
    assert (chs["status"] == "held").sum() == 25
    planned = chs[chs["status"] == "planned"].iloc[0]
    assert (planned["event_id"], planned["date_precision"], planned["host"]) == \
        ("bishkek_chs_2026", "year", "KGZ")
    chg = ev[ev["series_id"] == "heads_of_government"]
    assert chg["series_number"].tolist() == list(range(1, 25))
    assert 2002 not in set(chg["date_start"].dt.year)  # no meeting in 2002


def test_the_seed_article_meeting(ds: sco.Dataset) -> None:
    ev = ds.events.set_index("event_id").loc["blr_miit_working_meeting_2025"]
    assert ev["date_start"] == pd.Timestamp("2025-05-15") and ev["date_precision"] == "day"
    assert ev["format"] == "videoconference"
    people = ds.people[ds.people["event_id"] == "blr_miit_working_meeting_2025"]
    assert people["name"].tolist() == ["Pavel Tkach"]
    acts = ds.document_actions[ds.document_actions["event_id"] ==
                               "blr_miit_working_meeting_2025"]
    got = set(zip(acts["doc_id"], acts["action"].astype(str), acts["draft"], strict=True))
    assert got == {("agenda_ict_ministers_4_draft", "agreed", True),
                   ("protocol_ict_ministers_4_draft", "agreed", True),
                   ("action_plan_digital_transformation_2025", "agreed", True),
                   ("mou_blr_chn_ict_2024", "discussed", False)}


def test_membership_and_chairmanship(ds: sco.Dataset) -> None:
    assert ds.status_on("BLR", "2024-02-01") == "observer"
    assert ds.status_on("BLR", "2025-06-17") == "member"
    assert ds.status_on("BLR", "2009-06-16") == "dialogue_partner"
    assert ds.status_on("IRN", "2023-07-04") == "member"
    assert ds.status_on("MNG", "2025-09-01") == "partner"
    assert ds.status_on("LAO", "2025-09-01") == "partner"
    assert ds.status_on("TKM", "2025-01-01") == "none"
    assert ds.chair_on("2003-05-29") == "KAZ"  # the Moscow summit, under Kazakhstan's chair
    assert ds.chair_on("2003-05-30") == "UZB"
    m = ds.membership
    assert len(m) == 49 and m["founding"].sum() == 6
    assert len(ds.chairmanship) == 25
    inferred = ds.chairmanship[ds.chairmanship["basis"] == "inferred_from_host"]
    assert set(inferred["cycle"]) >= {"2001-2002", "2003-2004", "2004-2005", "2005-2006",
                                      "2009-2010"}


def test_names_in_three_languages(ds: sco.Dataset) -> None:
    for name in ("Киргизия", "Kyrgyz Republic", "吉尔吉斯斯坦", "Kirghizia", "Кыргызстан"):
        assert ds.normalise_party(name) == "KGZ", name
    assert ds.normalise_party("Белоруссия") == ds.normalise_party("Беларусь") == "BLR"
    assert ds.normalise_party("Türkiye") == "TUR"
    states = ds.parties[ds.parties["party_type"] == "state"]
    assert states[["name_en", "name_ru", "name_zh"]].notna().all().all()
    assert states["iso2"].notna().all()


def test_disagreements_are_kept_with_their_sources(ds: sco.Dataset) -> None:
    c = ds.conflicts().set_index(["record_id", "field"])
    assert c.loc[("ict_ministers_3_2024", "date_start"), "preferred_value"] == "2024-02-01"
    assert c.loc[("ict_ministers_3_2024", "date_start"), "other_values"] == "2024-02-02"
    assert c.loc[("ict_ministers_3_2024", "series_number"), "other_values"] == "1"
    assert c.loc[("new_delhi_chs_2023", "date_start"), "other_values"] == "2023-07-05"
    assert c.loc[("new_delhi_chs_2023", "series_number"), "preferred_value"] == "23"
    assert c.loc[("new_delhi_chs_2023", "series_number"), "other_values"] == "22"
    assert c.loc[("action_plan_digital_transformation_2025/1", "action"),
                 "other_values"] == "approved"
    assert c.loc[("BLR:dialogue_partner:2009-06-16", "date_from"), "other_values"] == "2010"
    cl = ds.claims
    disputed = cl.groupby(["record_type", "record_id", "field"], observed=True)
    assert disputed["value"].nunique().ge(2).all()  # a conflict has at least two values
    pref = cl[cl["preferred"]].groupby(["record_type", "record_id", "field"], observed=True)[
        "value"].nunique()
    assert pref.eq(1).all()


def test_every_record_cites_a_defined_source(ds: sco.Dataset) -> None:
    cited = ds.citations
    assert cited["source_id"].isin(ds.sources["source_id"]).all()
    for table, rtype, key in (("events", "event", "event_id"),
                              ("documents", "document", "doc_id"),
                              ("series", "series", "series_id"),
                              ("chairmanship", "chairmanship", "cycle")):
        ids = set(ds.tables[table][key].astype(str))
        have = set(cited.loc[cited["record_type"] == rtype, "record_id"])
        assert ids <= have, (table, sorted(ids - have)[:5])
    assert ds.sources["url"].dropna().is_unique
    no_url = ds.sources[ds.sources["url"].isna()]
    assert no_url["notes"].notna().all()


def test_dates_keep_their_precision(ds: sco.Dataset) -> None:
    ev = ds.events.set_index("event_id")
    month = ev.loc["china_sco_digital_forum_karamay_2025"]
    assert month["date_precision"] == "month" and month["date_start"] == pd.Timestamp(
        "2025-06-01")
    assert pd.isna(ev.loc["china_sco_digital_economy_forum_chongqing_2021", "date_end"])
    assert (ds.events["date_end"].dropna() >= ds.events.loc[ds.events["date_end"].notna(),
                                                            "date_start"]).all()


def test_business_signatories_are_not_forum_participants(ds: sco.Dataset) -> None:
    # Xinhua (28 Aug 2025) says China, Kazakhstan, Pakistan, Egypt and others signed projects
    # at the July 2025 Tianjin forum; no source says their governments took part.
    event = "sco_digital_economy_forum_tianjin_2025"
    parts = set(ds.participants.loc[ds.participants["event_id"] == event, "party"].astype(str))
    assert parts.isdisjoint({"EGY", "KAZ", "PAK"}), parts
    people = ds.people[ds.people["event_id"] == event]
    assert people["party"].dropna().astype(str).isin(parts).all()


def _last_day(date: pd.Series, precision: pd.Series) -> pd.Series:
    """The last day of each date's period (day, month or year)."""
    month_end = date + pd.offsets.MonthEnd(0)
    year_end = date + pd.offsets.YearEnd(0)
    return date.where(precision == "day", month_end.where(precision == "month", year_end))


def test_document_steps_are_chronological(ds: sco.Dataset) -> None:
    # A step's period is [date, last day of its precision]; a step may not lie entirely
    # before the step listed before it. Steps whose periods overlap (a month and a day in
    # it) follow the life cycle: the order of the action categories (proposed ... cited).
    acts = ds.document_actions.sort_values(["doc_id", "step"])
    acts = acts.assign(last=_last_day(acts["date"], acts["date_precision"].astype(str)),
                       rank=acts["action"].cat.codes)
    bad = []
    for doc, steps in acts.groupby("doc_id", observed=True):
        rows = steps.to_dict("records")
        for prev, nxt in itertools.pairwise(rows):
            before = nxt["last"] < prev["date"]
            overlap = nxt["date"] <= prev["last"]
            if before or (overlap and nxt["rank"] < prev["rank"]):
                bad.append((doc, prev["step"], str(prev["action"]), nxt["step"],
                            str(nxt["action"])))
    assert bad == []


def test_steps_at_day_precise_events_are_dated_to_the_day(ds: sco.Dataset) -> None:
    acts = ds.document_actions.set_index(["doc_id", "step"])
    decision = acts.loc[("decision_chg_secure_telecom_funds_2015", 1)]
    assert decision["date"] == pd.Timestamp("2015-12-15")
    assert decision["date_precision"] == "day"


def test_moscow_declaration_2020(ds: sco.Dataset) -> None:
    doc = ds.documents.set_index("doc_id").loc["moscow_declaration_2020"]
    assert doc["doc_type"] == "declaration" and doc["track"] == "general"
    acts = ds.document_actions[ds.document_actions["doc_id"] == "moscow_declaration_2020"]
    adopted = acts[acts["action"] == "adopted"]
    assert adopted["event_id"].tolist() == ["moscow_chs_2020"]
    assert adopted["date"].tolist() == [pd.Timestamp("2020-11-10")]


#: Labels of the research files that must not reach an export.
RESEARCH_LABEL = re.compile(
    r"\b[A-Z]+(_[A-Z]+)*_NOTES\b|\.csv\b|Correction \d|Research notes|Suggested:|"
    r"Status history|Title remark|Remark on |, applied:|seed article")

#: Every free-text column a colleague reads in an export.
NOTE_COLUMNS = {
    "events": ["notes"], "participants": ["notes"], "people": ["notes", "role"],
    "documents": ["notes"], "document_actions": ["notes"], "sources": ["notes"],
    "series": ["notes"], "membership": ["how"], "chairmanship": ["notes"],
    "claims": ["note", "conflict_note"], "parties": ["notes"], "name_variants": ["notes"],
}


def test_notes_carry_no_research_file_labels(ds: sco.Dataset) -> None:
    found = []
    for table, columns in NOTE_COLUMNS.items():
        df = ds.tables[table]
        for column in columns:
            for text in df[column].dropna().astype(str):
                m = RESEARCH_LABEL.search(text)
                if m:
                    found.append((table, column, m.group(0), text[:80]))
    assert found == [], f"{len(found)} notes, first: {found[:3]}"
