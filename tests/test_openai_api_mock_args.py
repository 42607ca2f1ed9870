"""``openai_api.sdk.arguments`` (minimal arguments for any SDK method) and ``openai_api.sdk.webhook_signing``
(deliveries signed like OpenAI's, checked by the SDK's own ``webhooks.unwrap``/``verify_signature``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pytest
from openai import InvalidWebhookSignatureError, OpenAI

from openai_api.sdk.arguments import ReplyModel, build_args
from openai_api.sdk.webhook_signing import signed_event

SECRET = "whsec_c2VjcmV0LWZvci10ZXN0cw=="


def test_path_ids_are_demo_ids_and_required_arguments_are_filled(client: OpenAI) -> None:
    args = build_args("vector_stores.files.retrieve", client.vector_stores.files.retrieve, frozenset({"file_id"}))
    assert args == {"file_id": "file_demo", "vector_store_id": "mock"}
    helper = build_args("beta.threads.runs.poll", client.beta.threads.runs.poll)  # no route: *_id are ids
    assert helper == {"run_id": "run_demo", "thread_id": "thread_demo"}


def test_yaml_values_become_objects(client: OpenAI) -> None:
    parse = build_args("chat.completions.parse", client.chat.completions.parse)
    assert parse["response_format"] is ReplyModel
    assert parse["messages"] == [{"role": "user", "content": "Say hello"}]
    prepared = build_args(
        "beta.agents.environments.files.prepare_directory", client.beta.agents.environments.files.prepare_directory
    )
    assert (Path(prepared["root"]) / "notes.txt").read_text() == "Notes for the agent.\n"


def test_signed_event_is_accepted_by_the_sdk(client: OpenAI) -> None:
    payload, headers = signed_event("response.completed", {"id": "resp_abc"}, SECRET)
    client.webhooks.verify_signature(payload, headers, secret=SECRET)
    event = client.webhooks.unwrap(payload, headers, secret=SECRET)
    assert event.type == "response.completed"
    assert event.data.id == "resp_abc"


def test_tampered_or_wrongly_signed_payload_is_rejected(client: OpenAI) -> None:
    payload, headers = signed_event("batch.completed", {"id": "batch_abc"}, SECRET)
    tampered = json.dumps({**json.loads(payload), "data": {"id": "batch_evil"}}, separators=(",", ":"))
    with pytest.raises(InvalidWebhookSignatureError):
        client.webhooks.unwrap(tampered, headers, secret=SECRET)
    with pytest.raises(InvalidWebhookSignatureError):
        client.webhooks.verify_signature(payload, headers, secret="whsec_b3RoZXItc2VjcmV0")
    old_payload, old_headers = signed_event("batch.completed", {"id": "batch_abc"}, SECRET, timestamp=1_000_000_000)
    with pytest.raises(InvalidWebhookSignatureError, match="too old"):
        client.webhooks.verify_signature(old_payload, old_headers, secret=SECRET)


def _method_with_an_unresolvable_optional_argument(
    name: Literal["a", "b"],
    note: NotDefinedAnywhere = None,  # noqa: F821  # pyright: ignore[reportUndefinedVariable]
) -> None:
    """A method whose optional argument's annotation names nothing that exists."""


def test_only_the_filled_arguments_annotations_are_evaluated() -> None:
    """`build_args` reads the annotations of the arguments it fills, not of every argument (the SDK's methods have
    dozens of optional ones): the unresolvable one is never evaluated."""
    assert build_args("local.method", _method_with_an_unresolvable_optional_argument) == {"name": "a"}
