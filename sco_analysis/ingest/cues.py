r"""Matching the lexicon's cues in a sentence: regexes for English, lemmas for Russian.

Examples:
    >>> has("The summit was held in Bishkek.", "en", r"was\s+held")
    True
    >>> has("Совещание состоится в июне.", "ru", {"состояться"})
    True
    >>> [w.text for w in words("Стороны согласовали проекты.", "ru")]
    ['Стороны', 'согласовали', 'проекты']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import morph
from .sentences import tokens


@dataclass(frozen=True)
class Word:
    """A word of a sentence with its lemma (Russian) or lower-case form (English)."""

    text: str
    start: int
    end: int
    lemma: str


def words(text: str, lang: str) -> list[Word]:
    """The words of a text (punctuation dropped) with lemmas."""
    out = []
    for t in tokens(text, 0):
        if not (t.text[:1].isalnum()):
            continue
        lem = morph.lemma(t.text) if lang == "ru" else t.text.lower()
        out.append(Word(t.text, t.start, t.end, lem))
    return out


def spans(text: str, lang: str, cue: object) -> list[tuple[int, int]]:
    """Spans of a cue: a regex (English) or a set of lemmas, single or multi-word."""
    if isinstance(cue, str):
        return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w)(?:{cue})(?!\w)", text,
                                                           re.I)]
    ws = words(text, lang)
    out = []
    for entry in cue:  # type: ignore[attr-defined]
        parts = entry.split()
        for i in range(len(ws) - len(parts) + 1):
            if all(ws[i + k].lemma == p or ws[i + k].text.lower() == p
                   for k, p in enumerate(parts)):
                out.append((ws[i].start, ws[i + len(parts) - 1].end))
    return sorted(out)


def has(text: str, lang: str, cue: object) -> bool:
    """True when the cue occurs in the text."""
    return bool(spans(text, lang, cue))


def pick(table: dict, lang: str, prefix: str | None = None) -> object:
    """The cue of a language from a lexicon table (``{"en": ..., "ru": ...}``)."""
    key = f"{prefix}_{lang}" if prefix else lang
    return table[key]
