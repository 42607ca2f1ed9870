"""Answers by kind for familiar requests the reply bank does not know: "Say this is a test", "Write a haiku about
recursion in programming.", "Count to five.", "What is 2+2?", "Translate 'thank you' into French.".

Why: these are the prompts of the SDK's, the cookbooks' and the agent libraries' first examples, so they are what
a developer sends first when pointing a client at the mock. The bank's general fallback ("The short answer is
that it depends...") would answer a request for a haiku with advice; a model writes the haiku. The kinds, their
patterns, wordings and tables are in ``data/tasks.yaml``; what this module works out itself (a count, a sum, a
phrase looked up, a list cut to length) is the ``compute`` a task names.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from openai_api.mock.behaviour.entities import option_cued
from openai_api.mock.content.arithmetic import value_of
from openai_api.mock.content.reply_language import language_code
from openai_api.mock.content.schema_values import MISSING
from openai_api.mock.content.sentences import sentences
from openai_api.mock.data import language, tasks

__all__ = ["task_reply"]

_CLOSING = " .!?。！？"
_ZH_DIGITS = {
    ch: value
    for value, chars in enumerate(("零〇", "一", "二两", "三", "四", "五", "六", "七", "八", "九"))
    for ch in chars
}
_LIST_SEPARATOR = {"zh": "、"}
_ARTICLE = re.compile(r"^(?:an?|the|el|la|los|las|le|les|die|der|den)\s+", re.IGNORECASE)
_GROUP_EDGES = re.compile(r"^\s+|[.!?。！？]+$")
_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
_GREETING_START = re.compile(r"^(?:hi|hello|hey|bonjour|salut|hola|hallo|ciao|olá|ola|你好|您好)\s*[,!，！]\s*", re.I)
_POLITE_END = re.compile(r",?\s+please$", re.IGNORECASE)


_SHORT = 500  # characters: a request of these kinds is a sentence or two; a long text goes to a `long` task only
_SENTENCES_TRIED = 20  # of a longer question, sentence by sentence


@dataclass(frozen=True)
class Task:
    name: str
    patterns: tuple[re.Pattern[str], ...]
    replies: dict[str, tuple[str, ...]]
    compute: str = ""
    long: bool = False  # takes a text of any length (a summary, a sentiment); its patterns must read it in one pass


@functools.cache
def _tasks() -> tuple[Task, ...]:
    found = []
    for number, raw in enumerate(tasks().get("tasks") or [], start=1):
        name = str(raw.get("name") or f"task {number}")
        where = f"mock/data/tasks.yaml: task {name!r}"
        compute = str(raw.get("compute") or "")
        if compute and compute not in _COMPUTE:
            raise ValueError(f"{where}: compute {compute!r} is none of {', '.join(sorted(_COMPUTE))}")
        patterns = []
        for pattern in raw.get("patterns") or []:
            try:
                patterns.append(re.compile(str(pattern), re.IGNORECASE))
            except re.error as error:
                raise ValueError(f"{where}: pattern {pattern!r} is not a regular expression: {error}") from error
        replies = {str(lang): tuple(str(r) for r in texts) for lang, texts in (raw.get("replies") or {}).items()}
        if not patterns or not replies:
            raise ValueError(f"{where}: needs `patterns` and `replies`")
        found.append(Task(name, tuple(patterns), replies, compute, bool(raw.get("long"))))
    return tuple(found)


def task_reply(prompt: str, reply_in: str, choice: int = 0) -> tuple[str, int] | None:
    """The answer to ``prompt`` in the language ``reply_in`` if it is a request of a kind in ``data/tasks.yaml``,
    with the number of wordings the samples can take (``choice`` picks the n-th); else None."""
    question = " ".join(unicodedata.normalize("NFKC", prompt).split()).strip(_CLOSING)
    question = _POLITE_END.sub("", question).strip(_CLOSING)  # "Count to three, please."
    question = _GREETING_START.sub("", question)  # "Bonjour, quelle est la capitale de l'Allemagne ?"
    parts = [part.strip(_CLOSING) for part in sentences(question, _SENTENCES_TRIED)]
    for sentence in [question] + [part for part in parts if part != question and len(part) <= _SHORT]:
        found = _answer(sentence, question, reply_in, choice)
        if found is not None:
            return found
    return None


def _answer(sentence: str, question: str, reply_in: str, choice: int) -> tuple[str, int] | None:
    for task in _tasks():
        wordings = task.replies.get(reply_in) or task.replies.get("any")
        if not wordings or (len(sentence) > _SHORT and not task.long):
            continue  # no wording in this language; or a long text, which only a `long` task reads
        for pattern in task.patterns:
            found = pattern.fullmatch(sentence)
            if found is None:
                continue
            # a group keeps the space it ends with ("du " before "Japon"), not one it starts with or closing marks
            values = {k: _GROUP_EDGES.sub("", v) for k, v in found.groupdict().items() if v is not None}
            if task.compute:
                computed = _COMPUTE[task.compute](values, reply_in)
                if computed is None:
                    continue
                values.update(computed)
            values.update({k[:1].upper() + k[1:]: v[:1].upper() + v[1:] for k, v in list(values.items())})
            digest = int(hashlib.sha256(question.casefold().encode()).hexdigest(), 16)
            text = wordings[(digest + choice) % len(wordings)].format(**values)
            return _DOUBLED_STOP.sub(".", text), len(wordings)  # "Washington, D.C." ending a sentence
    return None


@functools.cache
def _number_words() -> dict[str, int]:
    return {str(k): int(v) for k, v in {**language()["number_words"], **(tasks().get("number_words") or {})}.items()}


def _number(word: str) -> int | None:
    """A count written as digits, a number word (``five``, ``cinco``, ``五``) or a Chinese numeral (up to 99)."""
    word = word.strip().casefold()
    if word.isdigit():
        return int(word)
    if word in _number_words():
        return _number_words()[word]
    if word and all(ch in _ZH_DIGITS or ch == "十" for ch in word) and word.count("十") <= 1:
        tens, _, units = word.partition("十")
        if "十" not in word:
            return _ZH_DIGITS[word] if len(word) == 1 else None
        if len(tens) > 1 or len(units) > 1:
            return None
        return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[units] if units else 0)
    return None


def _joined(items: list[str], reply_in: str) -> str:
    if reply_in in _LIST_SEPARATOR:
        return _LIST_SEPARATOR[reply_in].join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _count(values: dict[str, str], reply_in: str) -> dict[str, str] | None:
    end = _number(values.get("n", ""))
    start = _number(values["start"]) if "start" in values else 1
    if end is None or start is None or not 0 <= end - start < int(tasks().get("count_limit") or 100):
        return None
    numbers = [str(n) for n in range(start, end + 1)]
    return {"result": (_LIST_SEPARATOR.get(reply_in) or ", ").join(numbers)}


def _sum(values: dict[str, str], reply_in: str) -> dict[str, str] | None:
    text = values.get("expr", "").replace(",", "").replace("×", "*").replace("÷", "/").replace("^", "**")
    text = re.sub(r"(?<=[\d)\s])x(?=[\s\d(])", "*", text)
    try:
        result = value_of(text)
    except ValueError:
        return None  # a number alone ("What is 2024?"), or no arithmetic at all
    shown = f"{result:g}" if isinstance(result, float) and not result.is_integer() else str(int(result))
    spaced = re.sub(r"\s*(\*\*|[-+*/%])\s*", r" \1 ", text).replace("**", "^").strip()
    spaced = re.sub(r"(^|[(])\s*- ", r"\1-", spaced)  # a leading minus stays with its number
    return {"expr": " ".join(spaced.replace("*", "×").split()), "result": shown}


def _solve(values: dict[str, str], reply_in: str) -> dict[str, str] | None:
    """A linear equation in one letter ("8x + 7 = -23"): the letter's value, as a fraction too when it is not whole."""
    equation = values.get("equation", "").replace("×", "*").replace("÷", "/").replace("−", "-").casefold()
    letters = set(re.findall(r"[a-z]", equation))
    if len(letters) != 1 or equation.count("=") != 1:
        return None
    letter = letters.pop()
    left, right = equation.split("=")
    implicit = re.compile(rf"(?<=[\d)])\s*(?=[{letter}(])|(?<=[{letter})])\s*(?=[\d(])")  # 8x, 2(x+1), x(3)

    def side(text: str, at: int) -> float:
        return value_of(f"({implicit.sub('*', text).replace(letter, f'({at})')}) + 0")

    try:
        at = [side(left, x) - side(right, x) for x in (0, 1, 2)]
    except ValueError:
        return None
    slope = at[1] - at[0]
    if slope == 0 or abs(at[2] - (at[0] + 2 * slope)) > 1e-9:
        return None  # no single solution, or not linear
    solution = Fraction(-at[0] / slope).limit_denominator(1000)
    shown = f"{solution}" if solution.denominator == 1 else f"{solution} = {float(solution):g}"
    return {"variable": letter, "result": f"{letter} = {shown}"}


