"""Behaviour of the mock through the unmodified SDK: state, auth, errors, faults, streaming, profiles."""

from __future__ import annotations

import asyncio
import base64

import httpx2
import openai
import pytest
from conftest import sleeps_of_this_thread
from openai import AsyncOpenAI, OpenAI

from openai_api.mock.adapters.server import running_server
from openai_api.mock.adapters.transport import async_mock_client, mock_client
from openai_api.mock.core import MockAPI


def test_state_round_trip(client: OpenAI) -> None:
    created = client.vector_stores.create(name="notes", metadata={"team": "docs"})
    assert created.id.startswith("vs_") and created.name == "notes" and created.metadata == {"team": "docs"}
    assert [v.id for v in client.vector_stores.list()] == [created.id]
    assert client.vector_stores.retrieve(created.id).name == "notes"
    assert client.vector_stores.update(created.id, name="renamed").name == "renamed"
    assert client.vector_stores.delete(created.id).deleted is True
    with pytest.raises(openai.NotFoundError) as err:
        client.vector_stores.retrieve(created.id)
    assert err.value.body == {
        "message": f"No vector store found with id '{created.id}'.",
        "type": "invalid_request_error",
        "param": "vector_store_id",
        "code": "not_found",
    }


def test_auto_pagination_walks_every_page(client: OpenAI) -> None:
    ids = [client.files.create(file=(f"f{i}.txt", b"x" * i), purpose="assistants").id for i in range(5)]
    first = client.files.list(limit=2)
    assert first.has_more is True and len(first.data) == 2
    # auto-pagination follows `after`; files list newest first unless asked otherwise, as the real API
    assert [f.id for f in client.files.list(limit=2)] == ids[::-1]
    assert [f.id for f in client.files.list(limit=2, order="asc")] == ids


def test_file_bytes_round_trip_and_ids(client: OpenAI) -> None:
    uploaded = client.files.create(file=("data.jsonl", b'{"a": 1}\n'), purpose="batch")
    assert uploaded.id.startswith("file-") and uploaded.bytes == 9 and uploaded.filename == "data.jsonl"
    assert client.files.content(uploaded.id).read() == b'{"a": 1}\n'
    batch = client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h")
    assert batch.id.startswith("batch_") and batch.status == "validating" and batch.input_file_id == uploaded.id


def test_fixtures_models_and_demo_objects(client: OpenAI) -> None:
    models = {m.id for m in client.models.list()}
    assert {"gpt-5.4-mini", "text-embedding-3-small", "sora-2", "gpt-6-luna"} <= models
    assert client.safety.alerts.retrieve("alert_demo").id == "alert_demo"
    assert client.safety.cases.retrieve("case_demo").object == "safety.case"
    with pytest.raises(openai.NotFoundError):
        client.safety.alerts.retrieve("alert_unknown")


def test_missing_api_key_is_401() -> None:
    api = MockAPI()
    raw = httpx2.Client(transport=mock_client(api)._client._transport, base_url="http://mock.local/v1")
    reply = raw.get("/models")
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == "invalid_api_key"
    assert reply.json()["error"]["type"] == "invalid_request_error"
    assert reply.headers["x-request-id"].startswith("req_")


