"""Token accounting shared by Responses and Chat: reasoning tokens, output limits, prompt caching.

Why here: both endpoints must tell the same story. A reasoning model (``gpt-5*``, ``o1``/``o3``/``o4``)
asked for an effort spends hidden reasoning tokens that grow with the effort and count against the
output limit (``max_output_tokens`` / ``max_completion_tokens``); a limit that cuts the answer short
truncates it at that many tokens. Prompt caching reports, as the real API does, the longest prefix of
this prompt already seen under the same API key, in 128-token steps from 1024 tokens on; the mock
remembers prefixes in the key's own store (a private collection no route reaches).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from openai_api.mock.content.replies import count_tokens, reasoning_for, tokens
from openai_api.mock.data import context_windows
from openai_api.mock.errors import MockError
from openai_api.mock.handler_call import Call

__all__ = [
    "cached_tokens",
    "check_context_window",
    "is_reasoning_model",
    "reasoning_summary",
    "reasoning_tokens",
    "thinking_text",
    "truncate_tokens",
]

_CACHE = "_prompt_cache"  # private store collection: prefix digests seen under this key
_CACHE_MIN = 1024
_CACHE_STEP = 128
_REASONING_MODEL = re.compile(r"^(gpt-5|o[134])")
# hidden tokens per effort: a fixed cost plus a share per prompt token, so longer questions think longer
_EFFORT = {"none": (0, 0), "minimal": (0, 0), "low": (96, 1), "medium": (320, 3), "high": (960, 8), "xhigh": (1920, 16)}


def context_window(model: str) -> int:
    """The model's context window (`context_windows.yaml`): the longest matching prefix, else the default."""
    table = context_windows()
    matches = [prefix for prefix in table.get("prefixes", {}) if model.startswith(prefix)]
    return int(table["prefixes"][max(matches, key=len)] if matches else table["default"])


def check_context_window(model: str, input_tokens: int, api: str) -> None:
    """Refuse an input longer than the model's window with the real API's 400 `context_length_exceeded`:
    Chat Completions names both numbers and the `messages` parameter, Responses speaks of the `input`."""
    window = context_window(model)
    if input_tokens <= window:
        return
    if api == "chat":
        message = (
            f"This model's maximum context length is {window} tokens. However, your messages resulted in "
            f"{input_tokens} tokens. Please reduce the length of the messages."
        )
        raise MockError(400, message, param="messages", code="context_length_exceeded")
    message = "Your input exceeds the context window of this model. Please adjust your input and try again."
    raise MockError(400, message, param="input", code="context_length_exceeded")


def is_reasoning_model(model: str) -> bool:
    return bool(_REASONING_MODEL.match(model))


def reasoning_tokens(model: str, effort: Any, prompt_tokens: int) -> int:
    """Hidden reasoning tokens for an explicitly requested effort (0 when none was asked for)."""
    if not is_reasoning_model(model) or not isinstance(effort, str) or effort not in _EFFORT:
        return 0
    base, per_token = _EFFORT[effort]
    return base + per_token * prompt_tokens


def reasoning_summary(prompt: str, effort: str, chinese: bool) -> str:
    """A reasoning summary as the API writes one (a bold heading, then the approach): the reply bank's
    reasoning for this question, else a language-matched one that never quotes the question."""
    return reasoning_for(prompt, chinese)


def thinking_text(prompt: str, chinese: bool) -> str:
    """The visible chain of thought a thinking-mode provider returns (``reasoning_content``): the same reasoning,
    without the heading."""
    text = reasoning_for(prompt, chinese)
    return text.split("\n\n", 1)[-1] if text.startswith("**") else text


def truncate_tokens(text: str, limit: int) -> str:
    """``text`` cut right after its ``limit``-th token (as ``count_tokens`` counts them)."""
    if limit <= 0:
        return ""
    position = 0
    for index, token in enumerate(tokens(text)):
        position = text.index(token, position) + len(token)
        if index + 1 >= limit:
            return text[:position]
    return text


def cached_tokens(call: Call, model: str, prompt: list[str]) -> int:
    """Tokens of the longest prefix of ``prompt`` (text pieces, in order) seen before under this key.

    Records every cacheable prefix of this prompt, so a second identical request hits the cache.
    """
    words: list[str] = []
    for piece in prompt:
        words.extend(tokens(piece))
    if len(words) < _CACHE_MIN:
        return 0
    digest = hashlib.sha256(f"{model}\x00".encode())
    hit = 0
    done = 0
    for end in range(_CACHE_MIN, len(words) + 1, _CACHE_STEP):
        digest.update("\x00".join(words[done:end]).encode() + b"\x00")
        done = end
        key = digest.copy().hexdigest()
        if call.store.get(_CACHE, key) is not None:
            hit = end
        else:
            call.store.put(_CACHE, key, {"tokens": end})
    return hit


def token_total(pieces: list[str]) -> int:
    return sum(count_tokens(p) for p in pieces)
