"""The embedded mock answered in process: a configured client's calls to the served mock skip the socket, share the
served mock's state, keep their read timeout, and calls to any other origin still go over the network."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import openai
import pytest
from conftest import sleeps_of_this_thread

from openai_api.core.providers import target_for
from openai_api.core.runner import client_defaults, target_environment
from openai_api.mock import MockAPI, async_mock_client, mock_client, running_server
from openai_api.mock.adapters.server import Served, serving

SERVER_LOG = "openai_api.mock"  # the server adapter logs one line per request it answers


@pytest.fixture
def served() -> Iterator[Served]:
    with serving("openai") as served:
        assert served is not None
        yield served


def _served_paths(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [str(record.args[1]) for record in caplog.records if record.name == SERVER_LOG]  # type: ignore[index]


def test_a_configured_client_is_answered_in_process_by_the_served_mock(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=SERVER_LOG)
    with (
        target_environment(target_for("mock", {}), served.base_url),
        client_defaults(None, None, in_process=served),
    ):
        client = openai.OpenAI(max_retries=0)
        uploaded = client.files.create(file=("notes.txt", b"in process"), purpose="user_data")
        assert _served_paths(caplog) == []  # no request reached the server
        # A client the example configures itself goes over the socket, to the same mock: it sees the upload.
        own = openai.OpenAI(max_retries=0, http_client=openai.DefaultHttpxClient())
        assert own.files.retrieve(uploaded.id).filename == "notes.txt"
        assert _served_paths(caplog) == [f"/v1/files/{uploaded.id}"]
        # So do clients the SDK copies from a routed one.
        assert client.with_options(timeout=5).files.retrieve(uploaded.id).id == uploaded.id
        assert _served_paths(caplog) == [f"/v1/files/{uploaded.id}"]


def test_another_origin_is_still_reached_over_the_network(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=SERVER_LOG)
    with (
        running_server() as elsewhere,
        target_environment(target_for("mock", {}), served.base_url),
        client_defaults(None, None, in_process=served),
    ):
        here = openai.OpenAI(max_retries=0)
        there = openai.OpenAI(max_retries=0, base_url=elsewhere)
        here.files.create(file=("a.txt", b"a"), purpose="user_data")
        assert [f.filename for f in there.files.list()] == []  # another mock, with its own state
        assert _served_paths(caplog) == ["/v1/files"]  # the other server's answer; the upload never left


def test_an_async_client_is_routed_too(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=SERVER_LOG)

    async def upload_and_count() -> int:
        client = openai.AsyncOpenAI(max_retries=0)
        await client.files.create(file=("b.txt", b"b"), purpose="user_data")
        return len((await client.files.list()).data)

    with (
        target_environment(target_for("mock", {}), served.base_url),
        client_defaults(None, None, in_process=served),
    ):
        assert asyncio.run(upload_and_count()) == 1
    assert _served_paths(caplog) == []


def test_threads_of_one_example_share_the_in_process_mock_safely(served: Served) -> None:
    """Over the socket the server answered one request at a time; in process, an example's threads (and the
    probe's concurrent examples) call the mock at once."""
    with (
        target_environment(target_for("mock", {}), served.base_url),
        client_defaults(None, None, in_process=served),
    ):

        def upload(thread: int) -> None:
            client = openai.OpenAI(max_retries=0)
            for number in range(10):
                client.files.create(file=(f"{thread}-{number}.txt", b"x"), purpose="user_data")

        with ThreadPoolExecutor(max_workers=8) as pool:
            for future in [pool.submit(upload, thread) for thread in range(8)]:
                future.result(timeout=60)
        names = [file.filename for file in openai.OpenAI(max_retries=0).files.list()]
    assert sorted(names) == sorted(f"{thread}-{number}.txt" for thread in range(8) for number in range(10))


@pytest.mark.parametrize(("timeout", "waited", "fails"), [(0.25, 0.25, True), (5.0, 2.0, False), (None, 2.0, False)])
def test_the_in_process_mock_keeps_the_read_timeout(
    timeout: float | None, waited: float, fails: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2 s answer: a client that waits 0.25 s times out after 0.25 s, as over a socket; one that waits longer
    (or without limit) gets the answer after 2 s."""
    waits = sleeps_of_this_thread(monkeypatch)
    client = mock_client(MockAPI(), max_retries=0, timeout=timeout)
    slow = {"x-mock-delay-ms": "2000"}
    if fails:
        with pytest.raises(openai.APITimeoutError):
            client.models.list(extra_headers=slow)
    else:
        assert client.models.list(extra_headers=slow).data
    assert waits == [waited]


def test_the_async_in_process_mock_keeps_the_read_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    real_sleep, test_thread = asyncio.sleep, threading.get_ident()

    async def pause(delay: float, result: object = None) -> object:
        # only this test's own waits: the session's mock server thread (its own event loop) ticks every 0.1 s
        # meanwhile, and a patched sleep that returned at once would spin it
        if threading.get_ident() != test_thread:
            return await real_sleep(delay, result)
        waits.append(delay)
        return result

    monkeypatch.setattr(asyncio, "sleep", pause)
    client = async_mock_client(MockAPI(), max_retries=0, timeout=0.25)

    async def retrieve() -> None:
        await client.models.retrieve("gpt-5.4-mini", extra_headers={"x-mock-delay-ms": "2000"})

    with pytest.raises(openai.APITimeoutError):
        asyncio.run(retrieve())
    assert waits == [0.25]


def test_a_stream_says_the_same_content_type_in_process_and_over_http(served: Served) -> None:
    """What the real API sends for a stream; the server adapter (Starlette) would add the charset on its own."""
    over_http = openai.OpenAI(api_key="sk-mock", base_url=served.base_url, max_retries=0)
    in_process = mock_client(MockAPI(), max_retries=0)
    for client in (over_http, in_process):
        with client.chat.completions.with_streaming_response.create(
            model="gpt-5.4-mini", messages=[{"role": "user", "content": "Hi"}], stream=True
        ) as response:
            assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
