"""Where a meeting took place: the city (in English) and the hosting party.

A city is a capitalised place name governed by "in"/"at" ("met in Bishkek"), by "came
to", or, in Russian, by "в" with the word in the locative or accusative case ("в
Тяньцзине"), that is not a party name; or the dateline's city when the body says "here" /
"здесь". A Russian name is brought to its nominative with pymorphy3 and written in Latin
letters; when it is one of the dataset's cities (compared with rapidfuzz) the dataset's
English spelling is used ("Тяньцзине" -> Tianjin). The dataset's events also say which
party hosts meetings in a known city.

Examples:
    >>> transliterate("Карамай"), transliterate("Алматы")
    ('Karamay', 'Almaty')
    >>> english_city("Тяньцзине", {"Tianjin": "CHN", "Minsk": "BLR"})
    'Tianjin'
"""

from __future__ import annotations

import re

from . import morph
from .lexicon import MONTHS, WEEKDAYS

_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                  ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
                   "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
                   "", "e", "yu", "ya"], strict=True))


def transliterate(word: str) -> str:
    """Russian letters in Latin (BGN/PCGN without diacritics), capitalised."""
    out = "".join(_LATIN.get(ch, ch) for ch in word.lower())
    out = re.sub(r"ay$|aj$", "ay", out)
    return "-".join(p.capitalize() for p in out.split("-"))


_SOUNDS = [("shch", "sh"), ("tsz", "j"), ("dzh", "j"), ("zh", "j"), ("ts", "j"), ("ch", "j"),
           ("q", "j"), ("x", "sh"), ("kh", "h"), ("ng", "n"), ("w", "v"), ("c", "k")]


def sound_key(name: str) -> str:
    """A rough consonant skeleton, equal for spellings of one name in two scripts' systems.

    Examples:
        >>> sound_key("Tyantszin") == sound_key("Tianjin")
        True
        >>> sound_key("Moskva") == sound_key("Moscow")
        True
    """
    key = name.lower()
    for a, b in _SOUNDS:
        key = key.replace(a, b)
    key = re.sub(r"[aeiouyh'\W]", "", key)
    return re.sub(r"(.)\1+", r"\1", key)


def english_city(word: str, known: dict[str, str | None]) -> str:
    """The English name of a city written in Russian (any case) or English.

    The candidates are the word and pymorphy3's normal forms of it; each is written in
    Latin letters and compared with the dataset's English city names.
    """
    from rapidfuzz import fuzz, process

    if re.search(r"[A-Za-z]", word):
        return word
    forms = [word, *sorted({p.normal_form for p in morph.parses(word)
                            if p.tag.case in ("loct", "accs", "datv", "nomn")})]
    keys = {sound_key(k): k for k in known}
    best, best_score = None, 0.0
    for form in forms:
        key = sound_key(transliterate(form))
        if key in keys:
            return keys[key]
        hit = process.extractOne(key, list(keys), scorer=fuzz.ratio) if keys else None
        if hit and hit[1] > best_score:
            best, best_score = keys[hit[0]], hit[1]
    if best is not None and best_score >= 85:
        return best
    geo = [p.normal_form for p in morph.parses(word) if "Geox" in p.tag]
    return transliterate(geo[0] if geo else forms[-1])


_EN_PLACE = re.compile(r"\b(?:in|at|came\s+to|arrived\s+in|arrived\s+at|travelled\s+to)\s+"
                       r"(?:the\s+(?:[A-Z][a-z]+\s+)?city\s+of\s+)?"
                       r"([A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?)\b")
#: "в Карамае", and "в китайском городе Карамай" (the name in apposition, any case).
_RU_PLACE = re.compile(r"(?<!\w)(?:в|во)\s+(?P<city>(?:[а-яё-]+\s+){0,2}город[еа]\s+)?"
                       r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")
_NOT_CITY = re.compile(r"(?:Region|Province|Autonomous|Republic|Oblast|County|State|"
                       r"District|The|This|His|Her|Its|Their|Our)\b")


#: Endings of abstract nouns, never of a city ("in Digitalisation and ICT"); not "-ing",
#: which ends Beijing and Chongqing.
_ABSTRACT = re.compile(r"(?:isation|ization|tion|sion|ment|ness|ship|ity|ology)$")


def cities(text: str, lang: str, banned: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Place names in a sentence that may be a city: (name as written, start, end)."""
    rx = _RU_PLACE if lang == "ru" else _EN_PLACE
    out = []
    for m in rx.finditer(text):
        k = 1 if lang == "en" else 2
        name, a, b = m.group(k), m.start(k), m.end(k)
        if any(x < b and a < y for x, y in banned) or _NOT_CITY.match(name):
            continue
        low = name.lower()
        if low in MONTHS[lang] or low in WEEKDAYS[lang] or _ABSTRACT.search(low):
            continue
        if re.match(r"\s*(?:Region|Province|Autonomous|Uygur|автономн|област|район)",
                    text[b:b + 30], re.I):
            continue
        if lang == "ru" and not m.group("city") and not _place_case(name):  # "в Карамае"
            continue
        out.append((name, a, b))
    return out


def _place_case(word: str) -> bool:
    found = morph.parses(word)
    if not found:
        return True
    if any("Geox" in p.tag for p in found):
        return True
    if found[0].tag.POS not in ("NOUN", None) or found[0].tag.case is None:
        return not morph.analyzer().word_is_known(word.lower())
    if morph.analyzer().word_is_known(word.lower()) and "Name" not in found[0].tag:
        return False
    return any(p.tag.case in ("loct", "accs") for p in found)


def dateline_city(city: str, known: dict[str, str | None]) -> str:
    """The English name of a dateline city ("МИНСК" -> "Minsk", "ISLAMABAD" -> "Islamabad").

    Examples:
        >>> dateline_city("ДУШАНБЕ", {}), dateline_city("ISLAMABAD", {})
        ('Dushanbe', 'Islamabad')
    """
    word = city.strip().title()
    return english_city(word, known) if re.search(r"[А-Яа-яЁё]", word) else word
