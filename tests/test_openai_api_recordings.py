"""Recorded real answers: a live build records what each example printed, later builds show it beside today's run.

The "real provider" here is a small OpenAI-compatible server written for this test, not the project's mock: its
answers are its own, so a page that shows them can only have taken them from a recording. It also echoes the key
and an organization id, which a recording must never keep.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import Builder
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from openai_api.mock.adapters.server import running_app
from openai_api.storage import PROJECT_ROOT

KEY = "sk-recording-test-0123456789abcdef"
ANSWER = "The GIL is CPython's global interpreter lock: one thread runs Python bytecode at a time."


async def _chat(request: Request) -> JSONResponse:
    body = await request.json()
    leak = f"(asked with {request.headers['authorization'][7:19]} for org-AbCdEf123456)"
    return JSONResponse(
        {
            "id": "chatcmpl-stand-in-1",
            "object": "chat.completion",
            "created": 1767225600,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": f"{ANSWER} {leak}"},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 20, "completion_tokens": 18, "total_tokens": 38},
        },
        headers={"x-request-id": "req_stand_in_0001"},
    )


async def _missing(request: Request) -> JSONResponse:
    return JSONResponse({"error": {"message": "not here", "type": "invalid_request_error"}}, status_code=404)


STAND_IN = Starlette(
    routes=[
        Route("/v1/chat/completions", _chat, methods=["POST"]),
        Route("/{path:path}", _missing, methods=["GET", "POST", "DELETE", "PUT", "PATCH"]),
    ]
)


def _status(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "status.json").read_text(encoding="utf-8"))["examples"]


def _card(site: Path, feature: str, lang: str = "zh") -> str:
    return (site / ("" if lang == "zh" else "en") / "features" / feature / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory, site_build: Builder) -> Path:
    """A live recording build against the stand-in provider; returns the recordings folder it wrote."""
    tmp = tmp_path_factory.mktemp("record")
    folder = tmp / "recordings"
    with running_app(STAND_IN) as base_url:
        process, _ = site_build(
            tmp,
            "live",
            OPENAI_API_DOCS_TARGET="live",
            OPENAI_API_DOCS_RECORD="1",
            OPENAI_API_DOCS_RECORDINGS_DIR=str(folder),
            OPENAI_API_KEY=KEY,
            OPENAI_BASE_URL=base_url,
        )
    assert process.returncode == 0, process.stderr[-3000:]
    return folder


def test_a_recording_build_writes_one_reviewable_file_per_answered_example(recorded: Path) -> None:
    files = sorted(path.relative_to(recorded).as_posix() for path in recorded.rglob("*.json"))
    assert "cards/chat/sync.json" in files and "cards/chat/async.json" in files
    assert "cards/chat/sync.en.json" in files and "cards/chat/async.en.json" in files  # the English pages' own code
    recording = json.loads((recorded / "cards" / "chat" / "sync.json").read_text(encoding="utf-8"))
    assert recording["provider"] == "openai" and recording["model"] == "gpt-5.4-mini"
    assert recording["status"] == "ok" and recording["request_id"] == "req_stand_in_0001"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", recording["recorded_at"])
    assert recording["output"].startswith(ANSWER) and "finish_reason： stop" in recording["output"]
    assert len(recording["code_sha256"]) == 64 and recording["elapsed_ms"] > 0
    # Only answers are recorded: an example the stand-in could not serve left no file.
    assert not (recorded / "cards" / "embeddings").exists()


def test_no_key_and_no_account_id_reaches_a_recording(recorded: Path) -> None:
    for path in recorded.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert KEY[:5] not in text and "org-AbCdEf123456" not in text, path
    assert "org-***" in (recorded / "cards" / "chat" / "sync.json").read_text(encoding="utf-8")


def test_a_mock_build_shows_the_recording_labelled_beside_todays_run(
    recorded: Path, tmp_path: Path, site_build: Builder
) -> None:
    process, site = site_build(tmp_path, "site", OPENAI_API_DOCS_RECORDINGS_DIR=str(recorded))
    assert process.returncode == 0, process.stderr[-3000:]
    for lang, label in (("zh", "录自 openai"), ("en", "Recorded from openai on")):
        page = html.unescape(_card(site, "chat", lang))
        assert page.count(label) == 2, lang  # both variants
        assert ANSWER in page
        assert ("本次构建的验证" if lang == "zh" else "Verified in this build") in page
    records = {(r["feature"], r["variant"]): r for r in _status(site) if r["target"] == "mock"}
    assert records[("chat", "sync")]["recording"]["provider"] == "openai"
    assert records[("chat", "sync")]["status"] == "ok"  # today's verification still ran on the mock
    assert records[("responses", "sync")]["recording"] is None


def test_changed_code_makes_its_recording_stale_and_fresh_mode_fails_on_it(
    recorded: Path, tmp_path: Path, site_build: Builder
) -> None:
    copy = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "examples", copy / "examples")
    shutil.copy(PROJECT_ROOT / "features.yaml", copy / "features.yaml")
    example = copy / "examples" / "chat" / "sync.py"
    example.write_text(example.read_text(encoding="utf-8") + 'print("one more line")\n', encoding="utf-8")
    env = {"OPENAI_API_CATALOG": str(copy / "features.yaml"), "OPENAI_API_DOCS_RECORDINGS_DIR": str(recorded)}
    process, site = site_build(tmp_path, "site", **env)
    assert process.returncode == 0, process.stderr[-3000:]
    page = html.unescape(_card(site, "chat", "zh"))
    assert "对应这段代码的旧版本，已经过期" in page
    assert page.count("录自 openai") == 1  # the async example did not change
    # Each language has its own code and recording: the English sync example did not change.
    english = html.unescape(_card(site, "chat", "en"))
    assert english.count("Recorded from openai on") == 2 and "out of date" not in english
    records = {(r["feature"], r["variant"], r["lang"]): r for r in _status(site) if r["target"] == "mock"}
    assert records[("chat", "sync", "zh")]["recording"] is None
    assert records[("chat", "async", "zh")]["recording"] is not None
    assert records[("chat", "sync", "en")]["recording"] is not None

    failed, _ = site_build(tmp_path, "strict", OPENAI_API_DOCS_STRICT="1", OPENAI_API_DOCS_RECORDINGS="fresh", **env)
    assert failed.returncode != 0
    assert "OPENAI_API_DOCS_RECORDINGS=fresh and 1 recording(s) are stale" in failed.stderr
    assert "chat (sync, zh)" in failed.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"OPENAI_API_DOCS_RECORD": "1"}, "OPENAI_API_DOCS_RECORD=1 records a live provider's answers"),
        ({"OPENAI_API_DOCS_RECORDINGS": "sometimes"}, "OPENAI_API_DOCS_RECORDINGS: expected show, off or fresh"),
    ],
)
def test_bad_recording_settings_are_clear_errors(env: dict[str, str], message: str) -> None:
    from openai_api.core.settings import DocsSettings

    with pytest.raises(ValueError, match=re.escape(message)):
        DocsSettings.from_env(env)
