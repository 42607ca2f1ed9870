"""The finish reasons `chat.completions.parse()` refuses: the mock cuts an answer at `max_completion_tokens`
(`length`) and answers `content_filter` when asked through `x-mock-finish-reason`, so the SDK raises
`LengthFinishReasonError` and `ContentFilterFinishReasonError` as it does against the real API."""

from __future__ import annotations

import openai
import pytest
from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel

from openai_api.mock import mock_client
from openai_api.mock.core import MockAPI

_MESSAGES: list[ChatCompletionMessageParam] = [{"role": "user", "content": "Say hello."}]


class Greeting(BaseModel):
    text: str


def _client() -> openai.OpenAI:
    return mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)


def test_a_cut_answer_is_length_and_parse_raises() -> None:
    client = _client()
    cut = client.chat.completions.create(model="gpt-5.4-mini", messages=_MESSAGES, max_completion_tokens=2)
    assert cut.choices[0].finish_reason == "length"
    assert cut.usage is not None and cut.usage.completion_tokens == 2
    with pytest.raises(openai.LengthFinishReasonError) as raised:
        client.chat.completions.parse(
            model="gpt-5.4-mini", messages=_MESSAGES, response_format=Greeting, max_completion_tokens=2
        )
    assert raised.value.completion.choices[0].finish_reason == "length"


def test_content_filter_on_request_and_parse_raises() -> None:
    client = _client()
    headers = {"x-mock-finish-reason": "content_filter"}
    filtered = client.chat.completions.create(model="gpt-5.4-mini", messages=_MESSAGES, extra_headers=headers)
    assert (filtered.choices[0].finish_reason, filtered.choices[0].message.content) == ("content_filter", None)
    with pytest.raises(openai.ContentFilterFinishReasonError):
        client.chat.completions.parse(
            model="gpt-5.4-mini", messages=_MESSAGES, response_format=Greeting, extra_headers=headers
        )
    streamed = client.chat.completions.create(
        model="gpt-5.4-mini", messages=_MESSAGES, extra_headers=headers, stream=True
    )
    reasons = [c.choices[0].finish_reason for c in streamed if c.choices and c.choices[0].finish_reason]
    assert reasons == ["content_filter"]


def test_without_the_switch_the_answer_is_complete() -> None:
    completion = _client().chat.completions.create(model="gpt-5.4-mini", messages=_MESSAGES)
    assert completion.choices[0].finish_reason == "stop"
    assert completion.choices[0].message.content == "Hello! How can I help you today?"
