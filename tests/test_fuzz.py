"""Property: whatever is done to valid records, validate and build end in problems or success.

Hypothesis mutates the valid test fixture: raw bytes (inserted, deleted, replaced),
value types, structure (keys removed, renamed, wrapped) and text (any unicode, controls
and escapes included). ``sco.validate`` must return a list of problems, and ``build`` must
either succeed or raise ``ValidationError``: never another exception, never a traceback.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sco_analysis as sco
from sco_analysis import store
from sco_analysis.paths import resolve
from sco_analysis.problems import Problem

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
FILES = sorted(p.relative_to(FIXTURE) for p in FIXTURE.rglob("*")
               if p.suffix in (".yaml", ".csv"))

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(["2024-02-30", "1500-05-15", "2263-01-01", "NO", "ORG:", "\x00", "\t",
                     "held", "KAZ", "Kyrgyzstan", "*x", "&x", "!!python/object", "{", "]"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=10), inner, max_size=3),
                      max_leaves=6)


def paths_of(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside nested dicts and lists."""
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths_of(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths_of(v, (*prefix, i))
    return out


def set_at(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


@st.composite
def mutation(draw: st.DrawFn) -> tuple[Path, bytes]:
    """A fixture file and the new bytes to write into it."""
    rel = draw(st.sampled_from(FILES))
    raw = (FIXTURE / rel).read_bytes()
    kind = draw(st.sampled_from(["bytes", "value", "structure"] if rel.suffix == ".yaml"
                                else ["bytes", "csv"]))
    if kind == "bytes":
        pos = draw(st.integers(0, len(raw)))
        cut = draw(st.integers(0, 20))
        junk = draw(st.binary(max_size=12))
        return rel, raw[:pos] + junk + raw[pos + cut:]
    if kind == "csv":
        lines = raw.decode().splitlines()
        i = draw(st.integers(0, len(lines) - 1))
        cells = lines[i].split(",")
        j = draw(st.integers(0, len(cells) - 1))
        cells[j] = draw(st.text(max_size=20)).replace("\n", " ")
        lines[i] = ",".join(cells)
        return rel, ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    data = yaml.safe_load(raw)
    path = draw(st.sampled_from(paths_of(data)))
    if kind == "value":
        data = set_at(copy.deepcopy(data), path, draw(values))
    else:
        op = draw(st.sampled_from(["delete", "rename", "wrap"]))
        data = copy.deepcopy(data)
        if path and op == "delete":
            parent = data
            for key in path[:-1]:
                parent = parent[key]
            del parent[path[-1]]
        elif path and op == "rename" and isinstance(path[-1], str):
            parent = data
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1] + draw(st.sampled_from(["_", "s", "X"]))] = parent.pop(path[-1])
        else:
            data = set_at(data, path, [copy.deepcopy(data) if not path else None])
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)
    return rel, text.encode("utf-8", "surrogatepass")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(change=mutation())
def test_validate_and_build_end_in_problems_or_success(change: tuple[Path, bytes]) -> None:
    rel, new = change
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("parquet"))
        (root / rel).write_bytes(new)
        found = sco.validate(root)
        assert isinstance(found, list) and all(isinstance(p, Problem) for p in found)
        assert all(str(p).startswith(str(p.file)) for p in found)
        try:
            store.build(resolve(root, Path(tmp) / "pq"))
        except sco.ValidationError as exc:
            assert found, f"build refused records that validate accepted: {exc}"
            assert exc.problems
        else:
            assert not found, "build accepted records that validate refused"
