"""Bad input: every kind of problem gets its own small broken fixture and exact message.

Each message must name the file, the line, the field, what was found and what was expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import problems, run_cli, write

EVENT = "records/events/2024/ict_ministers_3_2024.yaml"


def one(lines: list[str], path: Path, line: int, field: str) -> str:
    """The single problem reported at path:line for field; fails if absent."""
    head = f"{path}:{line}: {field}: found "
    hits = [m for m in lines if m.startswith(head)]
    assert hits, f"no problem at {head!r} in:\n" + "\n".join(lines)
    return hits[0]


def test_valid_fixture_has_no_problems(data_dir: Path) -> None:
    assert problems(data_dir) == []


def test_malformed_yaml(data_dir: Path) -> None:
    f = write(data_dir / "records/events/2025/broken.yaml", """
        event:
          id: broken
          title: [unclosed
          series: ict_ministers
    """)
    msg = one(problems(data_dir), f, 4, "(yaml)")
    assert "malformed YAML" in msg and "expected valid YAML" in msg


def test_unknown_field_with_suggestion(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  city: Almaty", "  ctiy: Almaty"))
    msg = one(problems(data_dir), f, 10, "event.ctiy")
    assert "an unknown field 'ctiy'" in msg and "(did you mean 'city'?)" in msg


def test_derived_field_is_rejected_with_reason(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  - party: PAK\n",
                                       "  - party: PAK\n    status_at_event: observer\n"))
    msg = one(problems(data_dir), f, 28, "participants[4].status_at_event")
    assert "derived by the build, never typed" in msg


def test_missing_required_field(data_dir: Path) -> None:
    f = data_dir / EVENT
    text = f.read_text()
    f.write_text(text.replace("  title: 3rd Meeting of Heads of Ministries and Agencies of SCO "
                              "Member States Responsible for ICT Development, within Digital "
                              "Almaty 2024\n", ""))
    msg = one(problems(data_dir), f, 2, "event.title")
    assert msg.endswith("found nothing, expected text (required)")


@pytest.mark.parametrize(("typed", "suggestion"), [
    ("Kyrgyzstan", "KGZ (Kyrgyzstan)"),
    ("KYR", "KGZ (Kyrgyzstan)"),
    ("Кыргызстан", "KGZ (Kyrgyzstan)"),
    ("Kirgizia", "KGZ (Kyrgyzstan)"),
])
def test_unknown_party_suggests_from_name_variants(data_dir: Path, typed: str,
                                                   suggestion: str) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  - CHN\n", f"  - CHN\n  - {typed}\n"))
    lines = problems(data_dir)
    msg = one(lines, f, 27, "participants[4].party")
    assert f"did you mean {suggestion}?" in msg, msg


def test_unknown_party_code_without_match(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  host: KAZ", "  host: XQZ"))
    msg = one(problems(data_dir), f, 11, "event.host")
    assert "the unknown party 'XQZ'" in msg and "add the party there if it is new" in msg


def test_unknown_enum_value(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("format: in_person", "format: videoconf"))
    msg = one(problems(data_dir), f, 9, "event.format")
    assert msg.endswith("found 'videoconf' (did you mean 'videoconference'?), expected one of: "
                        "in_person, videoconference, hybrid, unknown")


def test_impossible_date(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("date_start: 2024-02-01", "date_start: 2025-02-30"))
    msg = one(problems(data_dir), f, 6, "event.date_start")
    assert "'2025-02-30': February 2025 has 28 days, not 30" in msg
    assert "YYYY-MM-DD" in msg


def test_date_in_no_known_form(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("date_start: 2024-02-01", "date_start: 1 Feb 2024"))
    msg = one(problems(data_dir), f, 6, "event.date_start")
    assert "'1 Feb 2024': not in a date form" in msg


def test_end_before_start(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  status: held", "  date_end: 2024-01-31\n  status: held"))
    msg = one(problems(data_dir), f, 7, "event.date_end")
    assert msg.endswith("found 2024-01-31, before date_start 2024-02-01, expected an end on "
                        "or after the start")


def test_end_with_other_precision(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  status: held", "  date_end: 2024-03\n  status: held"))
    msg = one(problems(data_dir), f, 7, "event.date_end")
    assert "same precision" in msg


def test_duplicate_event_ids(data_dir: Path) -> None:
    src = data_dir / EVENT
    dup = data_dir / "records/events/2025/ict_ministers_3_2024.yaml"
    text = src.read_text().split("sources:\n  - id: sectsco_ru")[0]
    write(dup, text)
    msg = one(problems(data_dir), dup, 2, "id")
    assert "a second event id 'ict_ministers_3_2024'" in msg
    assert str(src) + ":2" in msg


def test_duplicate_source_id_and_url(data_dir: Path) -> None:
    f = write(data_dir / "records/sources/extra.yaml", """
        sources:
          - id: iranpress_sco_2024
            url: https://iranpress.com/iran-s-proposals-in-digital-technology-welcomed-by-sco-members
            publisher: Iran Press
            language: en
            kind: news
    """)
    lines = problems(data_dir)
    assert "a second source id 'iranpress_sco_2024'" in one(lines, f, 2, "id")
    assert "a second definition of the URL" in one(lines, f, 3, "url")


def test_duplicate_yaml_key(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  city: Almaty", "  city: Almaty\n  city: Astana"))
    msg = one(problems(data_dir), f, 11, "city")
    assert "the same key twice in one mapping (first on line 10)" in msg


def test_dangling_event_reference(data_dir: Path) -> None:
    f = data_dir / "records/documents/astana_declaration_2024.yaml"
    f.write_text(f.read_text().replace("event: astana_chs_2024", "event: astana_chs_2042"))
    msg = one(problems(data_dir), f, 12, "actions[0].event")
    assert msg.endswith("found 'astana_chs_2042', which is not defined, expected the id of an "
                        "existing event (did you mean 'astana_chs_2024'?)")


def test_dangling_source_reference(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("    sources: [iranpress_sco_2024]\n",
                                       "    sources: [iranpress_sco_2023]\n"))
    msg = one(problems(data_dir), f, 40, "people[1].sources[0]")
    assert "'iranpress_sco_2023', which is not defined" in msg
    assert "did you mean 'iranpress_sco_2024'?" in msg


def test_dangling_document_and_series_references(data_dir: Path) -> None:
    f = data_dir / "records/series.yaml"
    f.write_text(f.read_text().replace("    cadence_basis: inferred\n",
                                       "    cadence_basis: inferred\n"
                                       "    implements: [concept_of_nothing]\n"))
    e = data_dir / EVENT
    e.write_text(e.read_text().replace("series: ict_ministers", "series: ict_minister"))
    lines = problems(data_dir)
    assert "'concept_of_nothing', which is not defined" in one(lines, f, 9,
                                                              "series[0].implements[0]")
    assert "did you mean 'ict_ministers'?" in one(lines, e, 4, "event.series")


def test_status_that_cannot_be_derived(data_dir: Path) -> None:
    # Belarus becomes a member on 2024-07-04: a July 2024 date known only to the month
    # does not say whether it was still an observer.
    f = data_dir / "records/events/2024/astana_chs_2024.yaml"
    f.write_text(f.read_text().replace("date_start: 2024-07-04", "date_start: 2024-07"))
    lines = problems(data_dir)
    msg = one(lines, f, 16, "participants[3].party")
    assert "BLR's SCO status changes between 2024-07-01 and 2024-07-31 (observer to member)" \
        in msg
    assert "give the exact day" in msg
    assert not any("CHN's SCO status" in m for m in lines)


def test_record_without_any_source(data_dir: Path) -> None:
    f = data_dir / "records/documents/astana_declaration_2024.yaml"
    f.write_text(f.read_text().replace("  sources: [astanatimes_2024_07_declaration]\n", ""))
    msg = one(problems(data_dir), f, 2, "document.sources")
    assert msg.endswith("found a record without any source, expected `sources: [id, ...]` "
                        "citing the page(s) that state it")


def test_reference_row_without_source(data_dir: Path) -> None:
    f = data_dir / "reference/membership.csv"
    f.write_text(f.read_text().replace(",tass_950697\nPAK", ",\nPAK"))
    msg = one(problems(data_dir), f, 8, "source_id")
    assert "the id of the source that states this row" in msg


def test_conflict_preferred_value_must_match_the_record(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("{value: 2024-02-01, sources", "{value: 2024-02-03, "
                                       "sources"))
    msg = one(problems(data_dir), f, 20, "event.conflicts[0].values[0].value")
    assert "a preferred value '2024-02-03' that differs from the record's date_start " \
        "(2024-02-01)" in msg


def test_conflict_needs_exactly_one_preferred(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("sources: [iranpress_sco_2024]}",
                                       "sources: [iranpress_sco_2024], preferred: true}"))
    msg = one(problems(data_dir), f, 18, "event.conflicts[0].values")
    assert "2 values marked preferred" in msg


def test_person_party_must_take_part(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("    party: IRN\n", "    party: RUS\n"))
    msg = one(problems(data_dir), f, 37, "people[1].party")
    assert "RUS, which is not among the event's participants" in msg
    assert "add `- RUS` to `participants`" in msg


def test_typed_delegation_level_must_agree_with_people(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  - IND\n", "  - party: IND\n    delegation_level: "
                                       "minister\n"))
    msg = one(problems(data_dir), f, 24, "participants[0].delegation_level")
    assert "'minister', but the people named for IND rank 'ambassador'" in msg


def test_reference_claim_preferred_must_match(data_dir: Path) -> None:
    f = data_dir / "reference/claims.csv"
    f.write_text(f.read_text().replace("date_from,2009-06-16,true", "date_from,2009-06-17,true"))
    msg = one(problems(data_dir), f, 2, "value")
    assert "differs from the membership row's date_from" in msg


def test_overlapping_membership_intervals(data_dir: Path) -> None:
    f = data_dir / "reference/membership.csv"
    f.write_text(f.read_text().replace("BLR,member,2024-07-04", "BLR,member,2024-07-01"))
    msg = one(problems(data_dir), f, 13, "date_from")
    assert "inside the interval on line 12" in msg


def test_yaml_no_stays_text(data_dir: Path) -> None:
    # YAML 1.1 would read NO (Norway's alpha-2 code) as false; here it stays text.
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  - CHN\n", "  - CHN\n  - NO\n"))
    msg = one(problems(data_dir), f, 27, "participants[4].party")
    assert "'NO'" in msg


def test_file_name_must_match_id(data_dir: Path) -> None:
    src = data_dir / EVENT
    src.rename(src.with_name("ict3.yaml"))
    msg = one(problems(data_dir), src.with_name("ict3.yaml"), 2, "id")
    assert "named ict_ministers_3_2024.yaml" in msg


def test_every_problem_at_once_and_nonzero_exit(data_dir: Path) -> None:
    e = data_dir / EVENT
    e.write_text(e.read_text().replace("format: in_person", "format: videoconf")
                 .replace("host: KAZ", "host: Kazakstan")
                 .replace("date_start: 2024-02-01", "date_start: 2024-02-30"))
    d = data_dir / "records/documents/astana_declaration_2024.yaml"
    d.write_text(d.read_text().replace("action: signed", "action: sined"))
    lines = problems(data_dir)
    assert len(lines) >= 4
    fields = {m.split(": ")[1] for m in lines}
    assert {"event.format", "event.host", "event.date_start", "actions[0].action"} <= fields
    run = run_cli("validate", str(data_dir))
    assert run.returncode == 1
    assert f"{len(lines)} problems in the records; nothing was built:" in run.stderr
    for line in lines:
        assert line in run.stderr
    assert "did you mean KAZ (Kazakhstan)?" in run.stderr


def test_a_list_item_may_not_hold_the_export_separator(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("    aliases: [Mussin]", "    aliases: [Mussin; Musin]"))
    msg = one(problems(data_dir), f, 42, "people[2].aliases[0]")
    assert "without '; '" in msg and "make it two items" in msg
