"""Compile checked rows into tables: checks across records, derived columns, pyarrow tables.

:func:`compile_data` reads a data directory (``records`` + ``reference``) and runs its
steps in order, each a small function of one job: register the ids (``registries``), check
series, events, participants and people (``events``), documents and their steps
(``documents``), the reference intervals (``intervals``), derive the participants with
their SCO status as of each event, collect the disagreements between sources (``claims``)
and, when nothing is wrong, assemble one ``pyarrow.Table`` per table of
:data:`sco_analysis.schema.TABLES` with the explicit schema (``assemble``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from ..problems import Problem, arrange
from ..records import Loc, read_data
from ..schema import TABLES
from . import assemble, claims, documents, events, intervals, registries
from .context import Context, person_id

__all__ = ["Compiled", "compile_data", "person_id"]


@dataclass
class Compiled:
    """The result of compiling a data directory."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    domains: dict[str, list[str]] = field(default_factory=dict)
    locs: dict[str, list[Loc]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


#: The checks, in order; each adds problems to the context and may register ids.
CHECKS = (
    registries.collect,
    registries.check_parties,
    events.check_series,
    events.list_participants,
    events.check_events,
    events.check_people,
    documents.check_documents,
    documents.check_actions,
    documents.check_step_order,
    intervals.check_intervals,
    registries.check_languages,
)


def compile_data(records: Path, reference: Path) -> Compiled:
    """Read, check and compile a data directory; see the module docstring."""
    ctx = Context(read_data(records, reference))
    for check in CHECKS:
        check(ctx)
    participants = events.derive_participants(ctx)
    events.derive_status(ctx, participants)
    claim_rows = claims.derive_claims(ctx, participants)
    out = Compiled(problems=arrange(ctx.problems, ctx.rs.unreadable))
    if out.problems:
        return out
    assemble.derive_parties(ctx.rows["parties"])
    out.domains = assemble.domains(ctx)
    items = {name: [(r.values, r.loc) for r in ctx.rows[name]] for name in TABLES}
    items |= {"participants": participants, "claims": claim_rows,
              "citations": assemble.derive_citations(ctx, participants, claim_rows)}
    for name, table in TABLES.items():
        out.tables[name], out.locs[name] = assemble.to_arrow(table, items[name], out.domains)
    return out
