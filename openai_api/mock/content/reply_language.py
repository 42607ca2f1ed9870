"""The language a reply takes: the one the instructions require, else the one the user writes in.

Why: a model told "You only speak Spanish." (an openai-agents agent a triage handed off to) answers in Spanish,
and one asked "¿Cuál es la capital de Francia?" answers in Spanish without being told; client libraries' users
check that the agent of a language speaks it. The mock reads both from ``data/language.yaml`` (the languages'
common words, scripts and names, and the wordings instructions use to require one) and answers with the
wording ``data/replies.yaml`` keeps for that language's code. English stays the default.
"""

from __future__ import annotations

import functools
import re

from openai_api.mock.data import language

__all__ = [
    "ENGLISH",
    "codes",
    "language_code",
    "reply_language",
    "required_language",
    "spoken_language",
    "written_language",
]

ENGLISH = "en"
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_CLAUSE_END = "。！？.!?\n，；;"  # a negation reaches no further


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def spoken_language(text: str) -> str | None:
    """The language the user writes in (a key of ``input_languages`` in ``language.yaml``), or None when unsure."""
    table = language()["input_languages"]
    for name, spec in table.items():
        if spec.get("script") and re.search(spec["script"], text):
            return str(name)
    said = [w for w in _words(text) if len(w) > 1 or not w.isascii()]  # a letter alone: a variable ("solve for y")
    counts = sorted(
        ((sum(1 for w in said if w in set(spec.get("words") or [])), str(name)) for name, spec in table.items()),
        reverse=True,
    )
    (best, name), (second, _) = counts[0], counts[1]
    enough = 1 if len(said) <= 3 else 2
    return name if best >= enough and best > second else None


def codes() -> dict[str, str]:
    """Each language's code (``spanish`` -> ``es``), the key of its wording in ``replies.yaml``."""
    return {str(name): str(spec["code"]) for name, spec in language()["input_languages"].items()}


@functools.cache
def _codes_by_name() -> dict[str, str]:
    table = language()["input_languages"]
    return {str(n).lower(): str(spec["code"]) for spec in table.values() for n in spec.get("names") or []}


def language_code(name: str) -> str | None:
    """The code of the language a word names (``French``, ``法语``, ``español`` -> ``fr``, ``zh``, ``es``), or None."""
    return _codes_by_name().get(name.lower())


@functools.cache
def _requirements() -> tuple[list[re.Pattern[str]], dict[str, str], re.Pattern[str]]:
    """The instruction patterns with ``{name}`` standing for every name (the group ``name``), the name -> code
    lookup, and the negation that cancels a match just after it."""
    by_name = _codes_by_name()
    names = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    rules = language()["reply_language"]
    patterns = [re.compile(str(p).replace("{name}", f"(?P<name>{names})"), re.IGNORECASE) for p in rules["patterns"]]
    negation = re.compile(rf"(?:{rules['negation']})[^{_CLAUSE_END}]{{0,15}}$", re.IGNORECASE)
    return patterns, by_name, negation


def required_language(instructions: str) -> str | None:
    """The code of the language the instructions require ("Respond in French." -> ``fr``), or None."""
    patterns, by_name, negation = _requirements()
    found = sorted(
        (match.start(), match.group("name").lower())
        for pattern in patterns
        for match in pattern.finditer(instructions)
        if not negation.search(instructions[: match.start()])  # "Never answer in English."
    )
    return by_name[found[0][1]] if found else None


def reply_language(prompt: str, instructions: str = "") -> str:
    """The code of the language to answer ``prompt`` in: the instructions' requirement, else the language the
    prompt is clearly written in (the instructions' when there is no prompt), else English."""
    required = required_language(instructions)
    if required is not None:
        return required
    spoken = spoken_language(prompt or instructions)
    return codes().get(spoken, ENGLISH) if spoken is not None else ENGLISH


def written_language(text: str) -> str | None:
    """The code of the language a text is written in: the one its words or script show, English for a longer
    text in none of them, None for a short one ("Paris.", "Python Crash Course") that would do in any."""
    spoken = spoken_language(text)
    if spoken is not None:
        return codes().get(spoken, ENGLISH)
    return ENGLISH if len(_words(text)) > 3 else None
