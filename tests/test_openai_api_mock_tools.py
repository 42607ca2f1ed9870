"""The mock's Responses built-in tools, reasoning tokens, output limits and prompt caching, as the real API."""

from __future__ import annotations

import base64
import hashlib

import openai
import pytest
from conftest import picture_header
from openai import OpenAI
from openai.types.responses import ResponseStreamEvent
from pydantic import TypeAdapter

from openai_api.mock.adapters.transport import mock_client
from openai_api.mock.core import MockAPI

MODEL = "gpt-5.4-mini"
STREAM_EVENT: TypeAdapter[ResponseStreamEvent] = TypeAdapter(ResponseStreamEvent)


def _store_with_policy(client: OpenAI) -> tuple[str, str]:
    text = b"Shipping takes five days.\n\nThe warranty lasts two years and covers batteries.\n\nReturns: 30 days."
    file = client.files.create(file=("policy.txt", text), purpose="assistants")
    store = client.vector_stores.create(name="policies")
    client.vector_stores.files.create(vector_store_id=store.id, file_id=file.id)
    return store.id, file.id


def test_web_search_call_then_message_with_mock_url_citations(client: OpenAI) -> None:
    response = client.responses.create(
        model=MODEL,
        input="What is new about sea otters?",
        tools=[{"type": "web_search"}],
        include=["web_search_call.action.sources"],
    )
    call, message = response.output
    assert call.type == "web_search_call" and call.status == "completed"
    assert call.action.type == "search" and call.action.query == "What is new about sea otters"
    assert call.action.sources and all("example.com" in s.url for s in call.action.sources)
    assert message.type == "message"
    notes = message.content[0].annotations  # type: ignore[union-attr]
    assert notes and all(n.type == "url_citation" for n in notes)
    text = response.output_text
    assert text.startswith("I found two relevant sources")
    for note in notes:
        assert note.type == "url_citation" and note.url in text[note.start_index : note.end_index]
        assert note.url.startswith("https://search.example.com/")


def test_a_chinese_search_is_cited_with_chinese_titles(client: OpenAI) -> None:
    response = client.responses.create(model=MODEL, input="这周关于海獭有什么新闻？", tools=[{"type": "web_search"}])
    call, message = response.output
    assert call.type == "web_search_call" and call.action.type == "search"
    assert call.action.query == "这周关于海獭有什么新闻"
    assert response.output_text.startswith("我找到两篇相关的来源") and response.output_text.endswith("。")
    titles = [n.title for n in message.content[0].annotations if n.type == "url_citation"]  # type: ignore[union-attr]
    assert titles == ["这周关于海獭有什么新闻（最新报道）", "这周关于海獭有什么新闻（背景资料）"]
    urls = [n.url for n in message.content[0].annotations if n.type == "url_citation"]  # type: ignore[union-attr]
    article = hashlib.sha256("这周关于海獭有什么新闻".encode()).hexdigest()[:10]
    assert urls == [f"https://search.example.com/result-{n}/article-{article}" for n in (1, 2)]


def test_a_chinese_file_search_quotes_a_sentence_once_punctuated(client: OpenAI) -> None:
    policy = "发货需要五个工作日。\n\n保修期为两年，涵盖电池。\n\n退货期限：收货后 30 天".encode()
    file = client.files.create(file=("policy.txt", policy), purpose="assistants")
    store = client.vector_stores.create(name="policies")
    client.vector_stores.files.create(vector_store_id=store.id, file_id=file.id)
    response = client.responses.create(
        model=MODEL, input="保修期多长？", tools=[{"type": "file_search", "vector_store_ids": [store.id]}]
    )
    assert response.output_text == "根据你的文件：“保修期为两年，涵盖电池。”"
    unfinished = client.responses.create(
        model=MODEL, input="退货期限是多久？", tools=[{"type": "file_search", "vector_store_ids": [store.id]}]
    )
    assert unfinished.output_text == "根据你的文件：“退货期限：收货后 30 天”。"


def test_file_search_reads_the_vector_store_files(client: OpenAI) -> None:
    store_id, file_id = _store_with_policy(client)
    response = client.responses.create(
        model=MODEL,
        input="How long is the warranty?",
        tools=[{"type": "file_search", "vector_store_ids": [store_id]}],
        include=["file_search_call.results"],
    )
    call, message = response.output
    assert call.type == "file_search_call" and call.queries == ["How long is the warranty"]
    assert call.results and call.results[0].file_id == file_id and call.results[0].filename == "policy.txt"
    assert "two years" in (call.results[0].text or "") and 0 < (call.results[0].score or 0) < 1
    assert "two years" in response.output_text
    notes = message.content[0].annotations  # type: ignore[union-attr]
    assert [(n.type, n.file_id) for n in notes] == [("file_citation", file_id)]  # type: ignore[union-attr]
    without = client.responses.create(
        model=MODEL, input="warranty?", tools=[{"type": "file_search", "vector_store_ids": [store_id]}]
    )
    assert without.output[0].type == "file_search_call" and without.output[0].results is None


