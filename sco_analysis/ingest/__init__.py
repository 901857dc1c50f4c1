"""Ingest: a press release (English or Russian) becomes a reviewable draft record.

Examples:
    >>> from sco_analysis import ingest
    >>> d = ingest.draft(ingest.example("seed-article.md"), out=None)
    >>> d.event_ids
    [('blr_miit_working_meeting_2025', True)]

Public names (imported on first use, so ``import sco_analysis.ingest`` stays light):
:func:`draft` (an article to a draft directory), :func:`accept` (merge a reviewed draft),
:func:`extract` (the extraction with evidence, writes nothing), :func:`example` (path of a
bundled example article), :class:`IngestError`, :data:`MAX_BYTES`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent / "examples"

_LAZY = {"draft": ("drafting", "draft"), "accept": ("acceptance", "accept"),
         "AcceptError": ("acceptance", "AcceptError"), "extract": ("pipeline", "extract"),
         "IngestError": ("model", "IngestError"), "MAX_BYTES": ("text", "MAX_BYTES")}

__all__ = ["MAX_BYTES", "AcceptError", "IngestError", "accept", "draft", "example", "extract"]


def example(name: str = "seed-article.md") -> Path:
    """The path of an example article shipped with the package.

    Examples:
        >>> example().name
        'seed-article.md'
    """
    path = EXAMPLES / name
    if not path.is_file():
        raise FileNotFoundError(f"no example {name!r}; examples: "
                                + ", ".join(sorted(p.name for p in EXAMPLES.iterdir())))
    return path


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'sco_analysis.ingest' has no attribute {name!r}")
