"""The probe against real local servers: every failure kind classified, policy kept, nothing left behind."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from openai_api.core.catalog import ROOT, load_catalog
from openai_api.mock.adapters.server import running_app, running_server
from openai_api.mock.data import fixtures
from openai_api.probe.cli import main

CATALOG = load_catalog()
# Objects every account of the mock starts with (fixtures.yaml): not something a run created.
FIXTURE_IDS = {str(obj["id"]) for objects in fixtures()["objects"].values() for obj in objects}
HIGH = {f.id for f in CATALOG.features if f.side_effect == "high"}
# Features whose examples make no HTTP request at all (they verify signatures locally).
LOCAL_ONLY = {"webhooks"}
KEY = "sk-probe-test-9f8e7d6c5b4a"
ADMIN_KEY = "sk-admin-probe-test-1a2b3c4d"


def fixed_app(status: int, *, headers: dict[str, str] | None = None, body: bytes | None = None, delay: float = 0.0):
    """An app that answers every request the same way, and counts what it received."""
    seen: list[str] = []

    async def answer(request: Request) -> Response:
        seen.append(f"{request.method} {request.url.path}" + (f"?{request.url.query}" if request.url.query else ""))
        if delay:
            await asyncio.sleep(delay)
        if body is not None:
            return Response(body, status_code=status, media_type="application/json", headers=headers)
        envelope = {"error": {"message": f"fixed answer {status}", "type": "test", "param": None, "code": None}}
        return JSONResponse(envelope, status_code=status, headers=headers)

    app = Starlette(routes=[Route("/{path:path}", answer, methods=["GET", "POST", "DELETE", "PUT", "PATCH"])])
    return app, seen


def probe(
    tmp_path: Path, base_url: str, *extra: str, env: dict[str, str] | None = None, provider: str = "openai"
) -> tuple[int, dict[str, Any]]:
    report = tmp_path / "report.json"
    saved = dict(os.environ)
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "DEEPSEEK_")):
            del os.environ[name]
    prefix = provider.upper()
    os.environ.update({f"{prefix}_API_KEY": KEY, f"{prefix}_BASE_URL": base_url, "OPENAI_ADMIN_KEY": ADMIN_KEY})
    os.environ.update(env or {})
    try:
        code = main(["--provider", provider, "--print-trace", "n", "--report", str(report), *extra])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, json.loads(report.read_text(encoding="utf-8"))


def statuses(report: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: r["status"] for r in report["results"]}


@pytest.mark.parametrize(
    ("status", "expected", "headers"),
    [
        (401, "auth_error", None),
        (403, "auth_error", None),
        (404, "unsupported_by_provider", None),
        (405, "unsupported_by_provider", None),
        (429, "rate_limited", {"retry-after": "1"}),
        (500, "provider_server_error", None),
        (503, "provider_server_error", None),
    ],
)
def test_every_feature_is_classified_by_http_status(
    tmp_path: Path, status: int, expected: str, headers: dict[str, str] | None
) -> None:
    app, _ = fixed_app(status, headers=headers)
    with running_app(app) as base_url:
        code, report = probe(tmp_path, base_url, "--scope", "all")
    assert code == 0
    found = statuses(report)
    assert set(found) == {f.id for f in CATALOG.features}
    for feature_id, got in found.items():
        want = "skipped_by_policy" if feature_id in HIGH else "ok" if feature_id in LOCAL_ONLY else expected
        assert got == want, (feature_id, got, report)
    http = {r["id"]: r["http_status"] for r in report["results"]}
    assert http["models"] == status


def test_a_hanging_server_is_a_network_error_after_the_timeout(tmp_path: Path) -> None:
    app, _ = fixed_app(200, delay=5.0)
    with running_app(app) as base_url:
        _, report = probe(tmp_path, base_url, "--scope", "responses,chat,completions,models", "--timeout", "0.3")
    assert set(statuses(report).values()) == {"network_error"}


def test_a_refused_connection_is_a_network_error(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _, report = probe(tmp_path, f"http://127.0.0.1:{port}/v1", "--scope", "core")
    assert set(statuses(report).values()) == {"network_error"}


def test_malformed_json_is_an_unknown_error_with_its_message(tmp_path: Path) -> None:
    app, _ = fixed_app(200, body=b'{"id": "resp_1", "object": ')
    with running_app(app) as base_url:
        _, report = probe(tmp_path, base_url, "--scope", "core")
    for result in report["results"]:
        assert result["status"] == "unknown_error" and result["detail"], result


def test_safe_mode_sends_nothing_for_high_side_effect_features(tmp_path: Path) -> None:
    app, seen = fixed_app(200)
    with running_app(app) as base_url:
        _, report = probe(tmp_path, base_url, "--scope", ",".join(sorted(HIGH)))
    assert set(statuses(report).values()) == {"skipped_by_policy"}
    assert seen == []


def test_side_effect_mode_runs_everything_and_leaves_nothing_behind(tmp_path: Path) -> None:
    with running_server(profile="openai") as base_url:
        _, report = probe(tmp_path, base_url, "--scope", "all", "--include-side-effects", "y")
        assert set(statuses(report).values()) == {"ok"}, report
        headers = {"Authorization": f"Bearer {KEY}"}
        with httpx2.Client(base_url=base_url + "/", headers=headers) as client:
            for collection in ("files", "vector_stores", "containers", "skills", "evals", "conversations"):
                answer = client.get(collection)
                if answer.status_code == 200:
                    left = [item for item in answer.json()["data"] if item["id"] not in FIXTURE_IDS]
                    assert left == [], (collection, answer.json())
            for collection, live_states in (
                ("batches", {"in_progress", "validating"}),
                ("fine_tuning/jobs", {"running"}),
            ):
                for item in client.get(collection).json()["data"]:
                    assert item["status"] not in live_states, item
    assert all("HTTP 5" not in line for line in report["cleanup"]), report["cleanup"]


def test_what_a_failed_example_created_is_removed_after_the_run(tmp_path: Path) -> None:
    catalog_dir = tmp_path / "catalog"
    shutil.copytree(ROOT / "examples", catalog_dir / "examples")
    shutil.copy(ROOT / "features.yaml", catalog_dir / "features.yaml")
    (catalog_dir / "examples" / "files" / "async.py").write_text(
        "import asyncio\n\nfrom openai import AsyncOpenAI\n\n\n"
        "async def main() -> None:\n"
        "    async with AsyncOpenAI() as client:\n"
        "        await client.files.create(file=('a.jsonl', b'{}'), purpose='batch')\n"
        "        raise RuntimeError('failed before cleaning up')\n\n\n"
        "asyncio.run(main())\n",
        encoding="utf-8",
    )
    with running_server(profile="openai") as base_url:
        _, report = probe(
            tmp_path,
            base_url,
            "--scope",
            "files",
            "--include-side-effects",
            "y",
            env={"OPENAI_API_CATALOG": str(catalog_dir / "features.yaml")},
        )
        with httpx2.Client(base_url=base_url + "/", headers={"Authorization": f"Bearer {KEY}"}) as client:
            assert client.get("files").json()["data"] == []
    assert statuses(report) == {"files": "unknown_error"}
    assert len(report["cleanup"]) == 1 and report["cleanup"][0].startswith("DELETE /files/")
    assert report["cleanup"][0].endswith(": removed")


def test_deepseek_profile_shows_what_the_provider_lacks(tmp_path: Path) -> None:
    with running_server(profile="deepseek") as base_url:
        scope = "chat,completions,models,embeddings,files,responses"
        _, report = probe(tmp_path, base_url, "--scope", scope, provider="deepseek")
    assert statuses(report) == {
        "chat": "ok",
        "completions": "ok",
        "models": "ok",
        "embeddings": "unsupported_by_provider",
        "files": "unsupported_by_provider",
        "responses": "unsupported_by_provider",
    }


def test_fail_on_turns_chosen_statuses_into_exit_code_1(tmp_path: Path) -> None:
    app, _ = fixed_app(429, headers={"retry-after": "1"})
    with running_app(app) as base_url:
        assert probe(tmp_path, base_url, "--scope", "core", "--fail-on", "rate_limited")[0] == 1
        assert probe(tmp_path, base_url, "--scope", "core", "--fail-on", "auth_error")[0] == 0


@pytest.fixture(scope="module")
def cli_run() -> Iterator[subprocess.CompletedProcess[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DEEPSEEK_"))}
    yield subprocess.run(
        [sys.executable, "-m", "openai_api.probe.cli", "--scope", "all", "--print-trace", "y"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_seed_command_runs_everything_on_the_mock(cli_run: subprocess.CompletedProcess[str]) -> None:
    assert cli_run.returncode == 0, cli_run.stderr[-2000:]
    assert "provider: mock" in cli_run.stdout
    for feature in CATALOG.features:
        assert feature.id in cli_run.stdout
    assert f"ok: {len(CATALOG.features)}" in cli_run.stdout


def test_keys_never_reach_the_trace_or_the_report(tmp_path: Path) -> None:
    app, _ = fixed_app(401, body=json.dumps({"error": {"message": f"Incorrect API key provided: {KEY}"}}).encode())
    with running_app(app) as base_url:
        _, report = probe(tmp_path, base_url, "--scope", "core")
    text = json.dumps(report)
    assert "auth_error" in text and KEY[:5] not in text


def test_scope_takes_a_category_and_rejects_unknown_names(tmp_path: Path) -> None:
    with running_server(profile="openai") as base_url:
        _, report = probe(tmp_path, base_url, "--scope", "multimodal")
    assert set(statuses(report)) == {f.id for f in CATALOG.features if f.category == "multimodal"}
    with pytest.raises(SystemExit) as stopped:
        main(["--scope", "responses,nope", "--provider", "mock"])
    assert stopped.value.code == 2


def test_limit_flag_wins_over_the_environment_and_reaches_list_calls(tmp_path: Path) -> None:
    app, seen = fixed_app(404)
    with running_app(app) as base_url:
        probe(tmp_path, base_url, "--scope", "beta,videos", "--limit", "3", env={"OPENAI_API_PROBE_LIMIT": "7"})
        probe(tmp_path, base_url, "--scope", "beta", env={"OPENAI_API_PROBE_LIMIT": "7"})
    assert sorted(seen) == [
        "GET /v1/assistants?limit=3&order=desc",
        "GET /v1/assistants?limit=7&order=desc",
        "GET /v1/videos?limit=3&order=desc",
    ]


def test_a_dotenv_file_is_read_and_flags_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, seen = fixed_app(401)
    with running_app(app) as base_url:
        (tmp_path / ".env").write_text(
            f"OPENAI_API_KEY={KEY}\nOPENAI_BASE_URL={base_url}\nOPENAI_API_INCLUDE_SIDE_EFFECT_CALLS=1\n",
            encoding="utf-8",
        )
        monkeypatch.chdir(tmp_path)
        for name in list(os.environ):
            if name.startswith(("OPENAI_", "DEEPSEEK_")):
                monkeypatch.delenv(name)
        report = tmp_path / "report.json"
        main(["--scope", "images", "--include-side-effects", "n", "--print-trace", "n", "--report", str(report)])
        main(["--scope", "chat", "--print-trace", "n", "--report", str(tmp_path / "chat.json")])
    assert json.loads(report.read_text())["results"][0]["status"] == "skipped_by_policy"  # the flag won
    chat = json.loads((tmp_path / "chat.json").read_text())
    assert chat["provider"] == "openai" and chat["results"][0]["status"] == "auth_error"  # the .env file was read
    assert seen, "the .env base URL was used"


class Gate:
    """An ASGI layer that holds each request until `ready(request, seen)` is true of it and of the requests
    received so far, for at most `hold` seconds, and counts how many were waiting at once: concurrency a test
    can see without a clock."""

    def __init__(self, app: Any, ready: Any, hold: float = 10.0) -> None:
        self.app, self.ready, self.hold = app, ready, hold
        self.seen: list[str] = []
        self.answered: list[str] = []
        self.waiting = self.peak = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = f"{scope['method']} {scope['path']}"
        self.seen.append(request)
        self.waiting += 1
        self.peak = max(self.peak, self.waiting)
        for _ in range(int(self.hold / 0.01)):
            if self.ready(request, self.seen):
                break
            await asyncio.sleep(0.01)
        self.waiting -= 1
        await self.app(scope, receive, send)
        self.answered.append(request)


def test_every_feature_waits_on_the_provider_at_the_same_time_by_default(tmp_path: Path) -> None:
    app, _ = fixed_app(404)
    sending = [f.id for f in CATALOG.features if f.id not in HIGH | LOCAL_ONLY]
    gate = Gate(app, lambda _, seen: len(seen) >= len(sending))
    with running_app(gate) as base_url:
        _, report = probe(tmp_path, base_url, "--scope", "all")
    assert gate.peak >= len(sending), (gate.peak, gate.seen)
    assert [r["id"] for r in report["results"]] == [f.id for f in CATALOG.features]  # catalog order, as run


def test_an_examples_leftovers_are_removed_as_soon_as_it_ends(tmp_path: Path) -> None:
    from openai_api.mock.adapters.asgi import create_app

    # `files` deletes its own file last; that call is held until `responses`' stored answer has been deleted,
    # which only a sweep that runs while other examples still run can do.
    def ready(request: str, seen: list[str]) -> bool:
        held = request.startswith("DELETE /v1/files/")
        return not held or any(s.startswith("DELETE /v1/responses/") for s in seen)

    gate = Gate(create_app("openai"), ready)
    with running_app(gate) as base_url:
        _, report = probe(tmp_path, base_url, "--scope", "responses,files", "--include-side-effects", "y")
    assert statuses(report) == {"responses": "ok", "files": "ok"}
    swept = next(i for i, s in enumerate(gate.answered) if s.startswith("DELETE /v1/responses/"))
    assert swept < next(i for i, s in enumerate(gate.answered) if s.startswith("DELETE /v1/files/")), gate.answered
    assert [line.split(" ")[0] for line in report["cleanup"]] == ["DELETE"], report["cleanup"]


def test_the_longest_examples_start_first_and_keep_catalog_order_among_equals() -> None:
    from openai_api.probe.schedule import client_calls, longest_first

    codes = {f.id: CATALOG.example_code(f, "async") for f in CATALOG.features}
    assert client_calls(codes["uploads"]) == 4  # create, the parts (gathered), complete, delete
    assert client_calls(codes["responses"]) == 1
    order = [list(codes)[i] for i in longest_first(list(codes.values()))]
    assert order.index("uploads") < order.index("responses") < order.index("chat")
    assert client_calls("print('no client here')") == client_calls("def broken(:") == 0
