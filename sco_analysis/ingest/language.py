"""Which language an article is in, and whether the ingest reads it.

py3langid's model knows 97 languages; a short press release scored against all of them is
sometimes given to a close neighbour (Russian to Ukrainian or Bulgarian, English to Scots
or Latin), so the identifier is restricted to the languages an SCO press release is
actually published in: the organisation's working languages (Russian, Chinese), English,
and the languages of member and partner states. Among those, only English and Russian
(:data:`~sco_analysis.ingest.lexicon.LANGUAGES`) are read; any other is refused with its
name, so a Kazakh or Chinese release gets a clear "not handled" instead of a wrong draft.

A second, independent check uses the script: a text that is mostly Han, Arabic or
Devanagari letters is not English or Russian whatever the model says.

Examples:
    >>> detect("The meeting was held in Minsk on Thursday and the sides agreed a plan.")
    'en'
    >>> detect("Заседание прошло в Минске, стороны согласовали план действий.")
    'ru'
"""

from __future__ import annotations

import functools
import unicodedata

from .lexicon import LANGUAGES
from .model import IngestError

#: Languages the identifier may answer: SCO working languages, English, and the languages
#: of the member and partner states (so that these are named when refused).
CANDIDATES = ("en", "ru", "zh", "kk", "ky", "uz", "tg", "fa", "ur", "hi", "be", "mn", "tr",
              "az", "hy", "ar", "ne", "km", "my", "uk", "de", "fr", "es")
NAMES = {"zh": "Chinese", "kk": "Kazakh", "ky": "Kyrgyz", "uz": "Uzbek", "tg": "Tajik",
         "fa": "Persian", "ur": "Urdu", "hi": "Hindi", "be": "Belarusian", "mn": "Mongolian",
         "tr": "Turkish", "az": "Azerbaijani", "hy": "Armenian", "ar": "Arabic",
         "ne": "Nepali", "km": "Khmer", "my": "Burmese", "uk": "Ukrainian", "de": "German",
         "fr": "French", "es": "Spanish"}


@functools.cache
def _identifier():  # pragma: no cover - trivial
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(CANDIDATES))
    return ident


def script_shares(text: str) -> dict[str, float]:
    """Share of letters per script (``latin``, ``cyrillic``, ``other``).

    Examples:
        >>> script_shares("abc где")["cyrillic"]
        0.5
    """
    counts = {"latin": 0, "cyrillic": 0, "other": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        key = "latin" if name.startswith("LATIN") else \
            "cyrillic" if name.startswith("CYRILLIC") else "other"
        counts[key] += 1
    total = sum(counts.values()) or 1
    return {k: v / total for k, v in counts.items()}


def detect(text: str) -> str:
    """The ISO 639-1 code of the article's language; refuses languages it does not read.

    Raises:
        IngestError: The text is in a language other than English or Russian.
    """
    shares = script_shares(text)
    if shares["other"] > 0.5:
        lang, _ = _identifier().classify(text[:20000])
        raise IngestError(_refusal(lang if lang not in LANGUAGES else "zh"))
    lang, _prob = _identifier().classify(text[:20000])
    if lang not in LANGUAGES:
        raise IngestError(_refusal(lang))
    return str(lang)


def _refusal(lang: str) -> str:
    name = NAMES.get(lang, lang)
    return (f"the article is in {name} ({lang}); ingest reads English and Russian press "
            "releases only: give the English or Russian version of the release")
