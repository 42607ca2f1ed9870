"""Every example ends, every status tells the truth, every call is traced: against real servers on 127.0.0.1 that
hang, that never finish a batch, that list models but cannot retrieve one."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Builder
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route

from openai_api.core.catalog import ROOT, GuideExample, load_catalog
from openai_api.core.deadline import Deadline
from openai_api.core.providers import target_for
from openai_api.core.runner import client_defaults, run_example, target_environment
from openai_api.core.settings import DocsSettings, ProbeSettings, derived_deadline
from openai_api.mock.adapters.asgi import create_app
from openai_api.mock.adapters.server import running_app, running_server
from openai_api.probe.cli import main

CATALOG = load_catalog()
HIGH = {f.id for f in CATALOG.features if f.side_effect == "high"}
LOCAL_ONLY = {"webhooks"}  # verifies a signature locally: no HTTP call to hang on
KEY = "sk-deadline-test-0a1b2c3d4e5f"
ADMIN_KEY = "sk-admin-deadline-test-9z8y7x"
HANG_GUARD = 180  # seconds: only there so that a regression fails instead of hanging the suite


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A real TCP server that accepts every connection and never answers a byte."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(256)
    listener.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        listener.close()


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DEEPSEEK_"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def test_the_whole_probe_against_a_silent_server_ends_and_every_feature_is_a_network_error(
    tmp_path: Path, silent_server: str
) -> None:
    report = tmp_path / "report.json"
    command = ["--provider", "openai", "--scope", "all", "--timeout", "2", "--print-trace", "y"]
    command += ["--report", str(report)]
    process = subprocess.run(
        [sys.executable, "-m", "openai_api.main", *command],
        cwd=tmp_path,
        env=clean_env(OPENAI_API_KEY=KEY, OPENAI_BASE_URL=silent_server, OPENAI_ADMIN_KEY=ADMIN_KEY),
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert process.returncode == 0, process.stderr[-3000:]
    results = {r["id"]: r for r in json.loads(report.read_text(encoding="utf-8"))["results"]}
    assert set(results) == {f.id for f in CATALOG.features}
    for feature_id, result in results.items():
        want = "skipped_by_policy" if feature_id in HIGH else "ok" if feature_id in LOCAL_ONLY else "network_error"
        assert result["status"] == want, result
        if want == "network_error":
            assert result["calls"] and result["calls"][-1]["http_status"] is None, result
    # The example that asks for timeout=120 and max_retries=5 is capped by --timeout and stopped at the deadline.
    patient = results["client_with_options"]
    assert patient["detail"].startswith("deadline of 8 s (4 x --timeout) exceeded while waiting for "), patient
    assert "POST /responses" in patient["detail"]
    assert patient["detail"].endswith("timeout 120 s capped to 2 s (--timeout)"), patient
    assert {call["note"].split(";")[0] for call in patient["calls"]} == {"timeout 120 s capped to 2 s"}
    assert "capped to 2 s" in process.stdout and KEY[:5] not in process.stdout + report.read_text()


def test_a_pause_and_a_hanging_call_stop_at_the_deadline_whatever_the_example_catches(silent_server: str) -> None:
    feature = GuideExample("stuck", "none")
    target = target_for("openai", {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": silent_server})
    swallowing = (
        "import time\nfrom openai import OpenAI\n\n"
        "client = OpenAI(timeout=600, max_retries=0)\n"
        "for _ in range(3):\n"
        "    try:\n"
        "        client.models.list()\n"
        "    except Exception as error:\n"
        "        print('caught', type(error).__name__)\n"
    )
    sleeping = "import time\n\ntime.sleep(600)\nprint('woke up')\n"
    with target_environment(target), client_defaults(None, None):
        hanging = run_example(feature, "sync", swallowing, target, deadline=Deadline(1.0, "--deadline"))
        pause = run_example(feature, "sync", sleeping, target, deadline=Deadline(0.5, "--deadline"))
    assert hanging.status == "network_error"
    assert hanging.detail == "deadline of 1 s (--deadline) exceeded while waiting for GET /models (in flight)"
    assert hanging.output == ""  # `except Exception` did not see the stop
    assert [(c.method, c.path, c.http_status) for c in hanging.calls] == [("GET", "/models", None)]
    assert pause.status == "network_error" and pause.output == ""
    assert pause.detail == "deadline of 0.5 s (--deadline) exceeded while waiting for a pause of 600.0 s"


def test_deadline_settings_are_read_checked_and_derived() -> None:
    assert ProbeSettings.from_env({}).deadline is None
    assert ProbeSettings.from_env({"OPENAI_API_PROBE_DEADLINE_SECONDS": "12.5"}).deadline == 12.5
    assert (derived_deadline(2), derived_deadline(30), derived_deadline(0.3)) == (8, 120, 5)
    assert DocsSettings.from_env({}).deadline == 120
    assert DocsSettings.from_env({"OPENAI_API_DOCS_DEADLINE_SECONDS": "3"}).deadline == 3
    with pytest.raises(ValueError, match=r"OPENAI_API_DOCS_DEADLINE_SECONDS: expected a number from 0\.1 to 86400"):
        DocsSettings.from_env({"OPENAI_API_DOCS_DEADLINE_SECONDS": "soon"})


def probe_report(tmp_path: Path, base_url: str, scope: str, *, admin_key: str | None) -> dict[str, Any]:
    report = tmp_path / "report.json"
    saved = dict(os.environ)
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "DEEPSEEK_")):
            del os.environ[name]
    os.environ.update({"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": base_url})
    if admin_key:
        os.environ["OPENAI_ADMIN_KEY"] = admin_key
    try:
        main(["--provider", "openai", "--scope", scope, "--print-trace", "n", "--report", str(report)])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return json.loads(report.read_text(encoding="utf-8"))


def test_admin_without_an_admin_key_is_an_auth_error_naming_it_and_sends_nothing(tmp_path: Path) -> None:
    seen: list[str] = []
    mock = create_app("openai")

    async def counting(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            seen.append(scope["path"])
        await mock(scope, receive, send)

    with running_app(counting) as base_url:
        without = probe_report(tmp_path, base_url, "admin", admin_key=None)["results"][0]
        assert seen == []
        with_key = probe_report(tmp_path, base_url, "admin", admin_key=ADMIN_KEY)["results"][0]
    assert (without["status"], without["calls"]) == ("auth_error", [])
    assert without["detail"] == "needs OPENAI_ADMIN_KEY, which is not set: nothing was sent"
    assert with_key["status"] == "ok" and seen == ["/v1/organization/projects"]


def test_the_trace_shows_a_list_that_worked_and_a_retrieve_that_did_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async def models(request: Request) -> Response:
        body = {"object": "list", "data": [{"id": "gpt-5.4-mini", "object": "model", "created": 1, "owned_by": "x"}]}
        return JSONResponse(body, headers={"x-request-id": "req_list_1"})

    async def model(request: Request) -> Response:
        error = {"error": {"message": "no such model", "type": "invalid_request_error", "param": None, "code": None}}
        return JSONResponse(error, status_code=404, headers={"x-request-id": "req_missing_2"})

    app = Starlette(routes=[Route("/v1/models", models), Route("/v1/models/{name:path}", model)])
    with running_app(app) as base_url:
        saved = dict(os.environ)
        for name in list(os.environ):
            if name.startswith(("OPENAI_", "DEEPSEEK_")):
                del os.environ[name]
        os.environ.update({"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": base_url})
        report = tmp_path / "report.json"
        try:
            main(["--provider", "openai", "--scope", "models", "--print-trace", "y", "--report", str(report)])
        finally:
            os.environ.clear()
            os.environ.update(saved)
    result = json.loads(report.read_text(encoding="utf-8"))["results"][0]
    assert result["status"] == "unsupported_by_provider"
    assert [(c["method"], c["path"], c["http_status"], c["request_id"]) for c in result["calls"]] == [
        ("GET", "/models", 200, "req_list_1"),
        ("GET", "/models/gpt-5.4-mini", 404, "req_missing_2"),
    ]
    assert all(call["ms"] > 0 for call in result["calls"])
    printed = capsys.readouterr().out
    assert "GET /models req_list_1" in printed and "GET /models/gpt-5.4-mini req_missing_2" in printed
    assert printed.index("req_list_1") < printed.index("req_missing_2")


def test_a_base_url_that_reaches_a_web_page_says_so_in_the_detail_and_the_trace(tmp_path: Path) -> None:
    """A web server's page where the API should be (the `/v1` forgotten, a proxy's error page): the status stays
    what the contract says for the answer, and the detail names the call and asks about the base URL, where the
    example's own error alone (an `AttributeError` on a string, a bare 404) would not."""
    page = "<html><head><title>Welcome</title></head><body>It works.</body></html>"

    async def web(request: Request) -> Response:
        return HTMLResponse(page, status_code=404 if request.method == "GET" else 200)

    app = Starlette(routes=[Route("/{path:path}", web, methods=["GET", "POST", "DELETE"])])
    with running_app(app) as base_url:
        results = {r["id"]: r for r in probe_report(tmp_path, base_url, "models,chat", admin_key=None)["results"]}
    hint = "was answered with an HTML page ({code}): is the base URL the API's (it usually ends in /v1)?"
    models, chat = results["models"], results["chat"]
    assert models["status"] == "unsupported_by_provider"
    assert models["detail"].startswith("GET /models " + hint.format(code=404) + " NotFoundError"), models["detail"]
    assert chat["status"] == "unknown_error"
    assert chat["detail"].startswith("POST /chat/completions " + hint.format(code=200) + " "), chat["detail"]
    assert [(c["http_status"], c["note"]) for c in models["calls"]] == [(404, "an HTML page")]


