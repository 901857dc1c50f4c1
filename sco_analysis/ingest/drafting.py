"""``draft()``: an article becomes a reviewable draft directory, never touching the dataset.

Layout of ``<out>/<name>/``::

    draft.yaml        what the draft changes (and the hash of every file it adds to)
    review.md         per-field evidence and confidence, what to check or fill in
    evidence.yaml     the same, machine-readable
    changes.diff      additions to existing records, as a unified diff
    records/...       the files to write: new records, and existing ones with additions

A meeting already in the dataset becomes an *addition* (a new source, participants, people
and document steps) to its file instead of a duplicate. ``sco-analysis ingest --accept``
applies a reviewed draft (see :mod:`sco_analysis.ingest.acceptance`).
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import match, pipeline, records_out, resources
from .model import Event, Extraction, Field, IngestError
from .places import sound_key, transliterate
from .records_out import Evidence, slug
from .yamltext import add_block, add_to_list

MARKER = "draft.yaml"


@dataclass
class Change:
    """One file of the draft: its path under ``records/``, new text, and former text."""

    rel: str
    text: str
    base: str | None = None

    @property
    def kind(self) -> str:
        """``new`` or ``addition``."""
        return "new" if self.base is None else "addition"


@dataclass
class Draft:
    """A draft: the extraction, the files it writes, and what the reviewer must do."""

    name: str
    extraction: Extraction
    changes: dict[str, Change] = field(default_factory=dict)
    todo: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    evidence: Evidence = field(default_factory=Evidence)
    event_ids: list[tuple[str, bool]] = field(default_factory=list)
    source_id: str = ""
    directory: Path | None = None

    def defines_source(self) -> bool:
        """True once a file of the draft defines the new source."""
        return any(f"  - id: {self.source_id}\n" in c.text for c in self.changes.values())


def draft(source: str | os.PathLike[str], *, url: str | None = None,
          published: str | None = None, out: str | os.PathLike[str] | None = "drafts",
          records: str | os.PathLike[str] | None = None,
          match_existing: bool = True) -> Draft:
    """Draft records from a press release (a path, or the text itself).

    Writes ``<out>/<name>/`` (see the module's description) unless ``out`` is None, and
    returns the :class:`Draft`. Nothing under the data directory is changed. With
    ``match_existing=False`` every meeting is drafted as a new record.

    Raises:
        IngestError: The input cannot be drafted (empty, binary, too large, another
            language, no meeting in it) or ``out`` holds something that is not a draft.

    Examples:
        >>> d = draft("MINSK, 20 May 2025 – The ministries of Belarus and China held a "
        ...           "working meeting by video link last Thursday.", out=None)
        >>> [(c.rel, c.kind) for c in d.changes.values()][0][1]
        'addition'
    """
    rec = None if records is None else str(records)
    ex = pipeline.extract(source, url=url, published=published, records=rec)
    ds = resources.dataset(rec)
    d = Draft(ex.article.name if ex.article.name != "article" else _name(ex), ex)
    d.source_id = match.match_source(ex.article.url, ds) or records_out.source_id_for(ex)
    new_source = match.match_source(ex.article.url, ds) is None
    data = _records_dir(rec)
    for ev in ex.events:
        _draft_event(d, ev, ds, data, new_source and not d.defines_source(), match_existing)
    for rel in [r for r, c in d.changes.items() if c.base is not None and c.text == c.base]:
        del d.changes[rel]
    if not d.changes:
        d.notes.append("nothing new: the dataset already records everything this article "
                       "says about its meetings")
    if out is not None:
        from ..paths import resolve

        where = resolve(rec)
        write(d, Path(out), protected=[where.records, where.reference])
    return d


def _name(ex: Extraction) -> str:
    ev = ex.events[0]
    return slug(f"{ev.value('series')} {ev.value('date_start') or ''}", 40)


def _records_dir(records: str | None) -> Path:
    from ..paths import resolve

    return resolve(records).records


def _find_file(data: Path, kind: str, record_id: str) -> Path | None:
    hits = sorted((data / kind).rglob(f"{record_id}.yaml"))
    return hits[0] if hits else None


def _draft_event(d: Draft, ev: Event, ds, data: Path, define_source: bool,
                 match_existing: bool) -> None:
    doc_ids = [match.match_document(s, ds) for s in ev.documents]
    existing = match.match_event(ev, ds, [f.value for f in doc_ids if f.known]) \
        if match_existing else Field.unknown("drafted as new (matching switched off)")
    ev.match = existing
    if existing.known:
        event_id = existing.value
        _add_to_event(d, ev, event_id, ds, data, define_source)
    else:
        event_id = _new_event_id(ev, ds, d)
        _new_event(d, ev, event_id, ds, define_source)
    d.event_ids.append((event_id, existing.known))
    _documents(d, ev, event_id, ds, data, existing.value if existing.known else None)


def _year(ev: Event) -> str:
    """The folder of an event file: its year, or ``undated`` until a reviewer dates it."""
    return (ev.value("date_start") or "undated")[:4] if ev.value("date_start") else "undated"


def _new_event_id(ev: Event, ds, d: Draft) -> str:
    series = _series(ev, ds)
    year = _year(ev)
    if ev.value("series_number") is not None:
        base = f"{series}_{ev.value('series_number')}_{year}"
    else:
        place = ev.value("city") or ev.value("host") or ""
        base = slug(f"{series} {place} {(ev.value('date_start') or year).replace('-', ' ')}")
    taken = set(ds.events["event_id"].astype(str)) | {i for i, _ in d.event_ids}
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    return out


def _series(ev: Event, ds) -> str:
    return match.dataset_series(ev.value("series"), ev.party_codes(),
                                set(ds.series["series_id"].astype(str)))


def _new_event(d: Draft, ev: Event, event_id: str, ds, define_source: bool) -> None:
    from .event_text import event_text

    text, todo = event_text(ev, event_id, _series(ev, ds), d.source_id, d.evidence, ds)
    if define_source:
        src_lines, src_todo = records_out.source_record(d.extraction, d.source_id)
        text += "\nsources:\n" + "\n".join(src_lines) + "\n"
        todo += src_todo
    year = _year(ev)
    if year == "undated":
        d.todo.append(f"{event_id}: once dated, rename it to <series>_<year> if you like and "
                      "move the file to events/<year>/")
    d.changes[f"events/{year}/{event_id}.yaml"] = Change(f"events/{year}/{event_id}.yaml", text)
    d.todo += todo


def _add_to_event(d: Draft, ev: Event, event_id: str, ds, data: Path,
                  define_source: bool) -> None:
    path = _find_file(data, "events", event_id)
    if path is None:
        raise IngestError(f"the dataset's event {event_id} has no file under {data}/events")
    rel = path.relative_to(data).as_posix()
    base = d.changes[rel].base if rel in d.changes else path.read_text(encoding="utf-8")
    text = d.changes[rel].text if rel in d.changes else base
    old = ds.participants.loc[ds.participants["event_id"] == event_id, "party"].astype(str)
    text = add_to_list(text, "event.sources", [] if d.source_id in text else [d.source_id])
    text = add_to_list(text, "participants", [c for c in ev.party_codes() if c not in set(old)])
    people = ds.people[ds.people["event_id"] == event_id]
    known = [str(n) for n in people["name"]] + [str(a) for al in people["aliases"]
                                                 for a in (al if al is not None else [])]
    lines = []
    for p in ev.people:
        if not _known_person(p.name.value, known) and (p.party.value is None or
                                                       p.party.value in set(old) |
                                                       set(ev.party_codes())):
            lines += records_out.person_lines(p, d.evidence)
    if lines:
        text = add_block(text, "people", lines)
    if define_source:
        src_lines, src_todo = records_out.source_record(d.extraction, d.source_id)
        text = add_block(text, "sources", src_lines)
        d.todo += src_todo
    d.changes[rel] = Change(rel, text, base)
    d.notes += _differences(ev, event_id, ds)


def _known_person(name: str, known: list[str]) -> bool:
    mine = {sound_key(t) for t in transliterate(name).split() if len(t) > 2}
    for other in known:
        theirs = {sound_key(t) for t in transliterate(other).split() if len(t) > 2}
        if mine & theirs:
            return True
    return False


def _differences(ev: Event, event_id: str, ds) -> list[str]:
    row = ds.events[ds.events["event_id"] == event_id].iloc[0]
    from ..dates import format_date

    have = {"date_start": format_date(row["date_start"].date(), str(row["date_precision"])),
            "format": str(row["format"]), "city": None if row.isna()["city"] else
            str(row["city"]), "status": str(row["status"])}
    out = []
    for key, value in have.items():
        mine = ev.value(key)
        if mine is not None and value not in (None, "unknown") and mine != value:
            out.append(f"{event_id}: the article gives {key} = {mine}, the record has "
                       f"{value}; if both are right, record a conflict "
                       "(docs/record-format.md, Conflicts)")
    return out


def _documents(d: Draft, ev: Event, event_id: str, ds, data: Path, existing: str | None
               ) -> None:
    used: set[str] = set()
    date = ev.fields["date_start"]
    for step in ev.documents:
        m = match.match_document(step, ds, existing)
        if m.known and m.value in used:
            m = Field.unknown("another step of this article already matched it")
        step.match = m
        if step.doc_type.value == "other" and step.title.value.lower().startswith(
                ("document", "документ")):
            d.notes.append(f"{event_id}: documents not itemised were {step.action.value} "
                           f"(\"{step.title.evidence.text}\"); not written as a record")
            continue
        if m.known:
            used.add(m.value)
            _add_step(d, step, m.value, event_id, ds, data, date)
            continue
        doc_id = _new_doc_id(step, ds, d, date)
        text, todo = records_out.document_text(step, doc_id, event_id, d.source_id,
                                               d.extraction.article.language, d.evidence,
                                               date)
        d.changes[f"documents/{doc_id}.yaml"] = Change(f"documents/{doc_id}.yaml", text)
        d.todo += todo


def _add_step(d: Draft, step, doc_id: str, event_id: str, ds, data: Path, date: Field
              ) -> None:
    acts = ds.document_actions
    done = acts[(acts["doc_id"] == doc_id) & (acts["event_id"] == event_id)
                & (acts["action"].astype(str) == step.action.value)]
    if len(done):
        d.notes.append(f"{doc_id}: the dataset already records '{step.action.value}' at "
                       f"{event_id}; nothing added")
        return
    path = _find_file(data, "documents", doc_id)
    if path is None:
        return
    rel = path.relative_to(data).as_posix()
    base = d.changes[rel].base if rel in d.changes else path.read_text(encoding="utf-8")
    text = d.changes[rel].text if rel in d.changes else base
    text = add_block(text, "actions", records_out.action_lines(step, event_id, d.source_id,
                                                                d.evidence, date))
    d.changes[rel] = Change(rel, text, base)


def _new_doc_id(step, ds, d: Draft, date: Field) -> str:
    year = (date.value or "")[:4]
    words = slug(step.title.value, 36)
    base = slug(f"{step.doc_type.value} {words} {year}", 56)
    taken = set(ds.documents["doc_id"].astype(str)) | {
        Path(k).stem for k in d.changes if k.startswith("documents/")}
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    return out


def write(d: Draft, out: Path, protected: Iterable[Path] = ()) -> Path:
    """Write the draft directory ``out/<name>``; refuse to replace anything but a draft.

    Written aside and swapped into place by :func:`sco_analysis.outputs.replace_dir`: a
    reader never sees half a draft, a previous draft of the same name is replaced, and
    nothing else is (nor the records directories in ``protected``).
    """
    from ..outputs import OutputError, replace_dir
    from .review import diff_text, evidence_yaml, manifest_yaml, review_md

    target = (out / d.name).absolute()
    d.directory = target
    try:
        with replace_dir(target, "draft", protected=protected) as tmp:
            for change in d.changes.values():
                path = tmp / "records" / change.rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(change.text, encoding="utf-8")
            for name, text in (("review.md", review_md(d)),
                               ("evidence.yaml", evidence_yaml(d)),
                               ("changes.diff", diff_text(d)), (MARKER, manifest_yaml(d))):
                (tmp / name).write_text(text, encoding="utf-8")
    except OutputError as exc:
        raise IngestError(str(exc)) from None
    return target


def unified_diff(change: Change) -> str:
    """The unified diff of one change against the current record file."""
    return "".join(difflib.unified_diff(
        (change.base or "").splitlines(keepends=True), change.text.splitlines(keepends=True),
        fromfile=f"a/records/{change.rel}" if change.base is not None else "/dev/null",
        tofile=f"b/records/{change.rel}"))


def digest(text: str) -> str:
    """The SHA-256 of a text (the base of an addition, checked again on accept)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


__all__ = ["Change", "Draft", "draft", "write"]
