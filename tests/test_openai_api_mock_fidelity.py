"""Fidelity of the mock to the real API where a reader would notice: conversations, store=False, tool_choice,
structured-output echo, image tokens, batch validation, list order, speech formats, retries, provider profiles.

Every test goes through the unmodified SDK, in process (``mock_client``) or over a loopback socket.
"""

from __future__ import annotations

import asyncio
import base64
import struct
from types import SimpleNamespace
from typing import Any

import openai
import pytest
from openai import OpenAI
from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel, ConfigDict

from openai_api.mock.adapters import asgi
from openai_api.mock.adapters.server import running_server
from openai_api.mock.adapters.transport import mock_client
from openai_api.mock.content.tones import png
from openai_api.mock.core import MockAPI

MODEL = "gpt-5.4-mini"


# 1. conversation=...: each turn is appended, and the earlier items are context


# 2. conversation and previous_response_id exclude each other


# 3. store=False: answered, then not kept


def test_an_unstored_response_cannot_be_retrieved_or_continued(client: OpenAI) -> None:
    unstored = client.responses.create(model=MODEL, input="Keep nothing.", store=False)
    assert unstored.output_text and "Keep nothing." not in unstored.output_text  # answered, not echoed
    with pytest.raises(openai.NotFoundError):
        client.responses.retrieve(unstored.id)
    with pytest.raises(openai.NotFoundError):
        client.responses.input_items.list(unstored.id)
    with pytest.raises(openai.BadRequestError) as err:
        client.responses.create(model=MODEL, previous_response_id=unstored.id, input="And then?")
    assert err.value.param == "previous_response_id" and err.value.type == "invalid_request_error"
    assert err.value.body == {
        "message": f"Previous response with id '{unstored.id}' not found.",
        "type": "invalid_request_error",
        "param": "previous_response_id",
        "code": "previous_response_not_found",
    }
    stored = client.responses.create(model=MODEL, input="Keep this.")
    assert client.responses.retrieve(stored.id).output_text == stored.output_text


# 4. tool_choice is obeyed