def test_an_error_nothing_or_a_stream_answered_with_a_200_is_named_in_the_detail(tmp_path: Path) -> None:
    """Some providers answer an error with status 200, or 200 with an empty body, or a stream nobody asked for: the
    SDK then fails on a missing field or on parsing, and the detail says what the provider answered before that."""

    async def error(request: Request) -> Response:
        body = {"error": {"message": "Model Not Exist", "type": "invalid_request_error", "code": "invalid_model"}}
        return JSONResponse(body)

    async def empty(request: Request) -> Response:
        return Response(b"", media_type="application/json")

    async def stream(request: Request) -> Response:  # a stream the request did not ask for
        return Response(b'data: {"id": "cmpl-1"}\n\ndata: [DONE]\n\n', media_type="text/event-stream")

    routes = [Route("/v1/chat/completions", error, methods=["POST"]), Route("/v1/models", empty)]
    app = Starlette(routes=[*routes, Route("/v1/completions", stream, methods=["POST"])])
    with running_app(app) as base_url:
        scope = "models,chat,completions"
        results = {r["id"]: r for r in probe_report(tmp_path, base_url, scope, admin_key=None)["results"]}
    chat, models, completions = results["chat"], results["models"], results["completions"]
    asked = "POST /completions was answered with an event stream (200): the request did not ask for one. "
    assert (completions["status"], completions["detail"][: len(asked)]) == ("unknown_error", asked), completions
    assert chat["status"] == models["status"] == "unknown_error"
    stated = (
        "POST /chat/completions was answered with an error instead of a result (200): Model Not Exist (invalid_model). "
    )
    assert chat["detail"].startswith(stated + "TypeError"), chat["detail"]
    assert [c["note"] for c in chat["calls"]] == ["an error instead of a result"]
    assert models["detail"].startswith("GET /models was answered with an empty body (200). JSONDecodeError"), models
    # A resource that carries an `error` of its own (a failed response, a batch) is a result, not a refusal.
    with running_server(profile="openai") as base_url:
        fine = probe_report(tmp_path, base_url, "responses", admin_key=None)["results"][0]
    assert (fine["status"], [c["note"] for c in fine["calls"] if c["note"]]) == ("ok", [])


