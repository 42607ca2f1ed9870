"""POST /chat/completions: a reply derived from the messages, tool calls (``tool_choice`` honoured: none,
required, a forced function, allowed_tools), JSON formats, streaming, image input tokens (``image_tokens``),
reasoning tokens (``reasoning_effort``), ``max_completion_tokens`` truncation (``finish_reason: "length"``), a
filtered answer on request (``x-mock-finish-reason: content_filter``), prompt caching (``usage``) and, on a
profile that declares it (DeepSeek's), a thinking mode's visible ``reasoning_content``."""

from __future__ import annotations

from typing import Any

from openai.types.chat import ChatCompletion

from openai_api.mock.adapters.sse import DONE, sse_event, sse_reply
from openai_api.mock.behaviour.image_tokens import image_colours, image_input_tokens
from openai_api.mock.behaviour.request_reading import (
    argument_sets,
    chosen_functions,
    context_texts,
    focus_texts,
    formatted_reply,
    function_tools,
    is_handoff,
    must_call,
    offered_functions,
    only_handoffs,
    text_of,
)
from openai_api.mock.behaviour.token_usage import (
    cached_tokens,
    check_context_window,
    reasoning_tokens,
    thinking_text,
    truncate_tokens,
)
from openai_api.mock.content.replies import count_tokens, is_chinese, reply_text, sample_variant, tool_answer
from openai_api.mock.errors import MockError
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles


def _plan(call: Call, sample: int = 0) -> tuple[dict[str, Any], str, str]:
    """The assistant message to answer with, the finish reason, and the prompt text used; ``sample`` is the
    choice's index when ``n`` > 1 (a text answer differs by sample, as a model's samples do)."""
    messages = [m for m in call.body.get("messages") or [] if isinstance(m, dict)]
    system = " ".join(text_of(m.get("content")) for m in messages if m.get("role") in {"system", "developer"})
    users = [text_of(m.get("content")) for m in messages if m.get("role") == "user"]
    prompt = users[-1] if users else ""
    last = messages[-1] if messages else {}
    choice = call.body.get("tool_choice")
    declared = function_tools(call.body.get("tools"))
    if not declared and must_call(choice):
        raise MockError(
            400,
            "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
            param="tool_choice",
        )
    tools = offered_functions(declared, choice)
    results = _latest_results(messages)
    after_result = last.get("role") == "tool"
    if after_result and only_handoffs(_latest_calls(messages)):  # the agent handed to answers the question
        tools, results, after_result = [t for t in tools if not is_handoff(t["name"])], [], False
    texts = context_texts(users, results)
    fmt = call.body.get("response_format")
    if after_result and not must_call(choice):
        answer = sample_variant(tool_answer("; ".join(results), prompt, system), sample, prompt, system)
        content = formatted_reply(fmt, texts, system, answer, "; ".join(results))
        return {"role": "assistant", "content": content}, "stop", prompt
    chosen = chosen_functions(tools, prompt, call.body.get("parallel_tool_calls"), choice, after_result)
    if chosen:
        parallel = call.body.get("parallel_tool_calls")
        tool_calls = [
            {
                "id": call.synth.new_id("call_"),
                "type": "function",
                "function": {"name": tool["name"], "arguments": args},
            }
            for tool in chosen
            for args in argument_sets(tool, focus_texts(tool, prompt, texts), parallel if len(chosen) == 1 else False)
        ]
        return {"role": "assistant", "content": None, "tool_calls": tool_calls}, "tool_calls", prompt
    asked = [m.get("content") for m in messages if m.get("role") == "user"]
    colours = image_colours(asked[-1], call.store.blobs) if asked else []
    content = formatted_reply(fmt, texts, system, reply_text(prompt, system, users[:-1], sample, colours))
    return {"role": "assistant", "content": content, "refusal": None}, "stop", prompt


def _latest_results(messages: list[dict[str, Any]]) -> list[str]:
    """The trailing ``tool`` messages' contents (one per call of the last turn)."""
    results: list[str] = []
    for message in reversed(messages):
        if message.get("role") != "tool":
            break
        results.insert(0, text_of(message.get("content")))
    return results


def _latest_calls(messages: list[dict[str, Any]]) -> list[str]:
    """The names of the functions the trailing ``tool`` messages answer."""
    answered = set()
    for message in reversed(messages):
        if message.get("role") != "tool":
            break
        answered.add(message.get("tool_call_id"))
    calls = [c for m in messages if m.get("role") == "assistant" for c in m.get("tool_calls") or []]
    return [str((c.get("function") or {}).get("name")) for c in calls if c.get("id") in answered]


def _thinks(call: Call) -> bool:
    """Whether the profile's thinking mode is on for this request: a thinking model, or the switch in the body."""
    rule = call.profile.get("thinking")
    if not rule:
        return False
    switch = call.body.get(rule.get("switch", "thinking"))
    kind = switch.get("type") if isinstance(switch, dict) else None
    if kind == "disabled":
        return False
    return kind == "enabled" or call.synth.model_name in rule.get("models", [])