def _function(name: str) -> dict[str, Any]:
    schema = {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
    return {"type": "function", "name": name, "parameters": schema, "strict": True}


def test_responses_tool_choice_forces_requires_or_forbids_calls(client: OpenAI) -> None:
    tools: Any = [_function("get_time"), _function("get_date")]

    def called(choice: Any, extra: list[Any] | None = None) -> list[tuple[str, str | None]]:
        reply = client.responses.create(
            model=MODEL, input="几点了？", tools=[*tools, *(extra or [])], tool_choice=choice
        )
        return [(item.type, getattr(item, "name", None)) for item in reply.output]

    assert called({"type": "function", "name": "get_date"}) == [("function_call", "get_date")]
    assert called({"type": "function", "name": "get_date"}, [{"type": "web_search"}]) == [("function_call", "get_date")]
    assert called("required")[0][0] == "function_call"
    assert called("none") == [("message", None)]
    allowed = {"type": "allowed_tools", "mode": "required", "tools": [{"type": "function", "name": "get_date"}]}
    assert called(allowed) == [("function_call", "get_date")]
    with pytest.raises(openai.BadRequestError) as err:
        called({"type": "function", "name": "get_weather"})
    assert err.value.param == "tool_choice"


def test_a_forced_choice_calls_again_after_a_tool_result_and_auto_answers(client: OpenAI) -> None:
    tools: Any = [_function("get_time"), _function("get_date")]
    first = client.responses.create(model=MODEL, input="几点了？", tools=tools, tool_choice="required")
    call = first.output[0]
    assert call.type == "function_call"
    result: Any = [{"type": "function_call_output", "call_id": call.call_id, "output": "10:00"}]
    again = client.responses.create(
        model=MODEL, previous_response_id=first.id, input=result, tools=tools, tool_choice="required"
    )
    assert again.output[0].type == "function_call"  # the real model must call; it never answers in text
    answer = client.responses.create(model=MODEL, previous_response_id=first.id, input=result, tools=tools)
    assert "10:00" in answer.output_text


def test_chat_tool_choice_forces_requires_or_forbids_calls(client: OpenAI) -> None:
    tools: Any = [{"type": "function", "function": {"name": n, "parameters": {}}} for n in ("get_time", "get_date")]
    messages: Any = [{"role": "user", "content": "几点了？"}]

    def chat(choice: Any, history: Any = messages) -> Any:
        return client.chat.completions.create(model=MODEL, messages=history, tools=tools, tool_choice=choice)

    forced = chat({"type": "function", "function": {"name": "get_date"}}).choices[0]
    assert forced.finish_reason == "tool_calls" and forced.message.tool_calls[0].function.name == "get_date"
    assert chat("none").choices[0].message.tool_calls is None
    required = chat("required").choices[0].message
    call = required.tool_calls[0]
    history = [
        *messages,
        required.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": "10:00"},
    ]
    assert chat("required", history).choices[0].finish_reason == "tool_calls"
    assert "10:00" in (chat("auto", history).choices[0].message.content or "")
    with pytest.raises(openai.BadRequestError) as err:
        client.chat.completions.create(model=MODEL, messages=messages, tool_choice="required")
    assert err.value.param == "tool_choice"


def test_the_tools_a_question_names_are_called_together_unless_parallel_calls_are_off(client: OpenAI) -> None:
    tools: Any = [_function("get_weather"), _function("get_local_time"), _function("lookupOrderStatus")]

    def called(question: str, **extra: Any) -> list[str]:
        reply = client.responses.create(model=MODEL, input=question, tools=tools, **extra)
        return [getattr(item, "name", item.type) for item in reply.output]

    assert called("Weather and local time in Oslo?") == ["get_weather", "get_local_time"]
    assert called("Where is my order? Status please.") == ["lookupOrderStatus"]
    assert called("Hello there") == ["message"]  # nothing asked for: no call, a reply
    assert called("Weather and local time in Oslo?", parallel_tool_calls=False) == ["get_weather"]
    first = client.responses.create(model=MODEL, input="Weather and time in Oslo?", tools=tools)
    outputs: Any = [
        {"type": "function_call_output", "call_id": item.call_id, "output": answer}
        for item, answer in zip(first.output, ["rainy", "09:30"], strict=True)
        if item.type == "function_call"
    ]
    answer = client.responses.create(model=MODEL, previous_response_id=first.id, input=outputs, tools=tools)
    assert "rainy" in answer.output_text and "09:30" in answer.output_text  # both results reach the answer


def test_chat_parallel_tool_calls_stream_with_their_own_index(client: OpenAI) -> None:
    tools: Any = [
        {"type": "function", "function": {"name": n, "parameters": {"type": "object", "properties": {}}}}
        for n in ("get_weather", "get_local_time")
    ]
    messages: Any = [{"role": "user", "content": "Weather and local time in Oslo?"}]
    plain = client.chat.completions.create(model=MODEL, messages=messages, tools=tools).choices[0].message

    def named(calls: Any) -> list[tuple[str, str]]:
        return [(c.function.name, c.function.arguments) for c in calls or []]

    assert [name for name, _ in named(plain.tool_calls)] == ["get_weather", "get_local_time"]
    with client.chat.completions.stream(
        model=MODEL, messages=messages, tools=tools, stream_options={"include_usage": True}
    ) as stream:
        chunks = [event.chunk for event in stream if event.type == "chunk"]
        final = stream.get_final_completion()
    # the pieces of each call's arguments join back to the same arguments the plain reply has
    assert named(final.choices[0].message.tool_calls) == named(plain.tool_calls)
    indexes = {d.index for c in chunks for ch in c.choices for d in ch.delta.tool_calls or []}
    assert indexes == {0, 1}
    # with include_usage, every chunk but the last says "usage": null; the last carries the numbers
    assert all("usage" in c.model_fields_set and c.usage is None for c in chunks[:-1])
    assert chunks[-1].usage is not None and final.usage is not None
    results = [
        *messages,
        plain.model_dump(exclude_none=True),
        *(
            {"role": "tool", "tool_call_id": c.id, "content": text}
            for c, text in zip(plain.tool_calls or [], ["rainy", "09:30"], strict=True)
        ),
    ]
    answer = client.chat.completions.create(model=MODEL, messages=results, tools=tools).choices[0].message.content
    assert answer is not None and "rainy" in answer and "09:30" in answer


# 5. structured output: the format is echoed and the output follows the schema


class City(BaseModel):
    model_config = ConfigDict(extra="forbid")
    city: str
    population: int
    coastal: bool


def test_json_schema_format_is_echoed_and_followed(client: OpenAI) -> None:
    schema = City.model_json_schema()
    fmt: Any = {"type": "json_schema", "name": "city", "schema": schema, "strict": True}
    reply = client.responses.create(model=MODEL, input="Tell me about Qingdao.", text={"format": fmt})
    assert reply.text is not None and reply.text.format is not None
    echoed = reply.text.format
    assert echoed.type == "json_schema"
    assert (echoed.name, echoed.strict, echoed.schema_) == ("city", True, schema)
    City.model_validate_json(reply.output_text)  # every required key, of its type, nothing more
    parsed = client.responses.parse(model=MODEL, input="Tell me about Qingdao.", text_format=City)
    assert isinstance(parsed.output_parsed, City)
    assert parsed.text is not None and parsed.text.format is not None and parsed.text.format.type == "json_schema"


# 6. images cost input tokens


def _jpeg_header(width: int, height: int) -> bytes:
    """SOI, then a baseline start-of-frame segment: all a size reader needs of a JPEG."""
    return b"\xff\xd8" + b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"


def _data_url(data: bytes, kind: str) -> str:
    return f"data:image/{kind};base64," + base64.b64encode(data).decode()


def test_responses_image_inputs_cost_tokens_like_the_real_api(client: OpenAI) -> None:
    def input_tokens(*images: dict[str, Any]) -> int:
        content: Any = [{"type": "input_text", "text": "What is in the picture?"}, *images]
        reply = client.responses.create(model=MODEL, input=[{"role": "user", "content": content}])
        assert reply.usage is not None
        return reply.usage.input_tokens

    text_only = input_tokens()
    small = _data_url(png("red", 8), "png")
    assert input_tokens({"type": "input_image", "image_url": small, "detail": "low"}) == text_only + 85
    assert input_tokens({"type": "input_image", "image_url": small, "detail": "high"}) == text_only + 85 + 170
    square = _data_url(_jpeg_header(1024, 1024), "jpeg")
    tall = _data_url(_jpeg_header(2048, 4096), "jpeg")
    assert input_tokens({"type": "input_image", "image_url": square, "detail": "auto"}) == text_only + 765
    assert input_tokens({"type": "input_image", "image_url": tall, "detail": "high"}) == text_only + 1105
    remote = {"type": "input_image", "image_url": "https://example.com/cat.png", "detail": "high"}
    assert input_tokens(remote, {"type": "input_image", "image_url": small, "detail": "low"}) == text_only + 765 + 85
    uploaded = client.files.create(file=("big.png", png("blue", 600)), purpose="vision")
    assert input_tokens({"type": "input_image", "file_id": uploaded.id, "detail": "high"}) == text_only + 85 + 4 * 170


def test_chat_image_parts_cost_tokens_too(client: OpenAI) -> None:
    def prompt_tokens(*parts: dict[str, Any]) -> int:
        content: Any = [{"type": "text", "text": "What is in the picture?"}, *parts]
        reply = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": content}])
        assert reply.usage is not None
        assert reply.choices[0].message.content
        return reply.usage.prompt_tokens

    text_only = prompt_tokens()
    url = _data_url(_jpeg_header(1024, 1024), "jpeg")
    assert prompt_tokens({"type": "image_url", "image_url": {"url": url}}) == text_only + 765
    assert prompt_tokens({"type": "image_url", "image_url": {"url": url, "detail": "low"}}) == text_only + 85


# 7. batches validate their input file


# 8. lists answer in each endpoint's real default order


def test_lists_default_to_the_real_apis_order(client: OpenAI) -> None:
    files = [client.files.create(file=(f"{n}.txt", b"x"), purpose="user_data").id for n in range(3)]
    assert [f.id for f in client.files.list()] == files[::-1]  # newest first
    assert [f.id for f in client.files.list(order="asc")] == files
    assert [f.id for f in client.files.list(order="desc", limit=1)] == files[::-1]  # across pages too
    store = client.vector_stores.create(name="docs")
    for file_id in files:
        client.vector_stores.files.create(store.id, file_id=file_id)
    assert [f.id for f in client.vector_stores.files.list(store.id)] == files[::-1]
    reply = client.responses.create(
        model=MODEL, input=[{"role": "user", "content": "one"}, {"role": "user", "content": "two"}]
    )
    assert [i.content[0].text for i in client.responses.input_items.list(reply.id)] == ["two", "one"]  # type: ignore[union-attr]
    chats = [
        client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": str(n)}], store=True).id
        for n in range(2)
    ]
    listed = [c.id for c in client.chat.completions.list() if c.id in chats]
    assert listed == chats  # chat completions default to oldest first


# 9. speech: MP3 by default, and each format a real container


def _mp3_frames(data: bytes) -> int:
    """Walk MPEG-1 Layer III frames by their headers to the exact end of the data; the frame count."""
    bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
    rates = [44100, 48000, 32000]
    position = frames = 0
    while position < len(data):
        header = int.from_bytes(data[position : position + 4], "big")
        assert header >> 21 == 0x7FF, f"no frame sync at byte {position}"
        assert (header >> 19) & 3 == 3 and (header >> 17) & 3 == 1  # MPEG-1, Layer III
        bitrate, rate, padding = bitrates[(header >> 12) & 15] * 1000, rates[(header >> 10) & 3], (header >> 9) & 1
        position += 144 * bitrate // rate + padding
        frames += 1
    assert position == len(data)
    return frames


def test_speech_defaults_to_mp3_and_each_format_is_a_real_container(client: OpenAI) -> None:
    def speech(text: str, **fmt: Any) -> tuple[bytes, str]:
        raw = client.audio.speech.with_raw_response.create(model="gpt-4o-mini-tts", voice="alloy", input=text, **fmt)
        return raw.content, raw.headers["content-type"]

    mp3, kind = speech("Hello there, welcome.")
    assert kind == "audio/mpeg"
    assert _mp3_frames(mp3) > 1
    assert _mp3_frames(speech("word " * 20)[0]) > _mp3_frames(mp3)  # longer text, longer audio
    assert speech("hi", response_format="mp3") == speech("hi")
    wav, kind = speech("hi", response_format="wav")
    assert kind == "audio/wav" and wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"
    opus, kind = speech("hi", response_format="opus")
    assert kind == "audio/opus" and opus[:4] == b"OggS" and opus[28:36] == b"OpusHead"
    aac, kind = speech("hi", response_format="aac")
    assert kind == "audio/aac" and aac[0] == 0xFF and aac[1] & 0xF6 == 0xF0  # ADTS sync, layer 0
    length = (aac[3] & 3) << 11 | aac[4] << 3 | aac[5] >> 5
    assert aac[length : length + 2] == aac[:2] and len(aac) % length == 0  # frame after frame to the end
    flac, kind = speech("hi", response_format="flac")
    assert kind == "audio/flac" and flac[:4] == b"fLaC" and flac[4] & 0x7F == 0  # STREAMINFO first
    pcm, kind = speech("hi", response_format="pcm")
    assert kind == "audio/pcm" and len(pcm) == 2 * int(24000 * 0.3)  # 24 kHz, 16-bit, no header


# 10. x-mock-fail-times: fail the first N attempts, then succeed


def test_fail_times_fails_the_first_attempts_then_the_retry_succeeds() -> None:
    client = mock_client(MockAPI(), max_retries=3)
    raw = client.models.with_raw_response.list(extra_headers={"x-mock-fail-times": "2"})
    assert raw.retries_taken == 2 and raw.status_code == 200
    again = client.models.with_raw_response.list(extra_headers={"x-mock-fail-times": "2"})  # stateless
    assert again.retries_taken == 2
    with pytest.raises(openai.InternalServerError) as err:
        mock_client(MockAPI(), max_retries=1).models.list(extra_headers={"x-mock-fail-times": "2"})
    assert err.value.status_code == 503
    with pytest.raises(openai.RateLimitError):
        mock_client(MockAPI(), max_retries=0).models.list(
            extra_headers={"x-mock-fail-times": "1", "x-mock-status": "429"}
        )
    assert client.models.with_raw_response.list(extra_headers={"x-mock-fail-times": "0"}).retries_taken == 0


def test_fail_times_combines_with_drop_and_delay_over_a_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    held: list[float] = []  # what the server held each answer back by

    async def holding(seconds: float) -> None:
        held.append(seconds)
        await asyncio.sleep(seconds)

    monkeypatch.setattr(asgi, "asyncio", SimpleNamespace(**{**vars(asyncio), "sleep": holding}))
    with running_server() as url:
        client = OpenAI(api_key="sk-fail-times", base_url=url, max_retries=2)
        raw = client.models.with_raw_response.list(extra_headers={"x-mock-fail-times": "1", "x-mock-drop": "1"})
        assert raw.retries_taken == 1
        held.clear()
        delayed = client.models.with_raw_response.list(
            extra_headers={"x-mock-fail-times": "1", "x-mock-delay-ms": "100"}
        )
        assert delayed.retries_taken == 1 and held == [0.1, 0.1]  # the failed attempt waited, and the retry


# 12. the deepseek profile knows only DeepSeek's models


def test_deepseek_profile_refuses_unknown_models_like_deepseek() -> None:
    client = mock_client(MockAPI("deepseek"), _strict_response_validation=True, max_retries=0)
    assert [m.id for m in client.models.list()] == ["deepseek-chat", "deepseek-reasoner"]
    for model in ("deepseek-chat", "deepseek-reasoner"):
        reply = client.chat.completions.create(model=model, messages=[{"role": "user", "content": "hi"}])
        assert reply.model == model
    with pytest.raises(openai.BadRequestError) as err:
        client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "hi"}])
    assert err.value.body == {
        "message": "Model Not Exist",
        "type": "invalid_request_error",
        "param": None,
        "code": "invalid_request_error",
    }
    with pytest.raises(openai.NotFoundError):  # an endpoint DeepSeek lacks stays a 404, whatever the model
        client.embeddings.create(model=MODEL, input="hi")


