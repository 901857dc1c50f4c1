"""``ingest --accept``: merge a reviewed draft into the records, all or nothing.

The data directory is copied to a temporary directory, the draft's files are put into the
copy, and the copy is validated with :func:`sco_analysis.validate`. Only when it has no
problem are the draft's files written into the real records directory, each one
atomically (a temporary file beside it, then ``os.replace``). A record that changed since
the draft was made, or any validation problem, stops the merge and changes nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml

from ..problems import Problem
from .drafting import MARKER, digest
from .model import IngestError


class AcceptError(IngestError):
    """The draft cannot be merged; ``problems`` lists every validation problem."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


def _manifest(draft_dir: Path) -> dict:
    marker = draft_dir / MARKER
    if not marker.is_file():
        raise AcceptError(f"{draft_dir}: not a draft directory (no {MARKER}); give the "
                          "directory that `sco-analysis ingest` wrote")
    data = yaml.safe_load(marker.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or data.get("ingest_draft") != 1:
        raise AcceptError(f"{marker}: not a manifest written by sco-analysis ingest")
    return data


def _check_bases(files: list[dict], records: Path) -> None:
    for f in files:
        target = records / f["path"]
        if f["kind"] == "new" and target.exists():
            raise AcceptError(f"{target} exists now; the draft would replace it. Run "
                              "`sco-analysis ingest` on the article again")
        if f["kind"] == "addition":
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if digest(current) != f.get("base_sha256"):
                raise AcceptError(f"{target} changed since the draft was made; run "
                                  "`sco-analysis ingest` on the article again")


def accept(draft_dir: str | os.PathLike[str], records: str | os.PathLike[str] | None = None
           ) -> list[Path]:
    """Merge a draft into the records; return the files written.

    Raises:
        AcceptError: The draft is not a draft, a record changed since, or the merged
            records do not validate (``problems`` then lists every problem). Nothing is
            written in that case.
    """
    from ..paths import resolve

    draft_dir = Path(draft_dir)
    files = _manifest(draft_dir)["files"]
    data = resolve(records)
    _check_bases(files, data.records)
    with tempfile.TemporaryDirectory(prefix="sco-accept-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data.records, copy / "records",
                        ignore=shutil.ignore_patterns(".parquet", "parquet"))
        shutil.copytree(data.reference, copy / "reference")
        for f in files:
            target = copy / "records" / f["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(draft_dir / "records" / f["path"], target)
        problems = _validate(copy, draft_dir, data.records)
    if problems:
        raise AcceptError(f"the draft does not validate ({len(problems)} problem"
                          f"{'s' if len(problems) != 1 else ''}); nothing was written. "
                          f"Fix the files under {draft_dir / 'records'} and run --accept "
                          "again", problems)
    return [_write(draft_dir / "records" / f["path"], data.records / f["path"])
            for f in files]


def _validate(copy: Path, draft_dir: Path, records: Path) -> list[str]:
    from .. import validate

    out = []
    for p in validate(copy):
        out.append(str(Problem(_shown(p.file, copy, draft_dir, records), p.line, p.field,
                               p.found, p.expected)))
    return out


def _shown(file: str, copy: Path, draft_dir: Path, records: Path) -> str:
    """A problem's file as the reviewer knows it: the draft's file, else the record's."""
    path = Path(file)
    try:
        rel = path.resolve().relative_to((copy / "records").resolve())
    except ValueError:
        return file
    in_draft = draft_dir / "records" / rel
    return str(in_draft if in_draft.exists() else records / rel)


def _write(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)
    return target
