"""The status contract, secret redaction, flags and provider resolution: the pieces every runner path shares."""

from __future__ import annotations

import httpx2
import openai
import pytest

from openai_api.core.catalog import load_catalog
from openai_api.core.providers import ProviderError, localize_models, resolve_target, target_for
from openai_api.core.redaction import redact
from openai_api.core.runner import run_example, target_environment
from openai_api.core.settings import parse_flag
from openai_api.core.status import Status, classify

REQUEST = httpx2.Request("POST", "http://127.0.0.1:9/v1/responses")


def status_error(code: int, message: str = "boom") -> openai.APIStatusError:
    response = httpx2.Response(code, request=REQUEST, headers={"x-request-id": "req_123"})
    client = openai.OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9/v1")
    return client._make_status_error(message, body=None, response=response)


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (401, Status.AUTH_ERROR),
        (403, Status.AUTH_ERROR),
        (404, Status.UNSUPPORTED_BY_PROVIDER),
        (405, Status.UNSUPPORTED_BY_PROVIDER),
        (501, Status.UNSUPPORTED_BY_PROVIDER),
        (429, Status.RATE_LIMITED),
        (500, Status.PROVIDER_SERVER_ERROR),
        (503, Status.PROVIDER_SERVER_ERROR),
        (400, Status.UNKNOWN_ERROR),
        (422, Status.UNKNOWN_ERROR),
    ],
)
def test_http_status_maps_to_the_contract(code: int, status: Status) -> None:
    found = classify(status_error(code))
    assert (found.status, found.http_status, found.request_id) == (status, code, "req_123")


def test_a_400_saying_not_supported_is_unsupported() -> None:
    assert classify(status_error(400, "This endpoint is not supported")).status == Status.UNSUPPORTED_BY_PROVIDER


def test_connection_errors_and_timeouts_are_network_errors() -> None:
    assert classify(openai.APIConnectionError(request=REQUEST)).status == Status.NETWORK_ERROR
    assert classify(openai.APITimeoutError(request=REQUEST)).status == Status.NETWORK_ERROR


def test_a_connection_error_says_what_the_http_client_saw() -> None:
    """The SDK says "Connection error." for a refusal, a reset and a redirect loop alike; the cause tells them apart."""
    try:
        try:
            raise httpx2.TooManyRedirects("Exceeded maximum allowed redirects.", request=REQUEST)
        except httpx2.TooManyRedirects as cause:
            raise openai.APIConnectionError(request=REQUEST) from cause
    except openai.APIConnectionError as error:
        found = classify(error)
    assert (found.status, found.detail) == (
        Status.NETWORK_ERROR,
        "APIConnectionError: Connection error. (TooManyRedirects: Exceeded maximum allowed redirects.)",
    )
    assert classify(openai.APIConnectionError(request=REQUEST)).detail == "APIConnectionError: Connection error."


def test_local_errors_are_unknown_with_their_message() -> None:
    found = classify(TypeError("create() missing 1 required keyword-only argument: 'model'"))
    assert found.status == Status.UNKNOWN_ERROR and "missing 1 required" in found.detail


def test_redaction_masks_the_key_and_its_long_prefixes() -> None:
    key = "sk-proj-abcdefghijklmnop"
    text = f"key={key}; echoed sk-proj-****mnop; short sk-p ok"
    masked = redact(text, [key])
    assert key not in masked and "sk-pr" not in masked
    assert "sk-p ok" in masked and "mnop" in masked


@pytest.mark.parametrize(
    ("value", "expected"), [("y", True), ("YES", True), ("1", True), ("n", False), ("false", False)]
)
def test_flags_accept_the_usual_spellings(value: str, expected: bool) -> None:
    assert parse_flag(value, "--print-trace") is expected


def test_a_bad_flag_names_itself() -> None:
    with pytest.raises(ValueError, match="--print-trace: expected y/n"):
        parse_flag("maybe", "--print-trace")


def test_provider_resolution_follows_the_seed_order() -> None:
    assert resolve_target(None, {}).name == "mock"
    assert resolve_target(None, {"OPENAI_API_KEY": "sk-a"}).name == "openai"
    both = {"OPENAI_API_KEY": "sk-a", "DEEPSEEK_API_KEY": "sk-b"}
    deepseek = resolve_target(None, both)
    assert deepseek.name == "deepseek" and deepseek.base_url == "https://api.deepseek.com"
    assert deepseek.models["chat"] == "deepseek-chat"
    assert resolve_target(None, {**both, "DEEPSEEK_MODEL": "deepseek-reasoner"}).models["chat"] == "deepseek-reasoner"
    assert (
        resolve_target("openai", {**both, "OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}).base_url
        == "http://127.0.0.1:1/v1"
    )
    assert "sk-b" not in repr(deepseek)


def test_unknown_provider_and_missing_key_are_clear_errors() -> None:
    with pytest.raises(ProviderError, match="unknown provider 'acme'"):
        target_for("acme", {})
    with pytest.raises(ProviderError, match=r"needs an API key in \$DEEPSEEK_API_KEY"):
        target_for("deepseek", {})


def test_models_are_localized_per_provider() -> None:
    code = 'client.chat.completions.create(model="gpt-5.4-mini", messages=[])\nembed(model="text-embedding-3-small")'
    deepseek = target_for("deepseek", {"DEEPSEEK_API_KEY": "sk-x"})
    localized = localize_models(code, deepseek)
    assert 'model="deepseek-chat"' in localized and 'model="text-embedding-3-small"' in localized
    assert localize_models(code, target_for("mock", {})) == code


def test_runner_never_raises_and_skips_high_side_effects_on_live_targets() -> None:
    catalog = load_catalog()
    images = catalog.feature("images")
    live = target_for("openai", {"OPENAI_API_KEY": "sk-live-abcdef", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    skipped = run_example(images, "sync", "raise SystemExit(3)", live)
    assert skipped.status == Status.SKIPPED_BY_POLICY and skipped.elapsed_ms == 0
    with target_environment(live):
        result = run_example(
            images, "sync", "print('sk-live-abcdef')\nraise SystemExit(3)", live, include_side_effects=True
        )
    assert result.status == Status.UNKNOWN_ERROR and "SystemExit" in result.detail
    assert "sk-live" not in result.output
