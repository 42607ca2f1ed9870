"""The mock's words: answers that read like a capable model's, in the question's language, and one token count.

Why a reply bank: a learner reads the output under an example as the lesson, so "what is the GIL?" must be
answered, not echoed. Every question the site's examples and guides ask has an answer written for it in
``data/replies.yaml``, keyed by the normalised question (``normalise``); an entry may depend on the earlier turns
(a name told before), on the instructions, or give several candidates (``n``), the values a structured output
or a tool call takes from the question, and the answer once a function's result is back. A request of a familiar
kind ("Write a haiku about ...", "Count to five.") is answered by kind (``tasks``). Anything else gets a
deterministic answer from the bank's ``fallback`` — never an echo of the question — in the language the
conversation calls for (``reply_language``: the one the instructions require, else the user's), naming what the
question is about when it is not in English or Chinese (``question_topic``).
Length instructions ("in one sentence", "一句话") are honoured by every answer.
Tokens are words, and each CJK character counts as one, everywhere in the mock.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openai_api.mock.content.question_topic import topic_of
from openai_api.mock.content.reply_language import ENGLISH, reply_language, required_language, written_language
from openai_api.mock.content.tasks import task_reply
from openai_api.mock.data import replies

__all__ = [
    "Entry",
    "completion_text",
    "count_tokens",
    "entry_for",
    "fallback_options",
    "fallback_text",
    "is_chinese",
    "normalise",
    "pieces",
    "reasoning_for",
    "reply_text",
    "sample_variant",
    "snippet",
    "tokens",
    "tool_answer",
    "values_for",
]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}\W]+|\w+")
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+(?=\S)")
_CLAUSE_END = re.compile(r"[，。！？、；：]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


# every ASCII word character (what `\w` matches below 128) to one letter, every other byte to a space
_ASCII_WORD = frozenset(ord(c) for c in map(chr, range(128)) if c.isalnum() or c == "_")
_ASCII_WORDS = bytes(ord("a") if byte in _ASCII_WORD else ord(" ") for byte in range(256))


_CJK_CHAR = re.compile(rf"[{_CJK}]")


def count_tokens(text: str) -> int:
    """`len(tokens(text))`. Why another way: an example that shows the context window's error sends a prompt of
    400,000 words or characters, and making a string of each token is most of the work. A CJK character is a token
    of its own and ends the word before it, so they are counted as they are replaced by spaces; in ASCII text
    what is left is runs of word characters, which `bytes.split` counts several times faster than the pattern
    finds them."""
    rest, cjk = (text, 0) if text.isascii() else _CJK_CHAR.subn(" ", text)
    if rest.isascii():
        return cjk + len(rest.encode("ascii").translate(_ASCII_WORDS).split())
    return cjk + len(tokens(rest))


def is_chinese(text: str) -> bool:
    return bool(re.search(rf"[{_CJK}]", text))


def snippet(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_PIECE = re.compile(rf"[{_CJK}\u3000-\u303f\uff00-\uffef]\s*|[^\s{_CJK}\u3000-\u303f\uff00-\uffef]+\s*|\s+")


def pieces(text: str) -> list[str]:
    """Stream-sized deltas that join back to ``text``: a word with its trailing space, or one CJK character
    (a streamed Chinese answer arrives in many small deltas too, not in one)."""
    return _PIECE.findall(text)


def normalise(text: str) -> str:
    """The bank's key of a question: width-folded (NFKC, so ``？`` is ``?``), case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class Case:
    """An answer that applies when the earlier turns and/or the instructions match (regexes, case-insensitive)."""

    reply: str
    earlier: str = ""
    instructions: str = ""
    image: bool = False  # applies when the question comes with an image whose colour the mock could read

    def fits(self, earlier: str, instructions: str, colours: dict[str, str]) -> dict[str, str] | None:
        if self.image and not colours:
            return None
        groups: dict[str, str] = dict(colours) if self.image else {}
        for pattern, text in ((self.earlier, earlier), (self.instructions, instructions)):
            if not pattern:
                continue
            found = re.search(pattern, text, re.I | re.S)
            if found is None:
                return None
            groups.update({k: v for k, v in found.groupdict().items() if v is not None})
        return groups


@dataclass(frozen=True)
class Entry:
    """One question's answers (see ``data/replies.yaml`` for the fields)."""

    prompt: str
    reply: str
    cases: tuple[Case, ...] = ()
    choices: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)
    tool: str = ""
    reasoning: str = ""


