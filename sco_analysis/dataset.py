"""The Dataset: every table as a typed pandas DataFrame, and :func:`load`.

Examples:
    >>> import sco_analysis as sco
    >>> ds = sco.load()
    >>> ds.events.dtypes["date_start"], ds.events.dtypes["format"].categories.tolist()
    (dtype('<M8[ns]'), ['in_person', 'videoconference', 'hybrid', 'unknown'])
    >>> ds.status_on("BLR", "2024-02-01"), ds.status_on("BLR", "2025-06-17")
    ('observer', 'member')
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from . import metadata, slices, store
from .dates import event_bounds
from .paths import DataDir, resolve
from .reference import NameNormaliser, chair_on, status_between
from .schema import SCHEMA_VERSION, TABLES


class StaleDataError(RuntimeError):
    """The Parquet build is older than the records and rebuilding was not allowed."""


class UnknownPartyError(ValueError):
    """A party name or code that no party of the dataset has; the message suggests some."""


class Dataset:
    """The whole dataset: every table of the schema as a typed DataFrame attribute.

    ``ds.events``, ``ds.participants`` ... are the tables declared in
    :data:`sco_analysis.schema.TABLES` (see ``docs/data-dictionary.md``); the attributes
    follow the schema, nothing lists the tables again. A Dataset is built from a mapping of
    every table (``Dataset(tables)``) or from the tables as keywords
    (``Dataset(events=..., ...)``), and is not changed in place: filters return new ones.
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame] | None = None, *,
                 manifest: dict[str, Any] | None = None, data: DataDir | None = None,
                 slice: slices.Slice | None = None, whole: Dataset | None = None,
                 **named: pd.DataFrame):
        given = {**(tables or {}), **named}
        missing = [t for t in TABLES if t not in given]
        extra = sorted(set(given) - set(TABLES))
        if missing or extra:
            raise TypeError(f"a Dataset needs every table of the schema; missing {missing}"
                            + (f", unknown {extra}" if extra else ""))
        self.manifest: dict[str, Any] = manifest or {}
        self.data = data
        #: The slice this Dataset holds (the whole dataset: a slice that limits nothing).
        self.slice = slice or slices.Slice()
        self._whole = whole
        self._tables = {}
        for name in TABLES:  # a shallow copy each, so that the attrs are this Dataset's
            df = given[name].copy(deep=False)
            df.attrs = metadata.table_attrs(name, self)
            self._tables[name] = df

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"'Dataset' has no attribute {name!r}; its tables are "
                             + ", ".join(tables))

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._tables})

    def replace(self, **tables: pd.DataFrame) -> Dataset:
        """A Dataset with some tables replaced (the others, and the metadata, shared)."""
        return Dataset({**self._tables, **tables}, manifest=self.manifest, data=self.data,
                       slice=self.slice, whole=self._whole)

    @property
    def whole(self) -> Dataset:
        """The whole dataset this one was cut from (itself when it is not a slice)."""
        return self._whole or self

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, in the order of the data dictionary."""
        return dict(self._tables)

    @property
    def version(self) -> str:
        """A short content hash of the dataset (changes whenever any table changes)."""
        return str(self.manifest.get("dataset_hash", ""))[:12]

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {len(df)}" for n, df in self.tables.items())
        return f"<Dataset {self.version}: {counts}>"

    # -- lookups -------------------------------------------------------------------------

    def party_code(self, name: str) -> str:
        """The code of a party given by its code or any name variant, in any case.

        English, Russian and Chinese names and their other spellings (the
        ``name_variants`` table) are all accepted.

        Raises:
            UnknownPartyError: No party has that name; the message lists the closest ones.

        Examples:
            >>> import sco_analysis as sco
            >>> ds = sco.load()
            >>> ds.party_code("blr"), ds.party_code("Белоруссия"), ds.party_code("Kyrgyz Republic")
            ('BLR', 'BLR', 'KGZ')
            >>> ds.party_code("Kazakstan")
            Traceback (most recent call last):
            ...
            sco_analysis.dataset.UnknownPartyError: unknown party 'Kazakstan'; the closest
            known: KAZ (Kazakhstan), ...
        """
        code = self._names()(str(name))
        if code is None:
            close = self._names().closest(str(name))
            hint = f"; the closest known: {', '.join(close)}" if close else ""
            raise UnknownPartyError(f"unknown party {name!r}{hint} (every party is in "
                                    "ds.parties, its other names in ds.name_variants)")
        return code

    def party_codes(self, names: str | Iterable[str]) -> list[str]:
        """:meth:`party_code` of one name or of each of several, in order, once each."""
        items = [names] if isinstance(names, str) else list(names)
        return list(dict.fromkeys(self.party_code(n) for n in items))

    def status_on(self, party: str, date: object) -> str:
        """The SCO status of a party (code or any name) on a day.

        Raises:
            UnknownPartyError: The party is not known.
            DateError: ``date`` is not a day.

        Examples:
            >>> import sco_analysis as sco
            >>> ds = sco.load()
            >>> ds.status_on("Belarus", "2019-06-14"), ds.status_on("blr", "2024-07-04")
            ('observer', 'member')
        """
        code = self.party_code(party)
        day = slices.resolve_as_of(date)
        types = self.parties.set_index("party")["party_type"].astype("string")
        res = status_between(self.membership, types, [code], [day])
        return str(res["status"].iloc[0])

    def chair_on(self, date: object) -> str | None:
        """The SCO chair country on ``date`` (the outgoing chair on a handover summit)."""
        value = chair_on(self.chairmanship, [date]).iloc[0]
        return None if pd.isna(value) else str(value)

    def normalise_party(self, name: str) -> str | None:
        """The party code of any known spelling, or None: ``"Киргизия"`` -> ``"KGZ"``.

        :meth:`party_code` does the same but raises, with suggestions, for an unknown name.

        Examples:
            >>> import sco_analysis as sco
            >>> ds = sco.load()
            >>> ds.normalise_party("Киргизия"), ds.normalise_party("吉尔吉斯斯坦")
            ('KGZ', 'KGZ')
        """
        return self._names()(name)

    def _names(self) -> NameNormaliser:
        cache = self.__dict__.setdefault("_cache", {})
        if "names" not in cache:
            cache["names"] = NameNormaliser(self.parties, self.name_variants)
        return cache["names"]

    def sources_of(self, record_type: str, record_id: str) -> pd.DataFrame:
        """The sources a record cites (its own, or those it inherits from its parent)."""
        c = self.citations
        ids = c.loc[(c["record_type"] == record_type) & (c["record_id"] == record_id),
                    "source_id"]
        return self.sources[self.sources["source_id"].isin(ids)].reset_index(drop=True)

    def conflicts(self) -> pd.DataFrame:
        """One row per disputed field: the preferred value, the other values, their sources.

        Examples:
            >>> import sco_analysis as sco
            >>> c = sco.load().conflicts()
            >>> row = c[(c.record_id == "ict_ministers_3_2024") & (c.field == "date_start")]
            >>> row[["preferred_value", "other_values"]].iloc[0].tolist()
            ['2024-02-01', '2024-02-02']
        """
        cl = self.claims
        cols = ["record_type", "record_id", "field"]
        if cl.empty:
            return pd.DataFrame(columns=[*cols, "preferred_value", "preferred_sources",
                                         "other_values", "other_sources", "note"])
        grouped = cl.assign(record_type=cl["record_type"].astype("string")).groupby(
            [*cols, "preferred", "value"], sort=True, observed=True)["source_id"].agg(
            lambda s: ", ".join(sorted(s))).reset_index()
        pref = grouped[grouped["preferred"]].rename(columns={
            "value": "preferred_value", "source_id": "preferred_sources"})
        other = grouped[~grouped["preferred"]].groupby(cols, sort=True).agg(
            other_values=("value", lambda s: " | ".join(s)),
            other_sources=("source_id", lambda s: " | ".join(s))).reset_index()
        notes = cl.dropna(subset=["conflict_note"]).assign(
            record_type=lambda d: d["record_type"].astype("string")).groupby(
            cols, sort=True)["conflict_note"].first().rename("note").reset_index()
        out = pref.drop(columns="preferred").merge(other, on=cols, how="outer").merge(
            notes, on=cols, how="left")
        titles = pd.concat([
            self.events[["event_id", "title"]].set_axis(["record_id", "title"], axis=1),
            self.documents[["doc_id", "title"]].set_axis(["record_id", "title"], axis=1),
        ]).drop_duplicates("record_id")
        out = out.merge(titles, on="record_id", how="left")
        for c in out.columns:
            out[c] = out[c].astype("string")
        return out.sort_values(cols).reset_index(drop=True)

    # -- filters -------------------------------------------------------------------------

    def filter(self, *, start: object = None, end: object = None,
               series: str | list[str] | None = None,
               parties: str | list[str] | None = None) -> Dataset:
        """The slice of the dataset in a period, series and parties.

        The rules, the same in every function, command and notebook that takes these
        filters:

        - ``start``/``end`` name periods: ``end="2025"`` runs to 31 December 2025,
          ``end="2025-06"`` to 30 June, ``start="2021"`` from 1 January 2021 (a day, a
          ``date`` or a ``Timestamp`` is that day). An event is in when its dates overlap
          the period (a month-precise event when its month does).
        - ``series`` keeps the events of those series; ``parties`` (codes or any name, see
          :meth:`party_code`) keeps only those parties' participant and people rows.
        - A document is in when one of its steps is (a step in the period, and with
          ``series``, at one of the events kept), and it keeps **all** its steps: its
          history, durations and lineage are never cut by a slice.
        - Sources, citations and claims are those of the records in the slice (its events,
          their participants and people, its documents and their steps, the series of its
          events, and the status intervals and chairs in force at its events). The
          reference tables (parties, name variants, membership, chairmanship, series)
          stay whole.
        - Filtering a slice again gives the slice that is in both; ``filter()`` with no
          arguments gives the slice itself.

        Raises:
            ValueError: An unknown series (the known ones are listed).
            UnknownPartyError: An unknown party name (the closest known ones are listed).
            DateError: A bound that is not a date.

        Examples:
            >>> import sco_analysis as sco
            >>> ds = sco.load()
            >>> ds.filter(series="ict_ministers", start="2021", end="2025").events[
            ...     "series_number"].tolist()
            [1, 2, 3, 4]
            >>> plan = ds.filter(series="ict_ministers").document_actions
            >>> plan[plan.doc_id == "action_plan_digital_transformation_2025"]["action"].tolist()
            ['agreed', 'discussed', 'adopted', 'published', 'cited', 'cited']
        """
        whole = self.whole
        if series is not None:
            wanted = [series] if isinstance(series, str) else list(series)
            unknown = sorted(set(wanted) - set(whole.series["series_id"].astype(str)))
            if unknown:
                raise ValueError(f"unknown series {unknown}; known: "
                                 f"{', '.join(whole.series['series_id'].astype(str))}")
        codes = whole.party_codes(parties) if parties is not None else None
        sl = self.slice & slices.Slice.of(start, end, series, codes)
        if sl.is_whole:
            return whole
        return Dataset(slices.cut(whole._bare(), sl), manifest=self.manifest, data=self.data,
                       slice=sl, whole=whole)

    def _bare(self) -> dict[str, pd.DataFrame]:
        """The tables without their ``attrs`` (shallow copies), to cut from.

        pandas deep-copies a frame's attrs into every result of an operation on it; a cut
        makes about 150 such intermediate frames, and the new Dataset sets its own attrs.
        """
        bare = {}
        for name, df in self._tables.items():
            bare[name] = df.copy(deep=False)
            bare[name].attrs = {}
        return bare

    # -- citing, finding, sharing ------------------------------------------------------------

    def cite(self, record_type: str | None = None, record_id: str | None = None, *,
             style: str = "text") -> str:
        """How to cite: the dataset version, or the sources of one record.

        ``ds.cite()`` formats the dataset version (``style="text"`` or ``"bibtex"``);
        ``ds.cite("event", "ict_ministers_3_2024")`` the sources that record cites (one
        line each, or BibTeX ``@online`` entries).

        Raises:
            KeyError: No record of that type and id cites any source.

        Examples:
            >>> import sco_analysis as sco
            >>> ds = sco.load()
            >>> ds.cite(style="bibtex").splitlines()[0]  # doctest: +ELLIPSIS
            '@misc{sco_analysis_...,'
            >>> print(ds.cite("event", "blr_miit_working_meeting_2025").splitlines()[0])
            ... # doctest: +ELLIPSIS
            aetp.ru (2025-05-20). https://aetp.ru/market-news/item/433750 [ru, news; id ...]
        """
        if record_type is None:
            return metadata.cite_dataset(self, style)
        found = self.sources_of(record_type, str(record_id))
        if found.empty:
            raise KeyError(f"no {record_type} {record_id!r} citing a source in this "
                           "dataset (record types: " + ", ".join(
                               self.citations["record_type"].cat.categories) + ")")
        return metadata.cite_sources(found, style)

    def find(self, text: str) -> pd.DataFrame:
        """Documents, events and people whose title, alias or name holds every word of ``text``.

        Any of the three languages; case and accents do not matter.

        Examples:
            >>> import sco_analysis as sco
            >>> hits = sco.load().find("digital transformation")
            >>> "action_plan_digital_transformation_2025" in set(hits["record_id"])
            True
        """
        from .search import find

        return find(self, text)

    def export(self, output: str | os.PathLike[str], format: str = "csv") -> Path:
        """Write this Dataset (or slice) for other tools: see :func:`sco_analysis.export.export`."""
        from .export import export

        return export(self, Path(output), format)

    # -- summaries -----------------------------------------------------------------------

    def info(self) -> str:
        """What is loaded: tables, row counts, date span, schema version, where from."""
        ev = self.events
        span = "no events"
        if len(ev):
            lo, hi = event_bounds(ev)
            span = f"{lo.min().date()} to {hi.max().date()}"
        lines = [
            f"sco-analysis dataset {self.version} (schema {self.manifest.get('schema_version')}"
            f", package {self.manifest.get('package_version')})",
        ]
        if self.data is not None:
            lines += [f"records:   {self.data.records}", f"reference: {self.data.reference}",
                      f"parquet:   {self.data.parquet}"]
        lines += [f"events:    {len(ev)} from {span}", "", "table             rows  columns"]
        lines += [f"{name:<16}{len(df):>6}  {df.shape[1]:>7}" for name, df in
                  self.tables.items()]
        return "\n".join(lines)


def load(path: str | os.PathLike[str] | None = None, *,
         rebuild: bool | Literal["auto"] = "auto",
         parquet: str | os.PathLike[str] | None = None,
         quiet: bool = False) -> Dataset:
    """Load a dataset as typed DataFrames, building its Parquet first when needed.

    Args:
        path: A data directory (``records/`` + ``reference/``) or a directory of YAML
            records; None for the bundled dataset.
        rebuild: ``"auto"`` rebuilds when the records changed since the last build;
            ``True`` always rebuilds; ``False`` never does and raises
            :class:`StaleDataError` instead.
        parquet: Where the Parquet build lives (default: beside the records).
        quiet: Do not say on stderr that a build is happening.

    Raises:
        ValidationError: The records have problems; each is listed with file and line.
        StaleDataError: ``rebuild=False`` and the records are newer than the Parquet.
    """
    data = resolve(path, parquet)
    if rebuild is False and not store.is_current(data):
        raise StaleDataError(
            f"the Parquet in {data.parquet} is missing or older than the records in "
            f"{data.records}; run `sco-analysis build"
            + (f" {path}" if path else "") + "` or load(..., rebuild='auto')")
    if rebuild is not False:
        store.ensure_built(data, force=rebuild is True,
                           log=None if quiet else lambda m: print(m, file=sys.stderr))
    tables, manifest = store.read_tables(data.parquet)
    if manifest.get("schema_version") != SCHEMA_VERSION:  # pragma: no cover - guarded by hash
        raise StaleDataError(f"{data.parquet} has schema {manifest.get('schema_version')}, "
                             f"this package reads {SCHEMA_VERSION}; rebuild it")
    frames = {name: store.to_pandas(TABLES[name], tbl, manifest["domains"])
              for name, tbl in tables.items()}
    return Dataset(frames, manifest=manifest, data=data)