def test_print_trace_n_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with running_server(profile="openai") as base_url:
        probe_report(tmp_path, base_url, "models", admin_key=None)
    assert capsys.readouterr().out == ""


STUCK_BATCH = {
    "object": "batch",
    "endpoint": "/v1/chat/completions",
    "completion_window": "24h",
    "created_at": 1_700_000_000,
    "input_file_id": "file-stuck",
    "status": "in_progress",
}


def test_a_live_build_against_a_server_whose_batches_never_finish_ends_and_reports_them(
    tmp_path: Path, site_build: Builder
) -> None:
    """Every batch the server is asked about is still `in_progress`: the guide's poll loop is stopped at the
    build's deadline, and the page and status.json say which request it was waiting for and the last status."""

    async def stuck(request: Request) -> Response:
        return JSONResponse({**STUCK_BATCH, "id": request.path_params["batch_id"]})

    app = Starlette(routes=[Route("/v1/batches/{batch_id}", stuck), Mount("/", app=create_app("openai"))])
    with running_app(app) as base_url:
        process, site = site_build(
            tmp_path,
            "site",
            OPENAI_API_DOCS_TARGET="live",
            OPENAI_API_KEY=KEY,
            OPENAI_ADMIN_KEY=ADMIN_KEY,
            OPENAI_BASE_URL=base_url,
            OPENAI_API_INCLUDE_SIDE_EFFECT_CALLS="1",
            OPENAI_API_DOCS_DEADLINE_SECONDS="4",
        )
    assert process.returncode == 0, process.stderr[-3000:]
    records = json.loads((site / "status.json").read_text(encoding="utf-8"))["examples"]
    polls = {r["feature"]: r for r in records if r.get("page") == "batches" and r["feature"].endswith("poll")}
    assert set(polls) == {"create-poll", "async-poll"}, sorted(r["feature"] for r in records if r.get("page"))
    for record in polls.values():
        assert record["status"] == "network_error", record
        assert record["detail"].startswith("deadline of 4 s (OPENAI_API_DOCS_DEADLINE_SECONDS) exceeded"), record
        assert "/batches/" in record["detail"] and record["detail"].endswith("last status seen: in_progress")
        assert [c["path"] for c in record["calls"]][-1].startswith("/batches/batch")
    page = (site / "guides" / "batches" / "index.html").read_text(encoding="utf-8")
    assert "last status seen: in_progress" in page