@functools.cache
def _bank() -> dict[str, Entry]:
    bank: dict[str, Entry] = {}
    for raw in replies().get("replies") or []:
        try:
            cases = tuple(Case(**case) for case in raw.get("cases") or [])
        except TypeError as error:
            raise ValueError(f"data/replies.yaml: a case of {raw.get('prompt')!r}: {error}") from error
        entry = Entry(
            prompt=str(raw["prompt"]),
            reply=str(raw.get("reply") or ""),
            cases=cases,
            choices=tuple(str(c) for c in raw.get("choices") or []),
            values=dict(raw.get("values") or {}),
            tool=str(raw.get("tool") or ""),
            reasoning=str(raw.get("reasoning") or ""),
        )
        key = normalise(entry.prompt)
        if key in bank:
            raise ValueError(f"data/replies.yaml: two entries for the question {entry.prompt!r}")
        bank[key] = entry
    return bank


def entry_for(prompt: str) -> Entry | None:
    """The bank's entry for this question, if the bank has one."""
    return _bank().get(normalise(prompt))


def _matches(pattern: str, text: str) -> list[str]:
    return [m.group(1) if m.groups() else m.group(0) for m in re.finditer(pattern, text)]


def values_for(prompt: str) -> dict[str, Any]:
    """What a structured output or a tool call takes from the question, by property name: the bank's ``values``
    for a known question, else what the bank's ``extract`` rules find in it (dates, people, places)."""
    entry = entry_for(prompt)
    if entry is not None and entry.values:
        return entry.values
    data = replies()
    skipped = set(data.get("extract_not") or [])
    found: dict[str, Any] = {}
    rules = sorted(data.get("extract") or [], key=lambda rule: not rule.get("claims"))  # claiming rules first
    for rule in rules:
        hits = [h for p in rule["patterns"] for h in _matches(str(p), prompt)]
        if rule.get("names"):
            hits = [h for h in hits if h not in skipped]
        if rule.get("claims"):
            skipped.update(word for hit in hits for word in hit.split())
            skipped.update(hits)
        if not hits:
            continue
        value: Any = list(dict.fromkeys(hits)) if rule.get("many") else hits[0]
        found.update({str(name): value for name in rule["properties"]})
    return found


def fallback_options(kind: str, language: str) -> list[str]:
    """The bank's fallbacks of ``kind`` in ``language``, or in English when it has none in that language."""
    table = (replies().get("fallback") or {}).get(kind, {})
    return [str(o) for o in table.get(language) or table.get(ENGLISH) or [""]]


def _about(prompt: str, language: str, text: str) -> str:
    """``text`` opened by the names the question is about, in the languages that have a ``topic_leads`` entry."""
    rule = (replies().get("topic_leads") or {}).get(language)
    names = topic_of(prompt) if rule else []
    if not rule or not names:
        return text
    joined = ", ".join(names[:-1]) + str(rule["and"]) + names[-1] if len(names) > 1 else names[0]
    return str(rule["lead"]).format(topic=joined) + (text[:1].lower() + text[1:] if rule.get("lower") else text)


def _fallback(prompt: str, instructions: str, kind: str = "reply", choice: int = 0) -> str:
    """A deterministic answer for a question the bank does not know: in the conversation's language, chosen by its
    hash (the ``choice``-th sample takes the next one)."""
    options = fallback_options(kind, reply_language(prompt, instructions))
    digest = int(hashlib.sha256(normalise(prompt).encode()).hexdigest(), 16)
    return options[(digest + choice) % len(options)]


def fallback_text(kind: str, language: str = "") -> str:
    """The bank's fallback of ``kind`` (``transcription``...) in ``language`` (``zh``; English otherwise)."""
    options = (replies().get("fallback") or {}).get(kind, {})
    chosen = options.get("zh" if language.startswith("zh") else "en") or [""]
    return str(chosen[0])


def _length_rule(rules: str) -> dict[str, Any] | None:
    return next((r for r in replies().get("length_rules") or [] if re.search(str(r["match"]), rules, re.I)), None)


def sample_variant(text: str, round_: int, prompt: str, instructions: str = "") -> str:
    """An answer as a later sample phrases it once its candidates are used up (round ``round_``, from 1): led by
    another phrasing (``sample_leads``), so the n samples differ as a model's do and each still answers."""
    rule = _length_rule(f"{instructions}\n{prompt}")
    if round_ <= 0 or not text or (rule is not None and rule.get("words") == 1):
        return text
    table = replies().get("sample_leads") or {}
    leads: list[str] = table.get(reply_language(prompt, instructions)) or table.get(ENGLISH) or []
    return str(leads[(round_ - 1) % len(leads)]) + text if leads else text


def _limit_length(text: str, rules: str) -> str:
    """Keep the number of sentences (or the single word) the instructions or the question ask for."""
    rule = _length_rule(rules)
    if rule is None:
        return text
    if rule.get("words") == 1:
        words = text.split()
        if not words:
            return text
        # Chinese runs its words together: the first clause is the shortest answer that still says something.
        first = _CLAUSE_END.split(words[0])[0] if is_chinese(words[0]) else words[0]
        return first.strip(".,!?。，！？") or words[0]
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    kept = [s.strip() for s in sentences[: int(rule["sentences"])]]
    return "".join(s if s.endswith(("。", "！", "？")) else s + " " for s in kept).strip() if kept else text


