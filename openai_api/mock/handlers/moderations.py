"""POST /moderations: flags text containing obviously harmful words (English or Chinese), passes the rest."""

from __future__ import annotations

from typing import Any

from openai.types import ModerationCreateResponse

from ..call import Call
from . import handles

# category (wire name) -> words that flag it; deliberately blunt, this is a teaching mock
_LEXICON: dict[str, tuple[str, ...]] = {
    "violence": ("kill", "murder", "stab", "shoot", "attack", "杀", "砍死"),
    "self-harm": ("suicide", "kill myself", "self-harm", "自杀", "自残"),
    "hate": ("subhuman", "inferior race", "种族低等"),
    "harassment": ("idiot", "stupid", "loser", "白痴", "蠢货"),
    "illicit": ("make a bomb", "build a bomb", "buy drugs", "制造炸弹"),
    "sexual": ("explicit sex", "porn", "色情"),
}
_CATEGORIES = (
    "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
    "self-harm", "self-harm/instructions", "self-harm/intent", "sexual", "sexual/minors", "violence",
    "violence/graphic",
)  # fmt: skip


def classify(text: str) -> dict[str, Any]:
    lowered = text.lower()
    hits = {cat for cat, words in _LEXICON.items() if any(w in lowered for w in words)}
    categories = {c: c in hits for c in _CATEGORIES}
    scores = {c: (0.97 if c in hits else 0.0004) for c in _CATEGORIES}
    applied = {c: ["text"] for c in _CATEGORIES}
    return {
        "flagged": bool(hits),
        "categories": categories,
        "category_scores": scores,
        "category_applied_input_types": applied,
    }


@handles("POST", "/moderations")
def create(call: Call) -> Any:
    raw = call.body.get("input")
    items = raw if isinstance(raw, list) else [raw]
    texts = [item.get("text", "") if isinstance(item, dict) else str(item or "") for item in items]
    results = [classify(t) for t in texts]
    model = str(call.body.get("model") or "omni-moderation-latest")
    return call.synth.build(ModerationCreateResponse, {"model": model, "results": results, "id": call.synth.new_id("modr-")})
