"""POST /embeddings: deterministic unit vectors where texts sharing words (or CJK characters) are closer.

Each token owns a fixed pseudo-random direction (seeded by the token); a text's vector is the
normalised sum of its tokens' directions, so cosine similarity grows with shared vocabulary.
"""

from __future__ import annotations

import array
import base64
import functools
import hashlib
import math
import operator
import random
from typing import Any

from openai_api.mock.content.replies import count_tokens, tokens
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles

_DIMENSIONS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536}


@functools.lru_cache(maxsize=1024)
def _direction(token: str, dims: int) -> array.array[float]:
    """Kept as packed doubles: a cache full of tuples of float objects would hold ~50 KB a token, which a
    long-running server fed many distinct words turned into hundreds of MB."""
    rng = random.Random(hashlib.sha256(token.encode()).digest())
    return array.array("d", (rng.gauss(0.0, 1.0) for _ in range(dims)))


def embed(text: str, dims: int) -> list[float]:
    total = [0.0] * dims
    for token in tokens(text.lower()) or [""]:
        total = [a + b for a, b in zip(total, _direction(token, dims), strict=True)]
    norm = math.sqrt(sum(map(operator.mul, total, total))) or 1.0
    return [v / norm for v in total]


@handles("POST", "/embeddings")
def create(call: Call) -> Any:
    raw = call.body.get("input")
    inputs = raw if isinstance(raw, list) else [raw]
    texts = [" ".join(map(str, item)) if isinstance(item, list) else str(item) for item in inputs]
    model = str(call.body.get("model") or "text-embedding-3-small")
    dims = int(call.body.get("dimensions") or _DIMENSIONS.get(model, 1536))
    as_base64 = call.body.get("encoding_format") == "base64"
    data = []
    for index, text in enumerate(texts):
        vector = embed(text, dims)
        value: Any = base64.b64encode(array.array("f", vector).tobytes()).decode() if as_base64 else vector
        data.append({"object": "embedding", "index": index, "embedding": value})
    used = sum(count_tokens(t) for t in texts)
    return {"object": "list", "data": data, "model": model, "usage": {"prompt_tokens": used, "total_tokens": used}}
