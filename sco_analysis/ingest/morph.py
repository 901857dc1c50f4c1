"""Russian morphology through pymorphy3: lemmas, cases, and names back to the nominative.

The analyser and its dictionaries load once per process (about 0.1 s) and every word's
analysis is cached, so a second article costs only the words it has not seen.

Examples:
    >>> lemma("Кыргызстана"), lemma("состоялось"), lemma("подписан")
    ('кыргызстан', 'состояться', 'подписать')
    >>> nominative(["Садыром", "Жапаровым"]), nominative(["Си", "Цзиньпина"], "gent")
    ('Садыр Жапаров', 'Си Цзиньпин')
"""

from __future__ import annotations

import functools
from typing import Any

_CASES = ("gent", "datv", "accs", "ablt", "loct")


@functools.cache
def analyzer() -> Any:
    """The shared pymorphy3 MorphAnalyzer (loaded on first use)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=200_000)
def parses(word: str) -> tuple[Any, ...]:
    """Every pymorphy3 analysis of a word (lower-cased), best first."""
    return tuple(analyzer().parse(word.lower()))


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The normal form of a word's most likely analysis (``ё`` written ``е``)."""
    found = parses(word)
    norm = found[0].normal_form if found else word.lower()
    return norm.replace("ё", "е")


def lemmas(word: str) -> set[str]:
    """Every normal form a word may have."""
    return {p.normal_form.replace("ё", "е") for p in parses(word)}


def has_tag(word: str, *grammemes: str) -> bool:
    """True when some analysis of the word carries all the grammemes."""
    return any(all(g in p.tag for g in grammemes) for p in parses(word))


def case_of(word: str) -> str | None:
    """The grammatical case of the word's most likely analysis, if it has one."""
    found = parses(word)
    return found[0].tag.case if found else None


def is_future(word: str) -> bool:
    """True for a finite verb in the future tense (``состоится``, ``примет``)."""
    found = parses(word)
    return bool(found) and found[0].tag.POS == "VERB" and found[0].tag.tense == "futr"


def is_past(word: str) -> bool:
    """True for a verb in the past tense or a past participle (``состоялось``, ``принят``)."""
    return any(p.tag.POS in ("VERB", "PRTF", "PRTS") and p.tag.tense == "past"
               for p in parses(word)[:2])


def _restore(word: str, case: str) -> str | None:
    """The nominative of a name token observed in ``case``, checked by re-inflection."""
    low = word.lower()
    for p in parses(word):
        if p.tag.case == case and ({"Name", "Surn", "Patr"} & set(p.tag.grammemes)):
            return p.normal_form
    stems = {low[:-k] for k in (1, 2) if len(low) > k + 2}
    for stem in sorted(stems, key=len, reverse=True):
        for end in ("", "ь", "й", "а", "я", "о"):
            cand = stem + end
            for p in parses(cand)[:3]:
                form = p.inflect({case})
                if form is not None and form.word == low and p.tag.case == "nomn":
                    return cand
    return None


def name_case(words: list[str]) -> str:
    """The case a Russian name is in, judged from all its tokens."""
    for w in words:
        found = parses(w)
        if not found:
            continue
        tag = found[0].tag
        if {"Name", "Surn", "Patr"} & set(tag.grammemes) and tag.number == "sing" \
                and tag.case not in (None, "nomn"):
            return str(tag.case)
    return "nomn"


def nominative(words: list[str], case: str | None = None) -> str:
    """A Russian personal name put back in the nominative, capitalised as written.

    ``case`` is the case the name stands in (from the title before it); when not given it
    is judged from the tokens. Tokens that pymorphy3 cannot bring back are kept as written.
    """
    case = case or name_case(words)
    out = []
    for w in words:
        if case == "nomn" or case not in _CASES or "." in w or not w[:1].isalpha():
            out.append(w)
            continue
        restored = _restore(w, case)
        out.append(_like(restored, w) if restored else w)
    return " ".join(out)


def _like(word: str, model: str) -> str:
    if "-" in model:
        return "-".join(p.capitalize() for p in word.split("-"))
    return word.capitalize() if model[:1].isupper() else word
