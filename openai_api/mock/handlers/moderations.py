"""POST /moderations: flags obviously harmful text (English or Chinese) with the right categories.

Why rules with per-category scores: a reader comparing the mock with OpenAI should see a threat
flagged as violence *and* harassment/threatening with high scores, a suicidal message as self-harm
and self-harm/intent, and harmless text with tiny scores everywhere. A list of strings gets one
result per string; a list of multi-modal parts (text + images) is one input and gets one result,
as in the real API.
"""

from __future__ import annotations

import hashlib
from typing import Any

from openai.types import ModerationCreateResponse

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
_THREAT = {"violence": 0.93, "harassment": 0.87, "harassment/threatening": 0.91}
# (phrases, category scores they imply); deliberately blunt, this is a teaching mock
_RULES: tuple[tuple[tuple[str, ...], dict[str, float]], ...] = (
    (("kill you", "break your legs", "hurt you", "beat you up", "i will find you", "打断你的腿", "打死你",
      "弄死你", "杀了你", "揍你", "砍死你", "让你好看"), _THREAT),
    (("murder", "stab", "shoot", "kill him", "kill her", "kill them", "kill people", "attack them", "杀人",
      "杀了他", "杀了她", "砍人", "捅人"), {"violence": 0.88}),
    (("blood everywhere", "gore", "dismember", "血肉模糊", "肢解"), {"violence": 0.9, "violence/graphic": 0.86}),
    (("kill myself", "end my life", "suicide", "want to die", "hurt myself", "自杀", "想死", "不想活",
      "结束自己的生命", "伤害自己"), {"self-harm": 0.94, "self-harm/intent": 0.9}),
    (("how to kill myself", "ways to cut myself", "怎么自杀", "自杀的方法"), {"self-harm/instructions": 0.88}),
    (("self-harm", "cut myself", "自残"), {"self-harm": 0.9}),
    (("idiot", "stupid", "loser", "worthless", "shut up", "白痴", "蠢货", "废物", "滚开", "傻逼"),
     {"harassment": 0.89}),
    (("subhuman", "inferior race", "go back to your country", "种族低等", "劣等民族"),
     {"hate": 0.9, "harassment": 0.8}),
    (("make a bomb", "build a bomb", "buy drugs", "制造炸弹", "买毒品"), {"illicit": 0.9, "illicit/violent": 0.8}),
    (("explicit sex", "porn", "色情", "裸照"), {"sexual": 0.92}),
)  # fmt: skip


def _baseline(text: str, category: str) -> float:
    """A tiny, stable score for a category the text does not touch (the real API is never exactly 0)."""
    digest = hashlib.sha256(f"{category}|{text}".encode()).digest()
    return round((1 + digest[0] / 255 * 9) * 10 ** -(4 + digest[1] % 2), 8)


def classify(text: str, input_types: tuple[str, ...] = ("text",)) -> dict[str, Any]:
    lowered = text.lower()
    hits: dict[str, float] = {}
    for phrases, implied in _RULES:
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