def test_code_interpreter_runs_the_arithmetic(client: OpenAI) -> None:
    response = client.responses.create(
        model=MODEL,
        input="What is (17 + 25) * 3?",
        tools=[{"type": "code_interpreter", "container": {"type": "auto"}}],
        include=["code_interpreter_call.outputs"],
    )
    call = response.output[0]
    assert call.type == "code_interpreter_call" and call.code and "(17 + 25) * 3" in call.code
    assert call.container_id.startswith("cntr_")
    assert call.outputs and call.outputs[0].type == "logs" and call.outputs[0].logs.strip() == "126"
    assert "126" in response.output_text


def test_image_generation_returns_a_png(client: OpenAI) -> None:
    response = client.responses.create(model=MODEL, input="An otter", tools=[{"type": "image_generation"}])
    call = response.output[0]
    assert call.type == "image_generation_call" and call.status == "completed" and call.result
    assert call.output_format == "png"
    assert picture_header(base64.b64decode(call.result)) == ("png", 1024, 1024)


@pytest.mark.parametrize("output_format", ["png", "webp", "jpeg", "gif", "svg"])
def test_image_generation_returns_the_output_format_asked_for(client: OpenAI, output_format: str) -> None:
    tool = {"type": "image_generation", "output_format": output_format, "output_compression": 80, "size": "1024x1536"}
    response = client.responses.create(model=MODEL, input="An otter", tools=[tool])  # type: ignore[list-item]
    call = response.output[0]
    assert call.type == "image_generation_call" and call.result
    assert (call.output_format, call.size) == (output_format, "1024x1536")
    assert picture_header(base64.b64decode(call.result)) == (output_format, 1024, 1536)


def test_image_generation_keeps_a_transparent_background_only_where_the_format_has_one(client: OpenAI) -> None:
    """`auto` is made opaque; `transparent` is kept in PNG and WebP and refused in JPEG, before anything is made."""
    made = {}
    for background, output_format in [("auto", "jpeg"), ("transparent", "png"), ("transparent", "webp")]:
        tool = {"type": "image_generation", "background": background, "output_format": output_format}
        response = client.responses.create(model=MODEL, input="An otter", tools=[tool])  # type: ignore[list-item]
        call = response.output[0]
        assert call.type == "image_generation_call" and call.result
        made[(background, output_format)] = (call.background, picture_header(base64.b64decode(call.result))[0])
    assert made == {
        ("auto", "jpeg"): ("opaque", "jpeg"),
        ("transparent", "png"): ("transparent", "png"),
        ("transparent", "webp"): ("transparent", "webp"),
    }
    tool = {"type": "image_generation", "background": "transparent", "output_format": "jpeg"}
    with pytest.raises(openai.BadRequestError) as refused:
        client.responses.create(model=MODEL, input="An otter", tools=[tool])  # type: ignore[list-item]
    assert (refused.value.status_code, refused.value.param, refused.value.code) == (400, "background", "invalid_value")
    assert "'transparent'" in refused.value.message and "'jpeg'" in refused.value.message


def test_streamed_tool_calls_have_their_progress_events(client: OpenAI) -> None:
    store_id, _ = _store_with_policy(client)
    tools = [
        {"type": "web_search"},
        {"type": "file_search", "vector_store_ids": [store_id]},
        {"type": "code_interpreter", "container": {"type": "auto"}},
        {"type": "image_generation"},
    ]
    with client.responses.stream(
        model=MODEL, input="warranty 2+2", tools=tools, reasoning={"effort": "low", "summary": "auto"}
    ) as stream:
        events = list(stream)
        final = stream.get_final_response()
    kinds = [e.type for e in events]
    for prefix in ("web_search_call", "file_search_call", "code_interpreter_call", "image_generation_call"):
        assert f"response.{prefix}.in_progress" in kinds and f"response.{prefix}.completed" in kinds
    assert "response.code_interpreter_call_code.done" in kinds
    assert "response.reasoning_summary_text.done" in kinds and "response.output_text.annotation.added" in kinds
    assert [e.sequence_number for e in events] == list(range(len(events)))
    for event in events:
        STREAM_EVENT.validate_python(event.model_dump(mode="json", warnings=False))
    assert [o.type for o in final.output] == [
        "reasoning",
        "web_search_call",
        "file_search_call",
        "code_interpreter_call",
        "image_generation_call",
        "message",
    ]