def test_deepseek_thinking_mode_returns_reasoning_content_beside_the_answer() -> None:
    client = mock_client(MockAPI("deepseek"), _strict_response_validation=True, max_retries=0)
    question: list[ChatCompletionMessageParam] = [{"role": "user", "content": "9.11 和 9.9 哪个大？"}]

    def thinking_of(reply: Any) -> Any:
        return (reply.choices[0].message.model_extra or {}).get("reasoning_content")

    plain = client.chat.completions.create(model="deepseek-chat", messages=question)
    assert thinking_of(plain) is None
    assert plain.usage is not None and plain.usage.completion_tokens_details is not None
    assert plain.usage.completion_tokens_details.reasoning_tokens == 0
    switched = client.chat.completions.create(
        model="deepseek-chat", messages=question, extra_body={"thinking": {"type": "enabled"}}
    )
    reasoner = client.chat.completions.create(model="deepseek-reasoner", messages=question)
    for reply in (switched, reasoner):
        assert "9.9 更大" in thinking_of(reply) and (reply.choices[0].message.content or "").startswith("9.9 更大")
        assert reply.usage is not None and reply.usage.completion_tokens_details is not None
        assert (reply.usage.completion_tokens_details.reasoning_tokens or 0) > 0
    off = client.chat.completions.create(
        model="deepseek-reasoner", messages=question, extra_body={"thinking": {"type": "disabled"}}
    )
    assert thinking_of(off) is None
    # streamed, the thinking comes first, in its own deltas, and joins back to the same text
    chunks = list(client.chat.completions.create(model="deepseek-reasoner", messages=question, stream=True))
    deltas = [chunk.choices[0].delta for chunk in chunks if chunk.choices]
    thought = [d.model_extra.get("reasoning_content") for d in deltas if d.model_extra]
    assert "".join(t for t in thought if t) == thinking_of(reasoner)
    first_content = next(i for i, d in enumerate(deltas) if d.content)
    last_thought = max(i for i, d in enumerate(deltas) if d.model_extra and d.model_extra.get("reasoning_content"))
    assert last_thought < first_content
    # OpenAI's own profile has no thinking mode: the switch is accepted and changes nothing
    openai_reply = mock_client(MockAPI(), max_retries=0).chat.completions.create(
        model=MODEL, messages=question, extra_body={"thinking": {"type": "enabled"}}
    )
    assert thinking_of(openai_reply) is None