def test_azure_and_module_clients_stop_at_the_deadline_and_leave_nothing_behind(silent_server: str) -> None:
    """Every client class an example may create waits under the example's deadline — Azure's, the `Client` alias,
    the module client behind `openai.responses.create` — and an example's module settings and module client do not
    outlive it. (Each program's own timeout, 20 s, is there so that a regression fails instead of hanging.)"""
    import openai

    feature = GuideExample("stuck", "none")
    target = target_for("openai", {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": silent_server})
    endpoint = silent_server.removesuffix("/v1")
    programs = {
        "azure": "from openai import AzureOpenAI\n\n"
        f"client = AzureOpenAI(azure_endpoint={endpoint!r}, api_version='2024-10-21', api_key='k',\n"
        "                     timeout=20, max_retries=0)\n"
        "client.chat.completions.create(model='my-deployment', messages=[{'role': 'user', 'content': 'hi'}])\n",
        "alias": "from openai import Client\n\nClient(timeout=20, max_retries=0).models.list()\n",
        "module": "import openai\n\nopenai.max_retries = 0\nopenai.timeout = 20\nopenai.models.list()\n",
    }
    before = openai.max_retries, openai.timeout, openai._client
    with target_environment(target), client_defaults(None, None):
        results = {
            name: run_example(feature, "sync", code, target, deadline=Deadline(0.5, "--deadline"))
            for name, code in programs.items()
        }
    for name, result in results.items():
        assert result.status == "network_error", (name, result)
        assert result.detail.startswith("deadline of 0.5 s (--deadline) exceeded while waiting for "), result.detail
        assert result.calls and result.calls[-1].http_status is None, (name, result.calls)
    assert "/chat/completions" in results["azure"].calls[0].path
    assert (openai.max_retries, openai.timeout, openai._client) == before
    assert openai.OpenAI.__name__ == "OpenAI" and openai.Client is openai.OpenAI  # the classes are given back
