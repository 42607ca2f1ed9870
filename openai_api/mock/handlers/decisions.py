"""POST /decisions: one answer per question, in order, of the question's own kind.

Why keyword overlap: a reader must see answers that follow from the input (a refund request scores
high on "wants a refund?", a calm message low on "is this a complaint?"), deterministically, and
without a model. Each question is compared with the input through shared words (CJK character
pairs for Chinese) plus a few cue families (``data/decisions.yaml``): each sign of a family is spelled in
English and Chinese and counts once in either, so the same text judged in both languages gets the same
answer. Predicates get a probability, choices the best-matching option with a distribution over all of
them, scores the probability-weighted level index (levels are indexed from 0 in the order given).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from openai.types import Decision

from openai_api.mock.behaviour.request_reading import text_of
from openai_api.mock.content.cues import cue_pattern, normalised
from openai_api.mock.content.replies import count_tokens
from openai_api.mock.data import decisions as decisions_data
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_WORD = re.compile(r"[a-z0-9]{3,}")


@dataclass(frozen=True)
class _Family:
    """A cue family of ``decisions.yaml``: what puts a question in it, and the signs in an input that support it
    (each sign: the patterns of its spellings in every language)."""

    asks: tuple[re.Pattern[str], ...]
    signs: tuple[tuple[re.Pattern[str], ...], ...]


@functools.cache
def _stop_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in decisions_data().get("stop_words") or [])


@functools.cache
def _families() -> tuple[_Family, ...]:
    return tuple(
        _Family(
            asks=tuple(cue_pattern(str(cue)) for cue in family.get("asks") or []),
            signs=tuple(tuple(cue_pattern(str(cue)) for cue in sign) for sign in family.get("signs") or []),
        )
        for family in (decisions_data().get("cues") or {}).values()
    )


def features(text: str) -> set[str]:
    """Comparable units of a text: lower-cased words, and adjacent CJK character pairs."""
    lowered = text.lower()
    out = set(_WORD.findall(lowered))
    for run in _CJK.findall(lowered):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            out.add(run)
    return out - _stop_words()


def support(claim: str, evidence: str) -> float:
    """How strongly ``evidence`` supports ``claim``, in [0, 1]: cue families first (each sign the evidence shows,
    in whichever language, adds the same), then shared words."""
    claim_n, evidence_n = normalised(claim), normalised(evidence)
    for family in _families():
        if any(ask.search(claim_n) for ask in family.asks):
            hits = sum(any(spelling.search(evidence_n) for spelling in sign) for sign in family.signs)
            return min(1.0, 0.45 * hits)
    wanted = features(claim)
    if not wanted:
        return 0.0
    return min(1.0, 2.5 * len(wanted & features(evidence)) / len(wanted))


def _probability(strength: float) -> float:
    """A calibrated-looking probability: low (~0.06) without support, high (~0.95) with strong support."""
    return round(0.06 + 0.89 * strength, 4)


def input_text(raw: Any) -> str:
    """All the text a decision reads: a string, or the messages', calls' and outputs' text in order."""
    if isinstance(raw, str):
        return raw
    parts: list[str] = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        for key in ("content", "output", "arguments", "input"):
            if key in item:
                parts.append(text_of(item[key]))
    return "\n".join(p for p in parts if p)


def _predicate(question: dict[str, Any], evidence: str, instructions: str) -> dict[str, Any]:
    return {
        "type": "predicate",
        "name": question.get("name"),
        "probability": _probability(support(instructions, evidence)),
    }


def _distribution(weights: list[float]) -> list[float]:
    total = sum(weights)
    return [round(w / total, 4) for w in weights]


def _choice(question: dict[str, Any], evidence: str, instructions: str) -> dict[str, Any]:
    choices = [c for c in question.get("choices") or [] if isinstance(c, dict)]
    strengths = [support(f"{c.get('value')} {c.get('description') or ''}", evidence) for c in choices]
    # earlier options win ties slightly, so an input that matches nothing still gets a stable pick
    weights = [math.exp(4 * s) * (1 + 0.05 * (len(choices) - i)) for i, s in enumerate(strengths)]
    probs = _distribution(weights) if choices else []
    best = max(range(len(probs)), key=probs.__getitem__) if probs else 0
    return {
        "type": "choice",
        "name": question.get("name"),
        "choice": choices[best].get("value") if choices else "",
        "confidence": probs[best] if probs else 0.0,
        "probabilities": [{"value": c.get("value"), "probability": p} for c, p in zip(choices, probs, strict=True)],
    }


def _score(question: dict[str, Any], evidence: str, instructions: str) -> dict[str, Any]:
    levels = [lv for lv in question.get("levels") or [] if isinstance(lv, dict)]
    top = max(len(levels) - 1, 0)
    level_support = [support(f"{lv.get('label')} {lv.get('description') or ''}", evidence) for lv in levels]
    if any(level_support):
        centre = max(range(len(levels)), key=level_support.__getitem__)
    else:
        centre = support(instructions, evidence) * top
    probs = _distribution([math.exp(-((i - centre) ** 2)) for i in range(len(levels))]) if levels else []
    return {
        "type": "score",
        "name": question.get("name"),
        "score": round(sum(i * p for i, p in enumerate(probs)), 4),
        "confidence": max(probs, default=0.0),
        "probabilities": [
            {"label": str(lv.get("label")), "value": i, "probability": p}
            for i, (lv, p) in enumerate(zip(levels, probs, strict=True))
        ],
    }


_ANSWERS = {"predicate": _predicate, "choice": _choice, "score": _score}


@handles("POST", "/decisions")
def create(call: Call) -> Any:
    evidence = input_text(call.body.get("input"))
    questions = [q for q in call.body.get("questions") or [] if isinstance(q, dict)]
    answers = []
    for question in questions:
        answer = _ANSWERS.get(str(question.get("type")))
        instructions = text_of(question.get("instructions"))
        answers.append(
            answer(question, evidence, instructions) if answer else {"type": "refusal", "name": question.get("name")}
        )
    asked = " ".join(text_of(q.get("instructions")) + str(q.get("choices") or q.get("levels") or "") for q in questions)
    input_tokens = count_tokens(evidence) + count_tokens(asked) + 8 * len(questions)
    usage = {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cache_write_tokens": 0, "cached_tokens": 0},
        "output_tokens": 0,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": input_tokens,
    }
    return call.coerce(Decision, {"answers": answers, "model": call.synth.model_name, "usage": usage})
