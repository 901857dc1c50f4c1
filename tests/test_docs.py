"""Generated documentation stays current with the schema it is generated from."""

from __future__ import annotations

from pathlib import Path

from sco_analysis import schema

ROOT = Path(__file__).resolve().parent.parent


def test_generated_docs_are_current() -> None:
    from sco_analysis.docs import generated

    for path, text in generated(ROOT / "docs").items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} is out of date: run `.venv/bin/sco-analysis dictionary`")


def test_data_dictionary_lists_every_column_and_value() -> None:
    text = schema.data_dictionary()
    for table in schema.TABLES.values():
        assert f"## `{table.name}`" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text
    for enum in schema.ENUMS.values():
        for value in enum.values:
            assert f"| `{value}` |" in text


def test_record_format_lists_the_schema_values() -> None:
    """docs/record-format.md is hand-written; its value lists must match the schema."""
    text = (ROOT / "docs" / "record-format.md").read_text(encoding="utf-8")
    for enum in (schema.EVENT_STATUS, schema.EVENT_FORMAT, schema.EVENT_LEVEL,
                 schema.PERSON_LEVEL, schema.DOC_TYPE, schema.ACTION, schema.SOURCE_KIND,
                 schema.TITLE_BASIS, schema.TRACK, schema.BASIS, schema.CONFIDENCE):
        assert ", ".join(enum.values) in text, enum.name


def test_readme_example_record_is_valid(tmp_path) -> None:
    """The README's example record validates in place of the bundled one."""
    import re
    import shutil

    import sco_analysis as sco

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(event:\n.*?)```", readme, flags=re.S).group(1)
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("parquet"))
    target = data / "records/events/2025/blr_miit_working_meeting_2025.yaml"
    assert target.exists()
    target.write_text(example, encoding="utf-8")
    assert sco.validate(data) == []
