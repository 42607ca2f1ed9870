"""POST /completions (legacy text completions): a continuation of the prompt, streamable."""

from __future__ import annotations

from typing import Any

from openai.types import Completion

from openai_api.mock.adapters.sse import DONE, sse_event, sse_reply
from openai_api.mock.content.replies import completion_text, count_tokens, is_chinese
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles


def _continuation(prompt: str, choice: int) -> str:
    """What follows the prompt: Latin text continues after a space, CJK text (``中文：``) and an answer on a line of
    its own directly."""
    text = completion_text(prompt, choice)
    return text if is_chinese(text[:1]) or text.startswith("\n") or prompt.endswith((" ", "\n")) else " " + text


@handles("POST", "/completions")
def create(call: Call) -> Any:
    raw = call.body.get("prompt")
    prompts = [str(p) for p in raw] if isinstance(raw, list) else [str(raw or "")]
    n = int(call.body.get("n") or 1)
    asked = [p for p in prompts for _ in range(n)]  # the API answers prompt by prompt, n choices each
    texts = [_continuation(p, i % n) for i, p in enumerate(asked)]
    if call.body.get("echo"):
        texts = [p + t for p, t in zip(asked, texts, strict=True)]
    prompt_tokens = sum(count_tokens(p) for p in prompts)
    completion_tokens = sum(count_tokens(t) for t in texts)
    choices = [{"index": i, "text": t, "finish_reason": "stop", "logprobs": None} for i, t in enumerate(texts)]
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    completion = call.synth.build(Completion, {"choices": choices, "usage": usage, "model": call.synth.model_name})
    if not call.body.get("stream"):
        return completion

    def chunks() -> Any:
        for choice in choices:
            for word in choice["text"].split(" "):
                # finish_reason is a required Literal in the SDK's Completion type, so even
                # intermediate chunks carry one (strict validation rejects the API's null)
                piece = {**completion, "choices": [dict(choice, text=word + " ")]}
                piece.pop("usage", None)
                yield sse_event(piece)
        yield sse_event({**completion, "choices": [dict(choices[-1], text="", finish_reason="stop")]})
        yield DONE

    return sse_reply(chunks())
