"""Azure OpenAI against the mock: `AzureOpenAI` sends `/openai/deployments/<deployment>/...?api-version=...` with an
`api-key` header (and `/openai/responses` for Responses); the mock must answer those with the `/v1` handlers, any
deployment name being accepted as the model, and keep the state per key as it does per bearer token."""

from __future__ import annotations

import httpx2
import pytest
from openai import AzureOpenAI

from openai_api.mock.adapters.server import running_server
from openai_api.mock.core import MockAPI
from openai_api.mock.wire import MockRequest


def test_azure_paths_map_to_the_v1_routes() -> None:
    chat = MockRequest.build("POST", "/openai/deployments/my-deploy/chat/completions", "api-version=2024-10-21")
    assert (chat.path, chat.query, chat.deployment) == ("/chat/completions", {}, "my-deploy")
    responses = MockRequest.build("POST", "/openai/v1/responses", "api-version=preview")
    assert (responses.path, responses.deployment) == ("/responses", "")
    plain = MockRequest.build("POST", "/v1/chat/completions", "api-version=x")
    assert (plain.path, plain.query, plain.deployment) == ("/chat/completions", {"api-version": "x"}, None)


def test_api_key_header_is_the_key() -> None:
    request = MockRequest.build("GET", "/openai/models", headers={"api-key": "azure-key-1"})
    assert request.api_key() == "azure-key-1"
    bearer = MockRequest.build("GET", "/v1/models", headers={"Authorization": "Bearer sk-1", "api-key": "other"})
    assert bearer.api_key() == "sk-1"


def test_azure_client_runs_against_the_server() -> None:
    api = MockAPI()
    with running_server(api=api) as base_url:
        endpoint = base_url.removesuffix("/v1")
        with AzureOpenAI(azure_endpoint=endpoint, api_version="2024-10-21", api_key="azure-key-7") as client:
            raw = client.chat.completions.with_raw_response.create(
                model="my-gpt-deployment", messages=[{"role": "user", "content": "Say hello."}]
            )
            completion = raw.parse()
            response = client.responses.create(model="my-gpt-deployment", input="Say hello.")
    assert raw.http_request.url.path == "/openai/deployments/my-gpt-deployment/chat/completions"
    assert raw.http_request.headers["api-key"] == "azure-key-7"
    assert completion.model == "my-gpt-deployment"
    assert completion.choices[0].message.content == "Hello! How can I help you today?"
    assert response.output_text == "Hello! How can I help you today?"
    assert "azure-key-7" in api.tokens()


def test_unknown_model_on_v1_is_still_refused() -> None:
    """Only Azure's deployments are free names: on /v1 a made-up model stays a 404 `model_not_found`."""
    api = MockAPI()
    with running_server(api=api) as base_url:
        reply = httpx2.post(
            f"{base_url}/chat/completions",
            headers={"Authorization": "Bearer sk-x"},
            json={"model": "my-gpt-deployment", "messages": [{"role": "user", "content": "Say hello."}]},
        )
    assert reply.status_code == 404
    assert reply.json()["error"]["code"] == "model_not_found"


@pytest.mark.parametrize("path", ["/openai/nothing-here", "/elsewhere/chat/completions"])
def test_unknown_paths_are_404(path: str) -> None:
    with running_server() as base_url:
        reply = httpx2.get(base_url.removesuffix("/v1") + path, headers={"api-key": "k"})
    assert reply.status_code == 404
