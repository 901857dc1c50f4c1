"""What travels with the data: descriptions, version, content hash and how to cite.

Every DataFrame of a :class:`~sco_analysis.Dataset` carries in ``df.attrs`` its table's
name and description, the dataset's version and content hash, the schema version, the
slice it holds and the citation of the dataset (:func:`table_attrs`), as OWID's catalog
ships metadata with every table. Column descriptions come from the one schema declaration
(:func:`describe`); :func:`cite_dataset` and :func:`cite_sources` format citations of the
dataset and of the sources of one fact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from .schema import SCHEMA_VERSION, TABLES

if TYPE_CHECKING:  # pragma: no cover
    from .dataset import Dataset

TITLE = "Sourced records of SCO digital and ICT cooperation"
AUTHOR = "sco-analysis maintainers"
STYLES = ("text", "bibtex")


def describe(table: str) -> pd.DataFrame:
    """The columns of a table: type, whether it may be empty, where it comes from, meaning.

    Raises:
        KeyError: An unknown table (the message lists the known ones).

    Examples:
        >>> d = describe("events")
        >>> d.set_index("column").loc["date_precision", ["type", "from"]].tolist()
        ['category', 'derived']
        >>> describe("event")
        Traceback (most recent call last):
        ...
        KeyError: "unknown table 'event' (did you mean 'events'?); the tables are events, ..."
    """
    if table not in TABLES:
        import difflib

        close = difflib.get_close_matches(table, list(TABLES), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise KeyError(f"unknown table {table!r}{hint}; the tables are "
                       + ", ".join(TABLES)) from None
    rows = []
    for c in TABLES[table].columns:
        values = ", ".join(c.enum.values) if c.enum is not None else (c.domain or "")
        rows.append({"column": c.name, "type": c.dtype, "nullable": c.nullable,
                     "from": "derived" if c.derived else f"record field {c.key}",
                     "values": values, "description": c.description,
                     "references": c.references or ""})
    return pd.DataFrame(rows).astype({k: "string" for k in rows[0] if k != "nullable"})


def _version(ds: Dataset) -> tuple[str, str]:
    from . import __version__

    return str(ds.manifest.get("package_version") or __version__), \
        str(ds.manifest.get("dataset_hash", ""))


def cite_dataset(ds: Dataset, style: str = "text") -> str:
    """A citation of the dataset version: plain text, or a BibTeX entry.

    Examples:
        >>> import sco_analysis as sco
        >>> print(cite_dataset(sco.load()).splitlines()[0])  # doctest: +ELLIPSIS
        sco-analysis maintainers. Sourced records of SCO digital and ICT cooperation ...
    """
    from .dates import today

    version, digest = _version(ds)
    short, day = digest[:12], today()
    if style == "text":
        return (f"{AUTHOR}. {TITLE} (sco-analysis {version}, dataset {short}, schema "
                f"{SCHEMA_VERSION}). Content hash SHA-256 {digest}. Retrieved "
                f"{day.isoformat()}.\nThe facts are those of the sources each record "
                "cites: cite them too (ds.cite(record_type, record_id)).")
    if style == "bibtex":
        return (f"@misc{{sco_analysis_{short},\n"
                f"  author = {{{{{AUTHOR}}}}},\n"
                f"  title = {{{TITLE}}},\n"
                f"  howpublished = {{sco-analysis {version}, dataset {short}}},\n"
                f"  year = {{{day.year}}},\n"
                f"  note = {{Schema {SCHEMA_VERSION}; content hash SHA-256 {digest}; "
                f"retrieved {day.isoformat()}}}\n}}")
    raise ValueError(f"unknown citation style {style!r}; use one of: {', '.join(STYLES)}")


def _bib_key(source_id: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in source_id)


def cite_sources(sources: pd.DataFrame, style: str = "text") -> str:
    """The sources of one fact, formatted: one line each, or BibTeX ``@online`` entries.

    Examples:
        >>> import sco_analysis as sco
        >>> ds = sco.load()
        >>> print(cite_sources(ds.sources_of("event", "ict_ministers_3_2024")).splitlines()[0])
        ... # doctest: +ELLIPSIS
        Astana Hub. https://astanahub.com/... [en, official; id astanahub_digital_almaty_2024]
    """
    from .dates import format_date

    lines = []
    for s in sources.itertuples(index=False):
        published = format_date(s.published.date(), str(s.published_precision)) \
            if pd.notna(s.published) else None
        if style == "text":
            parts = [str(s.publisher) + (f" ({published})" if published else "")]
            parts += [str(s.title)] if pd.notna(s.title) else []
            parts += [str(s.url)] if pd.notna(s.url) else [f"no URL recorded: {s.notes}"]
            lines.append(". ".join(parts) + f" [{s.language}, {s.kind}; id {s.source_id}]")
        elif style == "bibtex":
            fields = {"author": f"{{{s.publisher}}}", "title": s.title, "url": s.url,
                      "date": published, "language": s.language, "note": f"{s.kind} source"}
            body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items()
                              if v is not None and not (isinstance(v, float) and v != v)
                              and pd.notna(v))
            lines.append(f"@online{{{_bib_key(str(s.source_id))},\n{body}\n}}")
        else:
            raise ValueError(f"unknown citation style {style!r}; use one of: "
                             + ", ".join(STYLES))
    return "\n".join(lines)


def table_attrs(name: str, ds: Dataset) -> dict[str, Any]:
    """What ``df.attrs`` of table ``name`` holds in a Dataset."""
    version, digest = _version(ds)
    table = TABLES[name]
    return {
        "table": name,
        "description": f"One row is {table.row}. Typed in: {table.origin}.",
        "primary_key": list(table.primary_key),
        "columns": {c.name: c.description for c in table.columns},
        "dataset_version": digest[:12],
        "dataset_hash": digest,
        "package_version": version,
        "schema_version": SCHEMA_VERSION,
        "slice": ds.slice.describe(),
        "citation": cite_dataset(ds).splitlines()[0],
    }