def test_reasoning_tokens_grow_with_effort_and_summary(client: OpenAI) -> None:
    counts = []
    for effort in ("low", "medium", "high"):
        response = client.responses.create(model=MODEL, input="Why is the sky blue?", reasoning={"effort": effort})
        assert response.usage and response.output[0].type == "reasoning"
        counts.append(response.usage.output_tokens_details.reasoning_tokens)
        assert response.usage.output_tokens > counts[-1]
    assert 0 < counts[0] < counts[1] < counts[2]
    summarised = client.responses.create(model=MODEL, input="Why?", reasoning={"effort": "low", "summary": "auto"})
    item = summarised.output[0]
    assert item.type == "reasoning" and item.summary and item.summary[0].text.startswith("**Working out the answer**")
    known = client.responses.create(
        model=MODEL, input="Which is larger, 9.11 or 9.9? Explain briefly.", reasoning={"summary": "auto"}
    )
    assert known.output[0].type == "reasoning" and "0.9 = 0.90" in known.output[0].summary[0].text
    plain = client.responses.create(model="gpt-4.1-mini", input="Why?", reasoning={"effort": "high"})
    assert plain.usage and plain.usage.output_tokens_details.reasoning_tokens == 0


def test_max_output_tokens_truncates(client: OpenAI) -> None:
    response = client.responses.create(model=MODEL, input="Tell me a long story about otters.", max_output_tokens=5)
    assert response.status == "incomplete"
    assert response.incomplete_details and response.incomplete_details.reason == "max_output_tokens"
    assert response.usage and response.usage.output_tokens == 5
    assert response.output[0].status == "incomplete"  # type: ignore[union-attr]
    thinking = client.responses.create(model=MODEL, input="Hi", reasoning={"effort": "high"}, max_output_tokens=100)
    assert thinking.status == "incomplete" and [o.type for o in thinking.output] == ["reasoning"]
    assert thinking.usage and thinking.usage.output_tokens_details.reasoning_tokens == 100
    events = [e.type for e in client.responses.create(model=MODEL, input="Hi there", max_output_tokens=2, stream=True)]
    assert events[-1] == "response.incomplete"


def test_chat_reasoning_effort_and_length(client: OpenAI) -> None:
    messages = [{"role": "user", "content": "Why is the sky blue?"}]
    low = client.chat.completions.create(model=MODEL, messages=messages, reasoning_effort="low")  # type: ignore[arg-type]
    high = client.chat.completions.create(model=MODEL, messages=messages, reasoning_effort="high")  # type: ignore[arg-type]
    assert low.usage and high.usage and low.usage.completion_tokens_details and high.usage.completion_tokens_details
    assert (low.usage.completion_tokens_details.reasoning_tokens or 0) > 0
    assert (low.usage.completion_tokens_details.reasoning_tokens or 0) < (
        high.usage.completion_tokens_details.reasoning_tokens or 0
    )
    cut = client.chat.completions.create(model=MODEL, messages=messages, max_completion_tokens=4)  # type: ignore[arg-type]
    assert cut.choices[0].finish_reason == "length" and cut.usage and cut.usage.completion_tokens == 4


def test_prompt_caching_reports_the_seen_prefix(client: OpenAI) -> None:
    long_text = " ".join(f"word{i}" for i in range(1500))
    first = client.responses.create(model=MODEL, input=long_text)
    second = client.responses.create(model=MODEL, input=long_text)
    assert first.usage and second.usage
    assert first.usage.input_tokens_details.cached_tokens == 0
    cached = second.usage.input_tokens_details.cached_tokens
    assert cached >= 1024 and cached % 128 == 0 and cached <= second.usage.input_tokens
    short = client.responses.create(model=MODEL, input="short")
    short = client.responses.create(model=MODEL, input="short")
    assert short.usage and short.usage.input_tokens_details.cached_tokens == 0
    messages = [{"role": "user", "content": long_text.replace("word", "chat")}]
    chat = [client.chat.completions.create(model=MODEL, messages=messages) for _ in range(2)]  # type: ignore[arg-type]
    details = [c.usage.prompt_tokens_details for c in chat if c.usage]
    assert details[0] and details[0].cached_tokens == 0
    assert details[1] and (details[1].cached_tokens or 0) >= 1024
    other_key = mock_client(MockAPI(), api_key="sk-other", _strict_response_validation=True)
    fresh = other_key.responses.create(model=MODEL, input=long_text)
    assert fresh.usage and fresh.usage.input_tokens_details.cached_tokens == 0
