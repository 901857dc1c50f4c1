"""Party mentions in English and Russian text, resolved to codes of ``parties.csv``.

Every spelling comes from the reference tables (``parties.csv``, ``name_variants.csv``).
Russian names are matched on lemmas (pymorphy3), so "Кыргызской Республике", "Беларуси",
"КНР" and "Китайской Народной Республики" are found in any case. Adjectival forms are
derived by morphology, not listed: a Russian adjective is accepted when pymorphy3 knows it
as an adjective made from the name's stem ("китайской стороны" -> CHN, "белорусской" ->
BLR) or when it opens a multi-word name of one party ("Кыргызская Республика"); an
English demonym ("Chinese", "Kazakh", "Pakistani") is derived from the English names by
the regular endings of English demonyms. An adjective shared by two parties is dropped.

Examples:
    >>> [(m.code, m.text) for m in find("Делегации Кыргызской Республики и КНР прибыли.", "ru")]
    [('KGZ', 'Кыргызской Республики'), ('CHN', 'КНР')]
    >>> [(m.code, m.kind) for m in find("The Chinese delegation met Kazakhstan's minister.",
    ...                                 "en")]
    [('CHN', 'adjective'), ('KAZ', 'name')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import morph
from .resources import name_tables
from .sentences import tokens

#: Codes that are the frame of every SCO text, never a party to one of its meetings.
FRAME = ("ORG:SCO",)


@dataclass(frozen=True)
class Mention:
    """A party named in a text: its code, span (in the text given) and form."""

    code: str
    start: int
    end: int
    text: str
    kind: str  # name | adjective


def _frame(parties) -> set[str]:
    councils = parties.loc[parties["name_en"].str.contains("Council", na=False), "party"]
    return set(FRAME) | set(councils)


@functools.lru_cache(maxsize=4)
def _tables(records: str | None) -> tuple[dict, dict, re.Pattern[str], re.Pattern[str]]:
    parties, variants = name_tables(records)
    frame = _frame(parties)
    names: dict[str, dict[str, set[str]]] = {"en": {}, "ru": {}}
    rows = [(p, "en", n) for p, n in zip(parties["party"], parties["name_en"], strict=True)]
    rows += [(p, "ru", n) for p, n in zip(parties["party"], parties["name_ru"], strict=True)]
    rows += list(zip(variants["party"], variants["language"], variants["variant"],
                     strict=True))
    for code, lang, name in rows:
        if name and lang in names and code not in frame:
            names[lang].setdefault(name, set()).add(code)
    ru = _russian_index(names["ru"])
    en_rx = _english_regex(names["en"], exact=True)
    dem_rx = _english_regex(_demonyms(names["en"]), exact=False)
    return names["en"], ru, en_rx, dem_rx


def _english_regex(names: dict[str, set[str]], exact: bool) -> re.Pattern[str]:
    unique = {n for n, codes in names.items() if len(codes) == 1}
    alts = sorted((re.escape(n) for n in unique), key=len, reverse=True)
    flags = 0 if exact else re.I
    return re.compile(r"(?<![\w-])(?:the\s+)?(" + "|".join(alts) + r")(?:['’]s)?(?![\w-])",
                      flags)


def _demonyms(names: dict[str, set[str]]) -> dict[str, set[str]]:
    """English demonyms derived from the English names by the regular endings."""
    out: dict[str, set[str]] = {}
    for name, codes in names.items():
        if not re.fullmatch(r"[A-Z][a-z]+", name) or len(name) < 4:
            continue
        stems = {name}
        for ending in ("istan", "stan", "ia", "a", "y", "e"):
            if name.endswith(ending):
                stems.add(name[: -len(ending)])
        for stem in stems:
            for suffix in ("n", "an", "ian", "i", "ese", "ish", ""):
                word = stem + suffix
                if len(word) >= 4 and word != name:
                    out.setdefault(word, set()).update(codes)
    return out


def _russian_index(names: dict[str, set[str]]) -> dict[tuple[str, ...], set[str]]:
    """Lemma sequences of every Russian name, plus the adjectives that stand for a party."""
    index: dict[tuple[str, ...], set[str]] = {}
    for name, codes in names.items():
        words = [t.text for t in tokens(name, 0) if t.text.isalnum() or "-" in t.text]
        if not words:
            continue
        index.setdefault(tuple(morph.lemma(w) for w in words), set()).update(codes)
        if any(c.startswith("ORG:") for c in codes):
            continue  # "региональной" is not a body: only states have adjectives
        adjs = {_adjective_of(words)} | (_derived_adjectives(words[0]) if len(words) == 1
                                         else set())
        for adj in adjs - {None}:
            index.setdefault(("ADJ", adj), set()).update(codes)
    return index


def _adjective_of(words: list[str]) -> str | None:
    if len(words) < 2:
        return None
    found = morph.parses(words[0])
    if found and found[0].tag.POS == "ADJF" and words[0][:1].isupper():
        return found[0].normal_form.replace("ё", "е")
    return None


def _derived_adjectives(word: str) -> set[str]:
    """Adjectives pymorphy3 knows that are made from a one-word name's stem."""
    low = word.lower()
    stems = {low} | {low[: -len(e)] for e in ("ия", "сия", "ь", "стан", "истан", "й")
                     if low.endswith(e)}
    out = set()
    for stem in stems:
        for suffix in ("ский", "ийский", "ьский", "анский"):
            cand = stem + suffix
            if len(stem) >= 3 and morph.analyzer().word_is_known(cand) and \
                    morph.parses(cand)[0].tag.POS == "ADJF":
                out.add(cand)
    return out


def find(text: str, lang: str, records: str | None = None) -> list[Mention]:
    """Every party named in ``text``, in order (spans are offsets in ``text``)."""
    en, ru, en_rx, dem_rx = _tables(records)
    if lang == "ru":
        return _find_ru(text, ru)
    out = []
    for rx, kind in ((en_rx, "name"), (dem_rx, "adjective")):
        for m in rx.finditer(text):
            table = en if kind == "name" else _demonyms(en)
            codes = table.get(m.group(1)) or table.get(m.group(1).capitalize())
            if codes and len(codes) == 1 and m.group(1)[:1].isupper():
                if not any(o.start < m.end() and m.start() < o.end for o in out):
                    out.append(Mention(next(iter(codes)), m.start(1), m.end(1),
                                       m.group(1), kind))
    return sorted(out, key=lambda m: m.start)


def _find_ru(text: str, index: dict[tuple[str, ...], set[str]]) -> list[Mention]:
    toks = [t for t in tokens(text, 0) if t.text.isalnum() or "-" in t.text]
    lem = [morph.lemma(t.text) for t in toks]
    longest = max((len(k) for k in index), default=1)
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in range(min(longest, len(toks) - i), 0, -1):
            codes = index.get(tuple(lem[i:i + n]))
            if codes and len(codes) == 1 and toks[i].is_cap:
                hit = (n, next(iter(codes)), "name")
                break
        if hit is None:
            codes = index.get(("ADJ", lem[i].replace("ё", "е")))
            if codes and len(codes) == 1 and morph.has_tag(toks[i].text, "ADJF"):
                hit = (1, next(iter(codes)), "adjective")
        if hit is None:
            i += 1
            continue
        n, code, kind = hit
        a, b = toks[i].start, toks[i + n - 1].end
        out.append(Mention(code, a, b, text[a:b], kind))
        i += n
    return out
