"""Charts: what they show, that labels do not overlap, byte-stable saving, pixel baselines.

Pixel baselines live in tests/baseline/ and are drawn from the small test fixture, so that a
change of the bundled data does not move them. Regenerate them after a deliberate change of a
chart with ``.venv/bin/python -m pytest tests/test_plots.py --update-baselines``.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.testing.compare import compare_images

import sco_analysis as sco
from sco_analysis import plots, schema
from sco_analysis.plots import participation as pplot

BASELINE = Path(__file__).parent / "baseline"


@pytest.fixture(scope="module")
def ds() -> sco.Dataset:
    return sco.load(quiet=True)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


CHARTS: dict[str, Callable[[sco.Dataset], object]] = {
    "timeline": lambda d: plots.plot_timeline(d),
    "per_year": lambda d: plots.plot_per_year(d),
    "per_year_level": lambda d: plots.plot_per_year(d, by="level"),
    "heatmap_ict": lambda d: plots.plot_heatmap(d, series="ict_ministers"),
    "heatmap_chs": lambda d: plots.plot_heatmap(d, series="heads_of_state",
                                                start="2017-01-01"),
    "swimlanes": lambda d: plots.plot_swimlanes(d, track="digital"),
}


def texts_of(ax) -> list:
    fig = ax.figure
    fig.draw_without_rendering()
    out = [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()
           and t.get_visible()]
    out += [t for t in ax.texts if t.get_text()]
    out += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
    legend = ax.get_legend()
    if legend is not None:
        out += [legend.get_title(), *legend.get_texts()]
    return [t for t in out if t.get_text()]


@pytest.mark.parametrize("name", CHARTS)
def test_no_overlapping_labels_on_the_bundled_data(ds: sco.Dataset, name: str) -> None:
    ax = CHARTS[name](ds)
    renderer = ax.figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts_of(ax)]
    overlaps = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2)
                if ba.overlaps(bb) and ba.intersection(ba, bb).width > 1
                and ba.intersection(ba, bb).height > 1]
    assert not overlaps, overlaps[:5]
    # every text lies inside the figure as saved (tight bounding box)
    fig_box = ax.figure.get_tightbbox(renderer).transformed(ax.figure.dpi_scale_trans)
    for text, box in boxes:
        assert box.x0 >= fig_box.x0 - 1 and box.x1 <= fig_box.x1 + 1, text


@pytest.mark.parametrize("name", CHARTS)
def test_charts_are_titled_and_labelled(ds: sco.Dataset, name: str) -> None:
    ax = CHARTS[name](ds)
    assert ax.get_title(loc="left")
    assert ax.get_xlabel() or name == "swimlanes"  # the swimlane x axis is plain dates
    assert ax.get_legend() is not None


def test_timeline_has_one_lane_per_series_and_one_marker_per_event(ds: sco.Dataset) -> None:
    ax = plots.plot_timeline(ds)
    lanes = [t.get_text() for t in ax.get_yticklabels()]
    names = ds.series.set_index("series_id")["short_name"]
    assert set(lanes) == {names[s] for s in ds.events["series_id"].unique()}
    assert lanes[:2] == ["Heads of State", "Heads of Government"]
    markers = sum(len(c.get_offsets()) for c in ax.collections
                  if hasattr(c, "get_offsets") and c.get_offsets().shape[1:] == (2,)
                  and type(c).__name__ == "PathCollection")
    assert markers == len(ds.events)
    gap_labels = {t.get_text() for t in ax.texts}
    assert {"18", "9", "16"} <= gap_labels  # the ICT ministers' gaps, in months


def test_per_year_bars_add_up(ds: sco.Dataset) -> None:
    ax = plots.plot_per_year(ds, series="ict_ministers")
    heights = [sum(b.get_height() for b in c) for c in ax.containers]
    assert sum(heights) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["ICT ministers"]


def test_heatmap_cells_show_level_and_non_member_status(ds: sco.Dataset) -> None:
    ax = plots.plot_heatmap(ds, series="ict_ministers")
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows[:6] == ["China", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan",
                        "Uzbekistan"]
    assert rows.index("India") < rows.index("Iran") < rows.index("Belarus")
    image = next(i for i in ax.images if i.get_gid() == "levels")
    rgba = image.get_array()
    blr, ind = rows.index("Belarus"), rows.index("India")
    not_member = to_rgba(pplot.NOT_MEMBER)
    assert [tuple(rgba[blr, c]) for c in range(4)][:3] == [not_member] * 3
    assert tuple(rgba[blr, 3]) == to_rgba(pplot.ABSENT)  # member by June 2025, not listed
    levels = schema.PERSON_LEVEL
    assert tuple(rgba[ind, 1]) == to_rgba(levels.style("minister").color)
    assert tuple(rgba[ind, 2]) == to_rgba(levels.style("ambassador").color)
    hatched = next(c for c in ax.collections if c.get_gid() == "not-member")
    assert hatched.get_hatch() == "///"
    assert len(hatched.get_paths()) == 3 + 2  # Belarus at three meetings, Iran at two
    roles = {t.get_text() for t in ax.texts if t.get_gid() == "role"}
    assert roles == {"host", "host, chair"}  # the 1st meeting: host known, chair not


def test_swimlanes_label_the_adopting_event(ds: sco.Dataset) -> None:
    ax = plots.plot_swimlanes(ds, docs=["action_plan_digital_transformation_2025",
                                        "statement_digital_economy_2020"])
    assert len(ax.get_yticklabels()) == 2
    labels = {t.get_text() for t in ax.texts if t.get_gid() == "adoption"}
    assert labels == {"adopted at 4th ICT ministers (Karamay, Jun 2025)",
                      "adopted at 20th Heads of State (Moscow, Nov 2020)"}
    colours = [to_rgba(c) for coll in ax.collections if type(coll).__name__ ==
               "PathCollection" for c in coll.get_edgecolors()]
    assert to_rgba("#0072B2") in colours  # the agreed draft, hollow with a blue edge


def test_plots_draw_on_given_axes_and_leave_no_global_style(ds: sco.Dataset) -> None:
    before = dict(matplotlib.rcParams)
    _fig, axes = plt.subplots(1, 2)
    assert plots.plot_per_year(ds, ax=axes[0]) is axes[0]
    assert plots.plot_heatmap(ds, ax=axes[1]) is axes[1]
    after = dict(matplotlib.rcParams)
    changed = {k for k in before if before[k] != after[k] and k != "backend"}
    assert not changed


def test_saving_twice_gives_identical_bytes(ds: sco.Dataset, tmp_path: Path) -> None:
    a = plots.save(plots.plot_timeline(ds), tmp_path / "a.png")
    plt.close("all")
    b = plots.save(plots.plot_timeline(ds), tmp_path / "b.png")
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    assert b"Software" not in a.read_bytes()[:400]


@pytest.mark.parametrize("name", ["timeline", "per_year", "heatmap_chs", "swimlanes"])
def test_image_matches_baseline(data_dir: Path, tmp_path: Path, name: str,
                                request: pytest.FixtureRequest) -> None:
    fixture = sco.load(data_dir, quiet=True)
    chart = {"heatmap_chs": lambda d: plots.plot_heatmap(d, series="heads_of_state"),
             "swimlanes": lambda d: plots.plot_swimlanes(d)}.get(name, CHARTS[name])
    actual = plots.save(chart(fixture), tmp_path / f"{name}.png", dpi=80)
    expected = BASELINE / f"{name}.png"
    if request.config.getoption("--update-baselines"):
        BASELINE.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
    assert expected.exists(), "no baseline: run pytest tests/test_plots.py --update-baselines"
    result = compare_images(str(expected), str(actual), tol=3)
    assert result is None, result


@pytest.mark.parametrize(("plot", "what"), [
    (plots.plot_heatmap, "no meetings held"), (plots.plot_swimlanes, "no document steps"),
    (plots.plot_per_year, "no meetings held"), (plots.plot_timeline, "no meetings"),
])
def test_an_empty_selection_is_said_in_words_not_drawn(ds: sco.Dataset, plot, what: str
                                                       ) -> None:
    figures = len(plt.get_fignums())
    with pytest.raises(plots.NothingToPlot, match=f"{what} in the selection \\(from 2040"):
        plot(ds, start="2040")
    assert len(plt.get_fignums()) == figures  # no empty axes left behind
    assert np.isfinite(plots.plot_timeline(ds, series="ict_ministers").get_xlim()).all()
