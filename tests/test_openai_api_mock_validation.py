"""Request checking like the real API: a top-level param of the wrong JSON type, or outside its
Literal, answers 400 ``invalid_request_error`` naming the param; never 200, never 500."""

from __future__ import annotations

from typing import Any

import httpx2
import openai
import pytest
from openai import OpenAI

from openai_api.mock.adapters.transport import MOCK_BASE_URL, mock_transport

MESSAGES: list[Any] = [{"role": "user", "content": "Say hello"}]


def _error(exc: pytest.ExceptionInfo[openai.BadRequestError]) -> dict[str, object]:
    body = exc.value.body
    assert isinstance(body, dict)
    return body


@pytest.mark.parametrize(
    ("extra", "param", "code"),
    [
        ({"temperature": "hot"}, "temperature", "invalid_type"),
        ({"messages": "hi"}, "messages", "invalid_type"),
        ({"n": 1.5}, "n", "invalid_type"),
        ({"stream": "yes"}, "stream", "invalid_type"),
        ({"reasoning_effort": "enormous"}, "reasoning_effort", "invalid_value"),
        ({"service_tier": 3}, "service_tier", "invalid_type"),
    ],
)
def test_wrong_body_types_through_the_sdk(client: OpenAI, extra: dict[str, object], param: str, code: str) -> None:
    with pytest.raises(openai.BadRequestError) as exc:
        client.chat.completions.create(model="gpt-5.4-mini", messages=MESSAGES, extra_body=extra)  # type: ignore[arg-type]
    assert exc.value.status_code == 400
    assert _error(exc) | {"message": None} == {
        "message": None,
        "type": "invalid_request_error",
        "param": param,
        "code": code,
    }


def test_wrong_query_type_through_the_sdk(client: OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as exc:
        client.files.list(extra_query={"limit": "x"})
    assert (_error(exc)["param"], _error(exc)["code"]) == ("limit", "invalid_type")
    with pytest.raises(openai.BadRequestError) as exc:
        client.files.list(extra_query={"order": "sideways"})
    assert (_error(exc)["param"], _error(exc)["code"]) == ("order", "invalid_value")
    assert client.files.list(limit=2, order="desc").data is not None  # right types still pass


def test_valid_requests_still_pass(client: OpenAI) -> None:
    reply = client.chat.completions.create(
        model="gpt-5.4-mini",
        messages=MESSAGES,
        temperature=0,
        n=1,
        reasoning_effort="low",  # type: ignore[arg-type]
    )
    assert reply.choices[0].message.content


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "param"),
    [
        ("POST", "/chat/completions", {"json": {"model": "gpt-5.4-mini", "messages": "hi"}}, "messages"),
        ("POST", "/chat/completions", {"json": {"model": 7, "messages": MESSAGES}}, "model"),
        (
            "POST",
            "/embeddings",
            {"json": {"model": "text-embedding-3-small", "input": "hi", "dimensions": "8"}},
            "dimensions",
        ),
        ("GET", "/files", {"params": {"limit": "x"}}, "limit"),
        ("GET", "/models", {}, None),
    ],
)
def test_raw_http(method: str, path: str, kwargs: dict[str, object], param: str | None) -> None:
    http = httpx2.Client(transport=mock_transport(), base_url=MOCK_BASE_URL)
    response = http.request(method, path.lstrip("/"), headers={"authorization": "Bearer sk-raw"}, **kwargs)  # type: ignore[arg-type]
    if param is None:
        assert response.status_code == 200
        return
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert error["param"] == param
    assert error["code"] in {"invalid_type", "invalid_value"}
    assert param in error["message"]
