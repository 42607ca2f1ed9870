"""What a question is about, by name: the places and proper names in it ("¿Cuál es la capital de Francia?" is
about Francia).

Why: the bank has no answer for most questions in Spanish, French or German, and the fallback answer then says
nothing of the question; a model's answer at least names what was asked about. The names come from the
gazetteer (``places`` in ``data/language.yaml``) wherever they stand, and from capitalised words inside a
sentence, less the words that are capitalised for another reason (``not_names``, the languages' own names and
common words, and a German noun after its article: ``das Wetter``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from openai_api.mock.data import language

__all__ = ["topic_of"]

_NAME = re.compile(r"(?<![^\W\d_])[^\W\d_](?:[^\W\d_]|-[^\W\d_])*")  # "l'Allemagne" holds "Allemagne"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_OPENING = "¿¡\"'«“‘([ \t"
_SENTENCE_END = (".", "!", "?", "。", "！", "？", ":", "\n")


def _fold(text: str) -> str:
    """Lower case without accents, one character for each of ``text``'s (so spans match): Bogotá -> bogota."""
    return "".join((unicodedata.normalize("NFKD", ch)[:1] or ch).lower()[:1] or ch for ch in text)


@functools.cache
def _known() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """The places (folded, longest first); folded words capitalised without being names; German articles."""
    data = language()
    places = sorted({_fold(str(p)) for p in data["places"]}, key=len, reverse=True)
    # a Latin name stands as a whole word; a CJK one inside a run of characters (东京的天气)
    pattern = re.compile("|".join(re.escape(p) if _CJK.match(p) else rf"(?<!\w){re.escape(p)}(?!\w)" for p in places))
    common = {str(w) for spec in data["input_languages"].values() for w in spec.get("words") or []}
    names = {str(n) for spec in data["input_languages"].values() for n in spec.get("names") or []}
    ignored = frozenset(_fold(w) for w in {*map(str, data["not_names"]), *common, *names})
    articles = frozenset(_fold(str(a)) for a in data["noun_articles"])
    return pattern, ignored, articles


def _starts_sentence(before: str) -> bool:
    before = before.rstrip(_OPENING)
    return not before or before.endswith(_SENTENCE_END)


def topic_of(text: str, limit: int = 3) -> list[str]:
    """The names ``text`` asks about, in order, each once (at most ``limit``); none for a question without.
    Neighbouring capitalised words make one name ("Nueva York")."""
    places, ignored, articles = _known()
    found = [(m.start(), m.end()) for m in places.finditer(_fold(text))]
    previous = ""
    for match in _NAME.finditer(text):
        word, folded = match.group(0), _fold(match.group(0))
        after_article, previous = previous in articles, folded
        if any(start <= match.start() < end for start, end in found):
            continue
        capitalised = word[0].isupper() and folded not in ignored and not after_article
        if capitalised and not _starts_sentence(text[: match.start()]):
            found.append((match.start(), match.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return list(dict.fromkeys(text[start:end] for start, end in merged))[:limit]