def _translate(values: dict[str, str], reply_in: str) -> dict[str, str] | None:
    target = language_code(values.get("language", ""))
    names = (tasks().get("language_names") or {}).get(target or "", {})
    text = values.get("text", "").strip(_CLOSING + "\"'“”‘’「」").casefold()
    if target is None or reply_in not in names:
        return None
    for phrase in tasks().get("phrases") or []:
        if text in {str(wording).strip(_CLOSING).casefold() for wording in phrase.values()} and target in phrase:
            return {"result": str(phrase[target]), "language": str(names[reply_in])}
    return None


def _named(table: str, name: str) -> dict[str, Any]:
    """The entry of ``table`` in ``tasks.yaml`` whose ``names`` hold ``name``, either compared as written or without
    its article ("the Netherlands" and "Netherlands", "los Estados Unidos", "the cloud" and "cloud"); empty when
    none does."""
    wanted = _bare(name)
    for entry in tasks().get(table) or []:
        if any(wanted & _bare(str(n)) for n in entry["names"]):
            return entry
    return {}


def _bare(name: str) -> set[str]:
    return {name.strip().casefold(), _ARTICLE.sub("", name.strip()).casefold()}


def _list(values: dict[str, str], reply_in: str) -> dict[str, str] | None:
    wanted = _number(values.get("n", ""))
    items = [str(i) for i in _named("lists", values.get("kind", "")).get(reply_in) or []]
    if wanted is None or not 0 < wanted <= len(items):
        return None
    text = _joined(items[:wanted], reply_in)
    return {"result": text[:1].upper() + text[1:]}


