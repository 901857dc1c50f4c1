"""Executed notebooks to HTML pages with nbconvert and the package's own template.

The page template (``templates/sco_page``) extends nbconvert's ``lab`` template: it adds a
navigation bar back to the index with the report's slice and "as of" day, the table style,
and leaves out the scripts the lab template loads from the internet (the report works
offline). Figures are extracted to ``figures/`` under names taken from the id of the cell
that draws them (``cadence-timeline.png``), so they are stable from run to run.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).with_name("templates")
_VOLATILE_KEYS = ("execution", "collapsed", "scrolled", "jupyter", "papermill")


@dataclass
class Page:
    """One rendered notebook: its file stem, title, summary, HTML and figures."""

    stem: str
    title: str
    summary: str
    html: str
    figures: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def summary_html(self) -> str:
        """The summary paragraph, its Markdown rendered (nbconvert's own filter)."""
        from nbconvert.filters.markdown import markdown2html

        return markdown2html(self.summary)


def scrub(nb: Any) -> Any:
    """Remove what changes from run to run: timings, kernel ids, execution counts."""
    nb = copy.deepcopy(nb)
    for key in ("widgets", "papermill"):
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in _VOLATILE_KEYS:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.execution_count = None
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = None
                out.get("metadata", {}).pop("execution", None)
    return nb


def name_figures(nb: Any) -> None:
    """Name every image output after its cell: ``<cell id>.png``, ``<cell id>-2.png`` ...

    nbconvert's output extraction uses an output's ``filename`` metadata when it has one.
    """
    for cell in nb.cells:
        images = [o for o in cell.get("outputs", [])
                  if o.get("output_type") in ("display_data", "execute_result")
                  and "image/png" in o.get("data", {})]
        for n, out in enumerate(images, start=1):
            out.setdefault("metadata", {})["filename"] = (
                cell.get("id", "figure") + (f"-{n}" if n > 1 else "") + ".png")


def title_and_summary(nb: Any, default: str) -> tuple[str, str]:
    """The first ``# heading`` of the notebook and the paragraph after it."""
    for cell in nb.cells:
        text = cell.source.strip() if cell.cell_type == "markdown" else ""
        if text.startswith("# "):
            head, _, rest = text.partition("\n")
            return head[2:].strip(), rest.strip().split("\n\n")[0].strip()
    return default, ""


def render(nb: Any, stem: str, with_code: bool, context: dict[str, Any]) -> Page:
    """Render an executed notebook to HTML, its figures extracted to ``figures/``.

    ``context`` is shown in every page's header (``slice``, ``as_of``, ``version``).
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExtractOutputPreprocessor
    from traitlets.config import Config

    nb = scrub(nb)
    name_figures(nb)
    title, summary = title_and_summary(nb, stem)
    nb.metadata["title"] = title
    config = Config()
    config.ExtractOutputPreprocessor.extract_output_types = {"image/png"}
    exporter = HTMLExporter(config=config, template_name="sco_page",
                            extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.register_preprocessor(ExtractOutputPreprocessor(config=config), enabled=True)
    body, resources = exporter.from_notebook_node(nb, resources={
        "output_files_dir": "figures", "metadata": {"name": stem}, "sco": context})
    figures = sorted((Path(name).name, data) for name, data in
                     resources.get("outputs", {}).items())
    return Page(stem, title, summary, body, figures)
