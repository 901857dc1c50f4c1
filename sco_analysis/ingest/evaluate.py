"""Scoring extractions against gold labels, by the rules of the development set's README.

1. Events are paired one to one per article, maximising the pairing score (+2 same
   ``date_start``, +1 if only year and month agree; +1 same series; +1 same status); pairs
   scoring below 2 are not paired. Event precision, recall and F1 follow.
2. Exact-match accuracy over paired events for dates, precision, status, format, series,
   number, city (case-insensitive) and host; language per article.
3. Micro-averaged precision, recall and F1 over the corpus for parties, people (token-set
   containment of normalised names, against ``name`` or ``name_en``), documents as a
   multiset of (type, action) and mentioned documents as a multiset of (type, date) per
   article. Items of unpaired events count as false positives or misses.

Examples:
    >>> name_tokens("M.I. Shadaev"), name_tokens("Б.Мусин")
    ({'shadaev'}, {'мусин'})
    >>> s = Scores(); s.add_set("parties", ["BLR", "CHN"], ["BLR"]); s.prf("parties")
    (0.5, 1.0, 0.667)
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

EXACT = ("date_start", "date_end", "date_precision", "status", "format", "series",
         "series_number", "city", "host_country")
SETS = ("parties", "people", "documents", "mentioned_documents")


def _s(value: Any) -> str | None:
    """Dates and numbers as written (YAML may have read a day as a date)."""
    return None if value is None else str(value)


def name_tokens(name: str) -> set[str]:
    """A name normalised for matching: NFKC, case-folded, no punctuation, no initials."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return {t for t in text.split() if len(t) > 1}


@dataclass
class Scores:
    """Counts of everything scored, and the per-field results."""

    exact: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in
                                                                 (*EXACT, "language")})
    sets: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in
                                                                ("events", *SETS)})

    def add_set(self, name: str, predicted: list[Any], gold: list[Any]) -> None:
        """Add a multiset comparison (true positives, false positives, misses)."""
        p, g = Counter(predicted), Counter(gold)
        tp = sum((p & g).values())
        row = self.sets[name]
        row[0] += tp
        row[1] += sum(p.values()) - tp
        row[2] += sum(g.values()) - tp

    def prf(self, name: str) -> tuple[float, float, float]:
        """Precision, recall and F1 of a set field (rounded to 3 places)."""
        tp, fp, fn = self.sets[name]
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return round(prec, 3), round(rec, 3), round(f1, 3)

    def accuracy(self, name: str) -> float:
        """Share of exact matches of a field over the paired events."""
        ok, total = self.exact[name]
        return round(ok / total, 3) if total else 1.0


def pair_score(g: dict[str, Any], p: dict[str, Any]) -> int:
    """The pairing score of a gold and a predicted event."""
    gs, ps = _s(g.get("date_start")), _s(p.get("date_start"))
    score = 2 if gs == ps and gs is not None else 1 if gs and ps and gs[:7] == ps[:7] else 0
    score += int(g.get("series") == p.get("series"))
    score += int(g.get("status") == p.get("status"))
    return score


