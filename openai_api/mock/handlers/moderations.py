"""POST /moderations: flags obviously harmful text (English or Chinese) with the right categories.

Why rules with per-category scores: a reader comparing the mock with OpenAI should see a threat
flagged as violence *and* harassment/threatening with high scores, a suicidal message as self-harm
and self-harm/intent, and harmless text with tiny scores everywhere. A list of strings gets one
result per string; a list of multi-modal parts (text + images) is one input and gets one result,
as in the real API.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from openai.types import ModerationCreateResponse

from openai_api.mock.data import moderations
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles

_CATEGORIES = (
    "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
    "self-harm", "self-harm/instructions", "self-harm/intent", "sexual", "sexual/minors", "violence",
    "violence/graphic",
)  # fmt: skip
# categories the omni model also scores on images (the rest are text-only)
_IMAGE_CATEGORIES = {
    "self-harm", "self-harm/instructions", "self-harm/intent", "sexual", "violence", "violence/graphic",
}  # fmt: skip


@functools.cache
def _rules() -> tuple[tuple[tuple[str, ...], dict[str, float]], ...]:
    """(phrases, the category scores they imply), from `mock/data/moderations.yaml`."""
    return tuple(
        (tuple(str(p).lower() for p in rule["phrases"]), {str(c): float(v) for c, v in rule["scores"].items()})
        for rule in moderations()["rules"]
    )


def _baseline(text: str, category: str) -> float:
    """A tiny, stable score for a category the text does not touch (the real API is never exactly 0)."""
    digest = hashlib.sha256(f"{category}|{text}".encode()).digest()
    return round((1 + digest[0] / 255 * 9) * 10 ** -(4 + digest[1] % 2), 8)


def classify(text: str, input_types: tuple[str, ...] = ("text",)) -> dict[str, Any]:
    lowered = text.lower()
    hits: dict[str, float] = {}
    for phrases, implied in _rules():
        if any(phrase in lowered for phrase in phrases):
            for category, score in implied.items():
                hits[category] = max(hits.get(category, 0.0), score)
    scores = {c: hits.get(c, _baseline(text, c)) for c in _CATEGORIES}
    applied = {c: [t for t in input_types if t == "text" or c in _IMAGE_CATEGORIES] for c in _CATEGORIES}
    return {
        "flagged": bool(hits),
        "categories": {c: c in hits for c in _CATEGORIES},
        "category_scores": scores,
        "category_applied_input_types": applied,
    }


def _results(raw: Any) -> list[dict[str, Any]]:
    if isinstance(raw, list) and raw and all(isinstance(item, dict) for item in raw):
        text = " ".join(str(item.get("text") or "") for item in raw)
        kinds = tuple(dict.fromkeys("image" if item.get("type") == "image_url" else "text" for item in raw))
        return [classify(text, kinds)]
    items = raw if isinstance(raw, list) else [raw]
    return [classify(str(item or "")) for item in items]


@handles("POST", "/moderations")
def create(call: Call) -> Any:
    model = str(call.body.get("model") or "omni-moderation-latest")
    results = _results(call.body.get("input"))
    return call.synth.build(
        ModerationCreateResponse, {"model": model, "results": results, "id": call.synth.new_id("modr-")}
    )
