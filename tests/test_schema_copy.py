"""Declared once, derived everywhere: a new column and a new enum value need no other edit.

A copy of the schema gets one more events column (with an enum of its own) and one more
value of the event format; records use both. Build, load, the data dictionary, the charts,
the export and the benchmark's synthetic data must all follow from that declaration alone.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import sco_analysis as sco
from sco_analysis import schema

EVENT = "records/events/2024/ict_ministers_3_2024.yaml"


@pytest.fixture
def extended(monkeypatch: pytest.MonkeyPatch) -> schema.Table:
    """The schema with ``events.venue_kind`` (a new enum) and the format ``hologram``."""
    venue = schema.Enum("venue_kind", ("ministry", "exhibition"),
                        ("a ministry's premises", "an exhibition or expo"))
    fmt = schema.TABLES["events"].column("format").enum
    assert fmt is not None
    new_fmt = dataclasses.replace(fmt, values=(*fmt.values, "hologram"),
                                  meanings=(*fmt.meanings, "participants appear as holograms"))
    columns = []
    for c in schema.TABLES["events"].columns:
        columns.append(dataclasses.replace(c, enum=new_fmt) if c.name == "format" else c)
        if c.name == "city":
            columns.append(schema.Column("venue_kind", "category", "Where it took place.",
                                         enum=venue, key="venue_kind"))
    events = dataclasses.replace(schema.TABLES["events"], columns=tuple(columns))
    monkeypatch.setitem(schema.TABLES, "events", events)
    monkeypatch.setitem(schema.ENUMS, "venue_kind", venue)
    monkeypatch.setitem(schema.ENUMS, fmt.name, new_fmt)
    return events


def test_a_new_column_and_value_follow_everywhere(extended: schema.Table, data_dir: Path,
                                                  tmp_path: Path) -> None:
    from sco_analysis import plots
    from sco_analysis.docs import values_section
    from sco_analysis.export import read_export

    f = data_dir / EVENT
    f.write_text(f.read_text().replace("  format: in_person\n",
                                       "  format: hologram\n  venue_kind: exhibition\n"))
    assert sco.validate(data_dir) == []
    ds = sco.load(data_dir, rebuild=True, quiet=True)
    row = ds.events.set_index("event_id").loc["ict_ministers_3_2024"]
    assert (row["format"], row["venue_kind"]) == ("hologram", "exhibition")
    assert list(ds.events["venue_kind"].dtype.categories) == ["ministry", "exhibition"]
    assert ds.events.attrs["columns"]["venue_kind"] == "Where it took place."
    # the data dictionary and the record format's value lists
    text = schema.data_dictionary()
    assert "| `venue_kind` | category (venue_kind) |" in text and "| `hologram` |" in text
    assert "| `events.venue_kind` | ministry, exhibition |" in values_section()
    # a chart meets the new value with a neutral style and a legend entry
    from matplotlib.colors import to_hex

    ax = plots.plot_timeline(ds)
    handles = {h.get_label(): h for h in ax.get_legend().legend_handles}
    assert to_hex(handles["hologram"].get_color()) == schema.NEUTRAL.color
    assert handles["hologram"].get_marker() == schema.NEUTRAL.marker
    plt.close("all")
    # the export carries the column and reads back
    back = read_export(ds.export(tmp_path / "out", "csv"))
    assert back["events"].set_index("event_id").loc["ict_ministers_3_2024", "venue_kind"] \
        == "exhibition"
    # a typo in the new field is caught like any other
    f.write_text(f.read_text().replace("venue_kind: exhibition", "venue_kind: exhibtion"))
    problems = [str(p) for p in sco.validate(data_dir)]
    assert any("event.venue_kind: found 'exhibtion' (did you mean 'exhibition'?)" in p
               for p in problems), problems
