"""Background responses on the mock: `background=True` answers `queued` at once, and each retrieve advances one
step (`in_progress`, then the finished response with its output and usage), so a reader's poll loop ends."""

from __future__ import annotations

from openai import OpenAI

from openai_api.mock import mock_client
from openai_api.mock.core import MockAPI


def _client() -> OpenAI:
    return mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)


def test_background_response_is_queued_then_completes_step_by_step() -> None:
    client = _client()
    created = client.responses.create(model="gpt-5.4-mini", input="Say hello.", background=True)
    assert (created.status, created.output, created.usage) == ("queued", [], None)
    first = client.responses.retrieve(created.id)
    assert (first.status, first.output) == ("in_progress", [])
    second = client.responses.retrieve(created.id)
    assert second.status == "completed"
    assert second.output_text == "Hello! How can I help you today?"
    assert second.usage is not None and second.usage.output_tokens > 0
    third = client.responses.retrieve(created.id)
    assert (third.status, third.output_text) == ("completed", second.output_text)


def test_background_keeps_the_final_state_of_a_cut_answer() -> None:
    client = _client()
    created = client.responses.create(model="gpt-5.4-mini", input="Say hello.", background=True, max_output_tokens=2)
    statuses = [created.status]
    response = created
    for _ in range(5):
        if response.status not in {"queued", "in_progress"}:
            break
        response = client.responses.retrieve(created.id)
        statuses.append(response.status)
    assert statuses == ["queued", "in_progress", "incomplete"]
    assert response.incomplete_details is not None and response.incomplete_details.reason == "max_output_tokens"


def test_without_background_the_response_is_finished_at_once() -> None:
    client = _client()
    created = client.responses.create(model="gpt-5.4-mini", input="Say hello.")
    assert created.status == "completed"
    assert client.responses.retrieve(created.id).status == "completed"


def test_a_pending_background_response_says_when_to_poll_again_and_a_finished_one_does_not() -> None:
    """`openai-poll-after-ms`, as the SDK's poll helpers read it: on `queued` and `in_progress`, not once finished."""
    client = _client()
    raw = client.responses.with_raw_response.create(model="gpt-5.4-mini", input="Say hello.", background=True)
    hints = [(raw.parse().status, raw.headers.get("openai-poll-after-ms"))]
    for _ in range(2):
        raw = client.responses.with_raw_response.retrieve(raw.parse().id)
        hints.append((raw.parse().status, raw.headers.get("openai-poll-after-ms")))
    assert hints == [("queued", "100"), ("in_progress", "100"), ("completed", None)]
    plain = client.responses.with_raw_response.create(model="gpt-5.4-mini", input="Say hello.")
    assert "openai-poll-after-ms" not in plain.headers
