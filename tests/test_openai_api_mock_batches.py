"""Batches: input files validated as the API validates them, the lifecycle advancing one state per retrieve, real
output files, cancellation, and the list order."""

from __future__ import annotations

import json
import re
from typing import Any

import openai
import pytest
from openai import OpenAI

MODEL = "gpt-5.4-mini"


def _batch_file(client: OpenAI, lines: list[str]) -> str:
    return client.files.create(file=("in.jsonl", "\n".join(lines).encode()), purpose="batch").id


def _until_done(client: OpenAI, batch_id: str) -> Any:
    for _ in range(5):
        batch = client.batches.retrieve(batch_id)
        if batch.status in {"completed", "failed"}:
            return batch
    raise AssertionError("the batch never finished")


def test_an_invalid_batch_input_file_fails_validation_with_line_errors(client: OpenAI) -> None:
    good = {"custom_id": "a", "method": "POST", "url": "/v1/responses", "body": {"model": MODEL, "input": "hi"}}
    lines = [
        json.dumps(good),
        json.dumps({**good, "method": "GET", "url": "/v1/chat/completions"}),  # duplicate id, wrong method and url
        "{not json",
        json.dumps({"custom_id": "c", "method": "POST", "url": "/v1/responses"}),
    ]
    batch = client.batches.create(
        input_file_id=_batch_file(client, lines), endpoint="/v1/responses", completion_window="24h"
    )
    assert batch.status == "validating"
    failed = _until_done(client, batch.id)
    assert failed.status == "failed" and failed.failed_at and failed.output_file_id is None
    assert failed.errors is not None
    found = [(e.code, e.line, e.param) for e in failed.errors.data or []]
    assert found == [
        ("duplicate_custom_id", 2, "custom_id"),
        ("invalid_method", 2, "method"),
        ("url_mismatch", 2, "url"),
        ("invalid_json_line", 3, None),
        ("missing_required_parameter", 4, "body"),
    ]
    messages = [e.message or "" for e in failed.errors.data or []]
    assert "/v1/chat/completions" in messages[2] and "/v1/responses" in messages[2]
    empty = client.batches.create(
        input_file_id=_batch_file(client, []), endpoint="/v1/responses", completion_window="24h"
    )
    errors = _until_done(client, empty.id).errors
    assert errors is not None and [(e.code, e.line) for e in errors.data or []] == [("empty_file", None)]


def test_a_valid_batch_input_file_still_completes(client: OpenAI) -> None:
    lines = [
        json.dumps({"custom_id": f"q{n}", "method": "POST", "url": "/v1/chat/completions", "body": body})
        for n, body in enumerate([{"model": MODEL, "messages": [{"role": "user", "content": "hi"}]}] * 2)
    ]
    batch = client.batches.create(
        input_file_id=_batch_file(client, lines), endpoint="/v1/chat/completions", completion_window="24h"
    )
    done = _until_done(client, batch.id)
    assert done.status == "completed" and done.errors is None
    assert done.request_counts is not None and done.request_counts.completed == 2


def test_batch_lifecycle_advances_on_retrieve_and_writes_real_output(client: OpenAI) -> None:
    line = {
        "custom_id": "q1",
        "method": "POST",
        "url": "/v1/responses",
        "body": {"model": "gpt-5.4-mini", "input": "hi"},
    }
    src = client.files.create(file=("batch.jsonl", json.dumps(line).encode()), purpose="batch")
    batch = client.batches.create(input_file_id=src.id, endpoint="/v1/responses", completion_window="24h")
    assert batch.status == "validating" and batch.request_counts is not None
    statuses = [client.batches.retrieve(batch.id).status for _ in range(3)]
    assert statuses == ["in_progress", "completed", "completed"]
    done = client.batches.retrieve(batch.id)
    assert done.output_file_id and done.request_counts and done.request_counts.completed == 1
    row = json.loads(client.files.content(done.output_file_id).text.splitlines()[0])
    assert row["custom_id"] == "q1" and row["response"]["status_code"] == 200
    assert row["response"]["body"]["object"] == "response"
    assert row["response"]["body"]["output"][0]["content"][0]["text"] == "Hi! How can I help you today?"
    assert re.fullmatch(r"req_[0-9a-f]{24}", row["response"]["request_id"])


def test_batch_cancel_goes_through_cancelling(client: OpenAI) -> None:
    batch = client.batches.create(input_file_id="file_demo", endpoint="/v1/responses", completion_window="24h")
    assert client.batches.cancel(batch.id).status == "cancelling"
    assert client.batches.retrieve(batch.id).status == "cancelled"
    with pytest.raises(openai.BadRequestError):
        client.batches.cancel(batch.id)


def test_batches_list_newest_first(client: OpenAI) -> None:
    ids = [
        client.batches.create(input_file_id=f"file_{i}_demo", endpoint="/v1/responses", completion_window="24h").id
        for i in range(3)
    ]
    assert [b.id for b in client.batches.list() if b.id in ids] == list(reversed(ids))  # fixtures are older


def test_a_pending_batch_says_when_to_poll_again_and_a_finished_one_does_not(client: OpenAI) -> None:
    """`openai-poll-after-ms` on every answer about a batch still being worked on (create, retrieve, cancel), none
    on a finished one: a poll loop waits what the server asks, as the SDK's own poll helpers do."""
    src = _batch_file(client, [json.dumps({"custom_id": "a", "method": "POST", "url": "/v1/responses", "body": {}})])
    raw = client.batches.with_raw_response.create(input_file_id=src, endpoint="/v1/responses", completion_window="24h")
    hints = [(raw.parse().status, raw.headers.get("openai-poll-after-ms"))]
    for _ in range(2):
        raw = client.batches.with_raw_response.retrieve(raw.parse().id)
        hints.append((raw.parse().status, raw.headers.get("openai-poll-after-ms")))
    assert hints == [("validating", "100"), ("in_progress", "100"), ("completed", None)]
    other = client.batches.create(input_file_id=src, endpoint="/v1/responses", completion_window="24h")
    cancelling = client.batches.with_raw_response.cancel(other.id)
    assert (cancelling.parse().status, cancelling.headers.get("openai-poll-after-ms")) == ("cancelling", "100")
    job = client.fine_tuning.jobs.with_raw_response.create(model="gpt-4o-mini-2024-07-18", training_file="file_demo")
    assert (job.parse().status, job.headers.get("openai-poll-after-ms")) == ("validating_files", "100")