def _colour_words(colours: Sequence[dict[str, str]], language: str) -> dict[str, str]:
    """``{colour}``, ``{Colour}`` and ``{colours}`` for a case's reply, in the question's language."""
    if not colours:
        return {}
    names = list(dict.fromkeys(c.get(language) or c[ENGLISH] for c in colours))
    joined = ("和" if language == "zh" else " and ").join(names)
    return {"colour": names[0], "Colour": names[0][:1].upper() + names[0][1:], "colours": joined}


def reply_text(
    prompt: str,
    instructions: str = "",
    earlier: Sequence[str] = (),
    choice: int = 0,
    colours: Sequence[dict[str, str]] = (),
) -> str:
    """The answer to ``prompt``, given the instructions and the earlier user turns (oldest first).

    ``choice`` picks among an entry's candidates (the n-th of ``n`` samples); ``colours`` are the names of the
    colours of the images sent with the question (``{"en": "red", "zh": "红色"}``), for a case with ``image``."""
    entry = _entry_in(prompt, instructions)
    language = reply_language(prompt, instructions)
    candidates = 1  # how many different answers the samples take before they rephrase one
    task = task_reply(prompt, language, choice) if entry is None else None
    if task is not None:
        text, candidates = task
    elif entry is None:
        text = _about(prompt, language, _fallback(prompt, instructions, choice=choice))
        candidates = len(fallback_options("reply", language))
    else:
        text = (
            entry.choices[choice % len(entry.choices)] if entry.choices and (choice or not entry.reply) else entry.reply
        )
        candidates = len(entry.choices) or 1
        history = "\n".join(earlier)
        seen = _colour_words(colours, language)
        for case in entry.cases:
            groups = case.fits(history, instructions, seen)
            if groups is not None:
                text = case.reply.format(**groups)
                candidates = 1
                break
    text = _limit_length(text, f"{instructions}\n{prompt}")
    return sample_variant(text, choice // max(candidates, 1), prompt, instructions)


def _entry_in(prompt: str, instructions: str) -> Entry | None:
    """The bank's entry for ``prompt``, unless it is written in another language than the one the instructions
    require ("You only speak Spanish." and an English answer): the fallback then answers in that language. An
    answer in no clear language ("Paris.", a title) suits any."""
    entry = entry_for(prompt)
    required = required_language(instructions)
    if entry is None or required is None:
        return entry
    written = written_language(entry.reply or (entry.choices[0] if entry.choices else ""))
    return entry if written in (None, required) else None


def reasoning_for(prompt: str, chinese: bool) -> str:
    """The reasoning behind the answer to ``prompt`` (a bold heading, a blank line, the approach)."""
    entry = entry_for(prompt)
    if entry is not None and entry.reasoning:
        return entry.reasoning
    return _fallback(prompt, "中" if chinese else "", "reasoning")


def completion_text(prompt: str, choice: int = 0) -> str:
    """A legacy completion's continuation of ``prompt`` (the bank's answer, its n-th candidate for ``n``)."""
    entry = entry_for(prompt)
    task = task_reply(prompt, reply_language(prompt, ""), choice) if entry is None else None
    if task is not None:
        return "\n\n" + task[0]  # an instruct model starts its answer on a line of its own
    if entry is None:
        return _fallback(prompt, "", "completion")
    if entry.choices:
        return entry.choices[choice % len(entry.choices)]
    return entry.reply


def _results(output: str) -> dict[str, Any]:
    """The function results (JSON objects, joined by ``"; "`` when several ran) merged into one mapping."""
    merged: dict[str, Any] = {}
    for part in output.split("; "):
        try:
            value = json.loads(part)
        except ValueError:
            continue
        if isinstance(value, dict):
            merged.update(value)
    return merged


def tool_answer(output: str, prompt: str = "", instructions: str = "") -> str:
    """The final answer after the function results came back: it states them as an answer to the question, in
    the conversation's language (the results' when there is no question)."""
    results = _results(output)
    entry = _entry_in(prompt, instructions)
    if entry is not None and entry.tool:
        try:
            return entry.tool.format(**results)
        except (KeyError, IndexError, ValueError):
            pass
    language = reply_language(prompt or output, instructions)
    separator = str((replies().get("list_separators") or {}).get(language, ", "))
    facts = separator.join(f"{key.replace('_', ' ')} {value}" for key, value in results.items()) or snippet(output, 160)
    template = _fallback(prompt or output, instructions, "tool")
    return template.format(facts=facts)