def _capital(values: dict[str, str], reply_in: str) -> dict[str, str] | None:
    country = _named("capitals", values.get("place", ""))
    return {"result": str(country[reply_in])} if reply_in in country else None


def _define(values: dict[str, str], reply_in: str) -> dict[str, str] | None:
    entry = _named("definitions", values.get("term", ""))
    return {"result": str(entry[reply_in])} if reply_in in entry else None


def _gist(values: dict[str, str], reply_in: str) -> dict[str, str] | None:
    """A summary of a text of several sentences: its first one, which in most texts says what the rest is about."""
    found = sentences(values.get("text", ""))
    return {"result": found[0]} if len(found) > 1 else None


def _sentiment(values: dict[str, str], reply_in: str) -> dict[str, str] | None:
    found = option_cued(["positive", "negative"], values.get("text", ""))
    names = (tasks().get("sentiments") or {}).get("neutral" if found is MISSING else found, {})
    return {"result": str(names[reply_in])} if reply_in in names else None


_COMPUTE: dict[str, Callable[[dict[str, str], str], dict[str, str] | None]] = {
    "define": _define,
    "gist": _gist,
    "sentiment": _sentiment,
    "solve": _solve,
    "count": _count,
    "sum": _sum,
    "translate": _translate,
    "list": _list,
    "capital": _capital,
}