def pair(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """The one-to-one pairing of events with the highest total score (pairs scoring >= 2)."""
    best: list[tuple[int, int]] = []
    best_total = -1
    k = min(len(gold), len(pred))
    for gsel in itertools.permutations(range(len(gold)), k):
        for psel in itertools.combinations(range(len(pred)), k):
            pairs = [(gi, pi) for gi, pi in zip(gsel, psel, strict=True)
                     if pair_score(gold[gi], pred[pi]) >= 2]
            total = sum(pair_score(gold[gi], pred[pi]) for gi, pi in pairs)
            if total > best_total:
                best, best_total = sorted(pairs), total
    return best


def _people(pred: list[dict], gold: list[dict]) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for p in pred:
        pt = name_tokens(p.get("name") or "")
        for i, g in enumerate(gold):
            if i in used:
                continue
            names = [g.get("name") or "", g.get("name_en") or ""]
            if any(pt and (pt <= name_tokens(n) or name_tokens(n) <= pt) and name_tokens(n)
                   for n in names):
                used.add(i)
                tp += 1
                break
    return tp, len(pred) - tp, len(gold) - tp


def score_article(scores: Scores, gold: dict[str, Any], pred: dict[str, Any]) -> None:
    """Add one article's comparison to ``scores``."""
    scores.exact["language"][0] += int(gold.get("language") == pred.get("language"))
    scores.exact["language"][1] += 1
    ge, pe = gold.get("events") or [], pred.get("events") or []
    pairs = pair(ge, pe)
    scores.add_set("events", [("e", i) for i in range(len(pairs))] + ["x"] * (len(pe) -
                   len(pairs)), [("e", i) for i in range(len(pairs))] + ["y"] * (len(ge) -
                                                                               len(pairs)))
    paired_g = {gi for gi, _ in pairs}
    paired_p = {pi for _, pi in pairs}
    for gi, pi in pairs:
        g, p = ge[gi], pe[pi]
        for k in EXACT:
            gv, pv = _s(g.get(k)), _s(p.get(k))
            if k == "city":
                gv, pv = (gv or "").casefold() or None, (pv or "").casefold() or None
            scores.exact[k][0] += int(gv == pv)
            scores.exact[k][1] += 1
        scores.add_set("parties", p.get("parties") or [], g.get("parties") or [])
        tp, fp, fn = _people(p.get("people") or [], g.get("people") or [])
        row = scores.sets["people"]
        row[0], row[1], row[2] = row[0] + tp, row[1] + fp, row[2] + fn
        scores.add_set("documents", _docs(p), _docs(g))
    for pi in set(range(len(pe))) - paired_p:
        _unpaired(scores, pe[pi], predicted=True)
    for gi in set(range(len(ge))) - paired_g:
        _unpaired(scores, ge[gi], predicted=False)
    scores.add_set("mentioned_documents", _mentioned(pe), _mentioned(ge))


def _docs(ev: dict) -> list[tuple[str, str]]:
    return [(d.get("doc_type"), d.get("action")) for d in ev.get("documents") or []]


def _mentioned(events: list[dict]) -> list[tuple[str, str | None]]:
    return [(d.get("doc_type"), _s(d.get("date"))) for e in events
            for d in e.get("mentioned_documents") or []]


def _unpaired(scores: Scores, ev: dict, predicted: bool) -> None:
    for name, items in (("parties", ev.get("parties") or []),
                        ("people", ev.get("people") or []),
                        ("documents", _docs(ev))):
        scores.sets[name][1 if predicted else 2] += len(items)


def table(scores: Scores) -> str:
    """The per-field results as text, ending with the ``overall:`` line."""
    lines = [f"{'field':<22}{'precision':>10}{'recall':>10}{'f1':>8}{'tp':>6}{'fp':>6}"
             f"{'fn':>6}"]
    for name in ("events", *SETS):
        p, r, f = scores.prf(name)
        tp, fp, fn = scores.sets[name]
        lines.append(f"{name:<22}{p:>10.3f}{r:>10.3f}{f:>8.3f}{tp:>6}{fp:>6}{fn:>6}")
    lines += ["", f"{'field':<22}{'accuracy':>10}{'correct':>9}{'of':>5}"]
    for name, (ok, total) in scores.exact.items():
        lines.append(f"{name:<22}{scores.accuracy(name):>10.3f}{ok:>9}{total:>5}")
    lines.append("")
    lines.append(f"overall: events_f1={scores.prf('events')[2]:.3f} "
                 f"dates_acc={scores.accuracy('date_start'):.3f} "
                 f"parties_f1={scores.prf('parties')[2]:.3f} "
                 f"documents_f1={scores.prf('documents')[2]:.3f}")
    return "\n".join(lines)


def articles(directory: str) -> list[tuple[str, str]]:
    """(article, gold file) pairs of a directory: every ``*.md`` / ``*.html`` with a gold."""
    from pathlib import Path

    root = Path(directory)
    out = []
    for path in sorted(root.iterdir()):
        if path.suffix not in (".md", ".html", ".htm", ".txt"):
            continue
        gold = path.with_name(path.name.split(".")[0] + ".gold.yaml")
        if gold.is_file():
            out.append((str(path), str(gold)))
    return out


def evaluate(directory: str, records: str | None = None,
             log: Any = None) -> tuple[Scores, list[str]]:
    """Run the ingest on every article of a directory and score it against its gold file.

    Returns the scores and one line per article that could not be drafted.
    """
    import yaml

    from .gold import to_gold
    from .model import IngestError
    from .pipeline import extract
    from .resources import known_cities

    cities = known_cities(records)
    scores, failures = Scores(), []
    for article, gold_path in articles(directory):
        with open(gold_path, encoding="utf-8") as fh:
            gold = yaml.safe_load(fh) or {}
        try:
            pred = to_gold(extract(article, records=records, known_cities=cities))
        except IngestError as exc:
            failures.append(f"{article}: {exc}")
            pred = {"events": [], "language": None}
        score_article(scores, gold, pred)
        if log is not None:
            log(article)
    return scores, failures