# context windows: an input longer than the model's window is a 400 context_length_exceeded, worded per API


def test_an_input_beyond_the_context_window_is_refused_as_each_api_words_it(client: OpenAI) -> None:
    words = "word " * 400_001  # one token past gpt-5's 400,000 (context_windows.yaml)
    with pytest.raises(openai.BadRequestError) as chat:
        client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": words}])
    assert (chat.value.status_code, chat.value.code, chat.value.param) == (400, "context_length_exceeded", "messages")
    assert "maximum context length is 400000 tokens" in chat.value.message
    assert "resulted in 400001 tokens" in chat.value.message
    with pytest.raises(openai.BadRequestError) as responses:
        client.responses.create(model=MODEL, input=words)
    assert (responses.value.code, responses.value.param) == ("context_length_exceeded", "input")
    assert "exceeds the context window" in responses.value.message
    # gpt-4o's window is smaller: the same input passes gpt-5 at 399,999 tokens and fails gpt-4o at 128,001
    assert client.responses.create(model=MODEL, input="word " * 399_999).status == "completed"
    with pytest.raises(openai.BadRequestError):
        client.responses.create(model="gpt-4o-mini", input="word " * 128_001)


def test_an_injected_401_carries_the_invalid_api_key_code(client: OpenAI) -> None:
    with pytest.raises(openai.AuthenticationError) as error:
        client.models.list(extra_headers={"x-mock-status": "401"})
    assert (error.value.status_code, error.value.code) == (401, "invalid_api_key")
    assert "Incorrect API key provided" in error.value.message


def test_next_cursor_lists_fill_next_and_walk_every_page() -> None:
    """Admin lists are `SyncNextCursorPage[...]`: the mock names the cursor in `next`, as the SDK's page reads it."""
    from openai_api.core.runner import MOCK_ADMIN_KEY

    client = mock_client(MockAPI(), admin_api_key=MOCK_ADMIN_KEY, max_retries=0)
    created = [client.admin.organization.groups.create(name=f"g{index}").id for index in range(3)]
    first = client.admin.organization.groups.list(limit=2)
    assert first.next is not None and first.next_page_info() is not None
    walked = [group.id for group in client.admin.organization.groups.list(limit=1) if group.id in created]
    assert sorted(walked) == sorted(created)
    assert client.models.list().has_next_page() is False