def test_missing_required_param_is_400_naming_it(client: OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as err:
        client.post("/vector_stores/vs_demo/files", body={}, cast_to=object)  # what a call without file_id sends
    assert err.value.param == "file_id"
    assert err.value.body == {
        "message": "Missing required parameter: 'file_id'.",
        "type": "invalid_request_error",
        "param": "file_id",
        "code": "missing_required_parameter",
    }


def test_unknown_route_is_404() -> None:
    with mock_client(MockAPI(), max_retries=0) as c:
        with pytest.raises(openai.NotFoundError) as err:
            c.get("/no/such/route", cast_to=object)
        assert err.value.code == "unknown_url"


def test_fault_injection(client: OpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(openai.RateLimitError) as err:
        client.models.list(extra_headers={"x-mock-status": "429"})
    assert err.value.response.headers["retry-after"] == "1"
    waits = sleeps_of_this_thread(monkeypatch)  # the in-process transport holds the answer back with `time.sleep`
    assert client.models.list(extra_headers={"x-mock-delay-ms": "200"}).data
    assert waits == [0.2]
    with pytest.raises(openai.APIConnectionError):
        client.models.list(extra_headers={"x-mock-drop": "1"})


@pytest.mark.parametrize("status", ["408", "409", "429", "503"])
def test_a_simulated_failure_the_sdk_retries_says_how_long_to_wait_and_the_sdk_waits_that_long(
    status: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every status the SDK retries carries `retry-after-ms` (10 ms unless `x-mock-retry-after-ms` says), so its
    retries wait what the server said instead of its exponential back-off (0.5 s, then 1 s)."""
    waits = sleeps_of_this_thread(monkeypatch)  # the SDK's `_sleep_for_retry` pauses with `time.sleep`
    retrying = mock_client(MockAPI(), max_retries=2, default_headers={"x-mock-status": status})
    with pytest.raises(openai.APIStatusError) as err:
        retrying.models.list()
    assert err.value.response.headers["retry-after-ms"] == "10"
    assert waits == [0.01, 0.01]
    waits.clear()
    with pytest.raises(openai.APIStatusError):
        retrying.models.list(extra_headers={"x-mock-retry-after-ms": "80"})
    assert waits == [0.08, 0.08]


def test_a_status_the_sdk_does_not_retry_says_nothing_about_waiting(client: OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as err:
        client.models.list(extra_headers={"x-mock-status": "400"})
    assert "retry-after-ms" not in err.value.response.headers


def test_responses_stream_event_order(client: OpenAI) -> None:
    with client.responses.stream(model="gpt-5.4-mini", input="Say hello.") as stream:
        events = list(stream)
        final = stream.get_final_response()
    kinds = [e.type for e in events]
    assert kinds[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert kinds[-4:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert [e.sequence_number for e in events] == list(range(len(events)))
    deltas = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert deltas == final.output_text == "Hello! How can I help you today?"


def test_chat_stream_ends_with_done_and_usage(client: OpenAI) -> None:
    chunks = list(
        client.chat.completions.create(
            model="gpt-5.4-mini",
            messages=[{"role": "user", "content": "你好"}],
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "你好！有什么可以帮你的吗？"  # the reply bank's answer, in the question's language
    assert chunks[-1].usage is not None and chunks[-1].usage.prompt_tokens == 2


def test_tools_then_final_answer(client: OpenAI) -> None:
    tools = [
        {
            "type": "function",
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        }
    ]
    first = client.responses.create(model="gpt-5.4-mini", input="Weather in Paris?", tools=tools)  # type: ignore[arg-type]
    call = first.output[0]
    assert call.type == "function_call" and '"city"' in call.arguments
    second = client.responses.create(
        model="gpt-5.4-mini",
        previous_response_id=first.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "18C and sunny"}],
    )
    assert "18C and sunny" in second.output_text


def test_embeddings_similarity_and_base64(client: OpenAI) -> None:
    def vec(text: str) -> list[float]:
        return (
            client.embeddings.create(model="text-embedding-3-small", input=text, encoding_format="float")
            .data[0]
            .embedding
        )

    cat, kitten, physics = vec("the cat sat on the mat"), vec("a cat on a mat"), vec("quantum field theory")
    assert len(cat) == 1536
    assert sum(a * b for a, b in zip(cat, kitten, strict=True)) > sum(a * b for a, b in zip(cat, physics, strict=True))
    assert (
        len(mock_client().embeddings.create(model="text-embedding-3-small", input="x", dimensions=64).data[0].embedding)
        == 64
    )


def test_moderation_images_and_audio(client: OpenAI) -> None:
    assert client.moderations.create(input="I am going to kill you").results[0].flagged is True
    assert client.moderations.create(input="What a lovely day").results[0].flagged is False
    image = client.images.generate(model="gpt-image-1-mini", prompt="a fox")
    assert image.data is not None
    assert base64.b64decode(image.data[0].b64_json or "").startswith(b"\x89PNG")
    short = client.audio.speech.create(model="gpt-4o-mini-tts", voice="alloy", input="hi", response_format="wav").read()
    long = client.audio.speech.create(
        model="gpt-4o-mini-tts", voice="alloy", input="hi " * 10, response_format="wav"
    ).read()
    assert short.startswith(b"RIFF") and len(long) > len(short)
    text = client.audio.transcriptions.create(
        model="gpt-4o-mini-transcribe", file=("a.wav", short), response_format="text"
    )
    assert text == "hi"  # speech the mock synthesised comes back as its sentence


def test_deepseek_profile_serves_only_chat_and_models() -> None:
    with running_server("deepseek") as url:
        client = OpenAI(api_key="sk-x", base_url=url, max_retries=0, _strict_response_validation=True)
        assert {m.id for m in client.models.list()} == {"deepseek-chat", "deepseek-reasoner"}
        reply = client.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": "hi"}])
        assert reply.model == "deepseek-chat"
        with pytest.raises(openai.NotFoundError):
            client.responses.create(model="deepseek-chat", input="hi")
        with pytest.raises(openai.NotFoundError):
            client.files.list()


def test_running_server_sync_and_async_share_state() -> None:
    with running_server() as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
        client = OpenAI(api_key="sk-x", base_url=url, _strict_response_validation=True)
        created = client.files.create(file=("a.txt", b"abc"), purpose="assistants")

        async def read_back() -> bytes:
            aclient = AsyncOpenAI(api_key="sk-x", base_url=url, _strict_response_validation=True)
            async with aclient:
                return (await aclient.files.content(created.id)).read()

        assert asyncio.run(read_back()) == b"abc"
        with pytest.raises(openai.APIConnectionError):
            OpenAI(api_key="sk-x", base_url=url, max_retries=0).models.list(extra_headers={"x-mock-drop": "1"})
    with running_server() as other, pytest.raises(openai.NotFoundError):  # a fresh server has fresh state
        OpenAI(api_key="sk-x", base_url=other, max_retries=0).files.retrieve(created.id)


def test_async_in_process_client() -> None:
    async def run() -> str:
        async with async_mock_client(_strict_response_validation=True) as client:
            reply = await client.responses.create(model="gpt-5.4-mini", input="async hello")
            return reply.output_text

    answer = asyncio.run(run())
    assert answer and "async hello" not in answer  # an answer (the bank's fallback), never an echo