@handles("POST", "/chat/completions")
def create(call: Call) -> Any:
    messages = call.body.get("messages") or []
    pieces = [text_of(m.get("content")) for m in messages if isinstance(m, dict)]
    prompt_tokens = sum(count_tokens(p) for p in pieces)
    prompt_tokens += image_input_tokens((m.get("content") for m in messages if isinstance(m, dict)), call.store.blobs)
    model = call.synth.model_name
    check_context_window(model, prompt_tokens, "chat")  # before planning a reply: reading a huge input costs seconds
    message, finish, prompt = _plan(call)
    thought = reasoning_tokens(model, call.body.get("reasoning_effort"), prompt_tokens)
    thinking = thinking_text(prompt, is_chinese(prompt)) if _thinks(call) else None
    if thinking is not None:
        thought += count_tokens(thinking)
    limit = call.body.get("max_completion_tokens")
    if limit is None:
        limit = call.body.get("max_tokens")
    if isinstance(limit, int) and not isinstance(limit, bool):
        thought = min(thought, limit)
    n = int(call.body.get("n") or 1)
    # n samples differ as a model's do: another text answer each (a tool call is the same call in every sample)
    samples = [(message, finish)] + [
        (message, finish) if message.get("tool_calls") else _plan(call, i)[:2] for i in range(1, n)
    ]
    samples = [_finished(call, m, f, limit, thought) for m, f in samples]
    produced = [
        m.get("content") or "".join(c["function"]["arguments"] for c in m.get("tool_calls", [])) for m, _ in samples
    ]
    completion_tokens = sum(count_tokens(text) for text in produced) + thought
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": cached_tokens(call, model, pieces), "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": thought,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }
    choices = [{"index": i, "message": m, "finish_reason": f, "logprobs": None} for i, (m, f) in enumerate(samples)]
    completion = call.synth.build(
        ChatCompletion,
        {
            "choices": choices,
            "usage": usage,
            "model": call.synth.model_name,
            "metadata": call.body.get("metadata") or {},
        },
    )
    if thinking is not None:  # not a field of the SDK's types: added after they shaped the answer
        samples = [({"reasoning_content": thinking} | m, f) for m, f in samples]
        for choice in completion["choices"]:
            choice["message"] = {"role": "assistant", "reasoning_content": thinking} | choice["message"]
    call.store.put("/chat/completions", completion["id"], completion)
    if call.body.get("stream"):
        include_usage = bool((call.body.get("stream_options") or {}).get("include_usage"))
        return sse_reply(_chunks(completion, samples, usage if include_usage else None))
    return completion


def _finished(call: Call, message: dict[str, Any], finish: str, limit: Any, thought: int) -> tuple[dict[str, Any], str]:
    """A sample as it ends: cut at ``max_completion_tokens`` (``length``), or filtered on request."""
    content = message.get("content")
    capped = isinstance(limit, int) and not isinstance(limit, bool)
    if capped and isinstance(content, str) and thought + count_tokens(content) > limit:
        message, finish = dict(message, content=truncate_tokens(content, limit - thought)), "length"
    if call.request.header("x-mock-finish-reason") == "content_filter":  # a switch for the docs (see the README)
        message, finish = dict(message, content=None), "content_filter"
    return message, finish


def _chunks(completion: dict[str, Any], samples: list[tuple[dict[str, Any], str]], usage: dict[str, Any] | None) -> Any:
    """The stream of every choice (``n`` of them, one after the other, each with its own ``index``)."""
    base = {k: completion[k] for k in ("id", "created", "model")} | {"object": "chat.completion.chunk"}
    pending_usage = {"usage": None} if usage is not None else {}
    for index, (message, finish) in enumerate(samples):
        yield from _choice_chunks(base, pending_usage, index, message, finish)
    if usage is not None:
        yield sse_event({**base, "choices": [], "usage": usage})
    yield DONE


def _choice_chunks(
    base: dict[str, Any], pending_usage: dict[str, Any], index: int, message: dict[str, Any], finish: str
) -> Any:
    """One choice's chunks: the role, reasoning, tool calls by index, content, then its finish reason."""

    # With include_usage, every chunk before the last carries "usage": null, as the real API sends it.
    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> bytes:
        choice = {"index": index, "delta": delta, "finish_reason": finish_reason}
        return sse_event({**base, "choices": [choice], **pending_usage})

    yield chunk({"role": "assistant", "content": ""})
    for piece in _pieces(message.get("reasoning_content") or ""):
        yield chunk({"content": None, "reasoning_content": piece})
    for position, tool_call in enumerate(message.get("tool_calls") or []):
        # The call opens with its id and name and empty arguments; the arguments follow in pieces.
        function = tool_call["function"]
        opening = {**tool_call, "function": {"name": function["name"], "arguments": ""}}
        yield chunk({"tool_calls": [{"index": position, **opening}]})
        for piece in _pieces(function["arguments"]):
            yield chunk({"tool_calls": [{"index": position, "function": {"arguments": piece}}]})
    content = message.get("content") or ""
    for piece in _pieces(content):
        yield chunk({"content": piece})
    yield chunk({}, finish)


def _pieces(text: str) -> list[str]:
    """Split into word-sized deltas that join back to the exact text."""
    out: list[str] = []
    current = ""
    for char in text:
        current += char
        if char == " " or ord(char) > 0x2E80:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out
