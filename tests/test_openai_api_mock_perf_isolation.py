"""The mock's start-up: its route cache, kept SDK model names, route index, handlers imported on first use, the
collector paused while the command line loads; per-token isolation; servers for any ASGI app."""

from __future__ import annotations

import gc
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx2
import pytest
from starlette.types import Receive, Scope, Send

from openai_api.mock import handlers
from openai_api.mock.adapters.server import running_app, running_server
from openai_api.mock.adapters.transport import MOCK_BASE_URL, mock_client, mock_transport
from openai_api.mock.content import models
from openai_api.mock.core import MockAPI
from openai_api.mock.data import fixtures
from openai_api.sdk import route_cache, routes
from openai_api.sdk.model_names import names_in
from openai_api.sdk.route_derivation import derive_records
from openai_api.sdk.routes import Route, RouteTable, load_route_table
from openai_api.sdk.version import sdk_version

TYPES = ("cast_to", "page", "item", "stream_item", "params")


@pytest.fixture(scope="module")
def cold_records() -> dict[str, Any]:
    return derive_records()


def _no_derivation() -> dict[str, Any]:
    raise AssertionError("derived again although the cache was usable")


def test_the_cached_table_is_the_cold_derivation_route_by_route(
    cold_records: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = RouteTable.from_records(cold_records)
    load_route_table(tmp_path)  # no cache yet: derives and writes it
    assert route_cache.cache_file(tmp_path).is_file()
    monkeypatch.setattr(routes, "derive_records", _no_derivation)
    cached = load_route_table(tmp_path)
    assert len(cached.routes) == len(cold.routes) > 300
    for fresh, stored in zip(cold.routes, cached.routes, strict=True):
        assert fresh == stored
        for name in TYPES:
            assert getattr(fresh, name) == getattr(stored, name), (fresh.verb, fresh.template, name)
    assert [(m.name, m.routes, m.helper_of) for m in cold.methods] == [
        (m.name, m.routes, m.helper_of) for m in cached.methods
    ]


@pytest.mark.parametrize("damage", ["{not json", "[]", '{"routes": [{"verb": "GET"}], "methods": []}', ""])
def test_a_damaged_cache_is_ignored_and_rewritten(
    damage: str, cold_records: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = route_cache.cache_file(tmp_path)
    path.write_text(damage, encoding="utf-8")
    calls: list[int] = []
    monkeypatch.setattr(routes, "derive_records", lambda: calls.append(1) or cold_records)
    table = load_route_table(tmp_path)
    assert calls == [1] and len(table.routes) == len(cold_records["routes"])
    assert json.loads(path.read_text(encoding="utf-8")) == cold_records


def test_writing_the_cache_leaves_one_whole_file(cold_records: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "routes-openai-0.0.1-stale.json").write_text("{}", encoding="utf-8")
    route_cache.write(route_cache.cache_file(tmp_path), cold_records)
    assert [p.name for p in tmp_path.iterdir()] == [route_cache.cache_file(tmp_path).name]


def test_a_route_names_its_types_in_the_sdk_types_modules_not_the_resource_module(
    cold_records: dict[str, Any],
) -> None:
    """Only a type the SDK computes from a method's return annotation stays with its resource module."""
    left = {
        (record["template"], name, tuple(record[name]))
        for record in cold_records["routes"]
        for name in TYPES
        if record[name] is not None and record[name][0].startswith("openai.resources.")
    }
    assert {ref[2] for _, _, ref in left} == {"return_type"}
    assert len(left) <= 2  # audio transcriptions and translations


_FIRST_TYPES = """
import sys
from openai_api.sdk.routes import build_route_table

TYPES = ("cast_to", "page", "item", "stream_item", "params")

table = build_route_table()
for step in [("POST", "/chat/completions"), ("POST", "/responses"), ("POST", "/embeddings"), ("POST", "/files"),
             ("DELETE", "/responses/resp_1"), None, ("GET", "/models"), ("GET", "/chat/completions")]:
    if step is None:
        print("pages loaded:", "openai.pagination" in sys.modules)
        continue
    verb, path = step
    route = table.match(verb, path, {}).route
    print(verb, path, [getattr(route, name) is not None for name in TYPES])
print(sorted(name for name in sys.modules if name.startswith("openai.resources")))
"""


def test_the_first_requests_of_a_suite_resolve_their_types_without_importing_a_resource_module() -> None:
    """In a fresh process, as a server's first requests do: ``openai.resources.responses`` alone (streaming helpers
    and their event classes) cost a tenth of a second before the first answer to ``/responses``, and the page
    classes are imported for the first list."""
    load_route_table()  # the default cache is there, as for a server started before
    done = subprocess.run([sys.executable, "-c", _FIRST_TYPES], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.splitlines() == [
        "POST /chat/completions [True, False, False, True, True]",
        "POST /responses [True, False, False, True, True]",
        "POST /embeddings [True, False, False, False, True]",
        "POST /files [True, False, False, False, True]",
        "DELETE /responses/resp_1 [True, False, False, False, False]",
        "pages loaded: False",
        "GET /models [False, True, True, False, False]",
        "GET /chat/completions [False, True, True, False, True]",
        "[]",
    ]


def test_the_kept_sdk_model_names_are_what_the_installed_sdk_gives() -> None:
    """After an SDK upgrade this fails until `python -m openai_api.mock.content.models` writes the file again."""
    refs = fixtures()["model_literals"]
    assert json.loads(models.KEPT_NAMES.read_text(encoding="utf-8")) == models.kept_names(refs)
    assert models.literal_names(refs) == names_in(refs)
    assert len(names_in(refs)) > 100


def test_model_names_kept_for_other_literals_or_another_sdk_are_read_from_the_sdk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = fixtures()["model_literals"]
    kept = tmp_path / "sdk_model_names.json"
    monkeypatch.setattr(models, "KEPT_NAMES", kept)
    for version, kept_refs, expected in [
        (sdk_version(), refs, ["gpt-only-in-the-file"]),
        ("0.0.1", refs, names_in(refs)),
        (sdk_version(), refs[:1], names_in(refs)),
    ]:
        kept.write_text(json.dumps({"openai": version, "refs": kept_refs, "names": ["gpt-only-in-the-file"]}))
        assert models.literal_names(refs) == expected
    kept.write_text("{torn")
    assert models.literal_names(refs) == names_in(refs)


def _linear_match(table: RouteTable, verb: str, path: str, query: dict[str, str]) -> Route | None:
    """What matching did before the index: try every route in order."""
    for route in table.routes:
        if route.verb == verb and all(query.get(k) == v for k, v in route.query) and route.regex.match(path):
            return route
    return None


def test_the_route_index_matches_like_a_scan_of_every_route() -> None:
    table = routes.build_route_table()
    for route in table.routes:
        path = re.sub(r"\{([^}]+)\}", r"x_\1", route.template)
        for query in ({}, dict(route.query)):
            found = table.match(route.verb, path, query)
            assert (found.route if found else None) == _linear_match(table, route.verb, path, query)
    assert table.match("GET", "/no/such/route", {}) is None


def test_the_routes_read_from_the_decorators_are_the_routes_the_handler_modules_register() -> None:
    handlers.load_all()
    registered = {key: func.__module__ for key, func in handlers.HANDLERS.items()}
    assert registered == handlers.claimed_routes()
    assert len(registered) > 30


def test_the_command_line_skips_a_module_only_while_the_server_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openai_api.mock.__main__ import _skipped

    # A module of this test's own, so nothing else in the session can have imported it already.
    (tmp_path / "skip_probe_module.py").write_text("ANSWER = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "skip_probe_module", raising=False)
    with _skipped("skip_probe_module"), pytest.raises(ImportError):
        importlib.import_module("skip_probe_module")
    assert importlib.import_module("skip_probe_module").ANSWER == 42


def test_the_sdk_loads_with_the_collector_paused_and_what_loading_made_is_frozen() -> None:
    from openai_api.sdk.loading import kept_out_of_collections

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        with kept_out_of_collections():
            assert not gc.isenabled()
            made = [[index] for index in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(made)
    finally:
        gc.unfreeze()


def _raw(api: MockAPI, token: str) -> httpx2.Client:
    headers = {"authorization": f"Bearer {token}"}
    return httpx2.Client(transport=mock_transport(api), base_url=MOCK_BASE_URL, headers=headers)


def _session(api: MockAPI, token: str) -> list[tuple[int, str, bytes]]:
    """A fixed sequence of calls: what a docs example would do under its own key."""
    batch = {"input_file_id": "file_demo", "endpoint": "/v1/chat/completions", "completion_window": "24h"}
    chat = {"model": "gpt-5.4-mini", "messages": [{"role": "user", "content": "hi"}]}
    with _raw(api, token) as raw:
        replies = [
            raw.post("/vector_stores", json={"name": "notes"}),
            raw.get("/vector_stores"),
            raw.post("/batches", json=batch),
            raw.get("/batches"),
            raw.post("/chat/completions", json=chat),
            raw.get("/models"),
        ]
    return [(r.status_code, r.headers["x-request-id"], r.content) for r in replies]


def test_tokens_do_not_see_each_others_objects() -> None:
    api = MockAPI()
    alice = mock_client(api, api_key="sk-mock-alice", max_retries=0)
    bob = mock_client(api, api_key="sk-mock-bob", max_retries=0)
    store = alice.vector_stores.create(name="alice's")
    assert store.id in {s.id for s in alice.vector_stores.list()}
    assert alice.vector_stores.retrieve(store.id).name == "alice's"
    assert store.id not in {s.id for s in bob.vector_stores.list()}
    assert api.store_for("sk-mock-alice").get("/vector_stores", store.id) is not None
    assert api.store_for("sk-mock-bob").get("/vector_stores", store.id) is None
    assert api.tokens() == ["sk-mock-alice", "sk-mock-bob"]


def test_a_seeded_object_changed_or_deleted_under_one_token_is_unchanged_under_the_others() -> None:
    api = MockAPI()
    model = api.store_for("sk-mock-alice").list("/models")[0]["id"]
    api.store_for("sk-mock-alice").update("/models", model, {"owned_by": "alice"})
    api.store_for("sk-mock-alice").put("/vector_stores", "vs_alice", {"id": "vs_alice"})
    assert api.store_for("sk-mock-alice").get("/models", model)["owned_by"] == "alice"  # type: ignore[index]
    bob = api.store_for("sk-mock-bob")
    assert bob.get("/models", model)["owned_by"] != "alice"  # type: ignore[index]
    assert bob.get("/vector_stores", "vs_alice") is None
    bob.delete("/models", model)
    assert api.store_for("sk-mock-carol").get("/models", model) is not None
    assert api.store_for("sk-mock-alice").get("/models", model) is not None
    carol = api.store_for("sk-mock-carol").get("/models", model)
    assert carol is not None
    carol["owned_by"] = "carol"  # a copy: changing it changes nothing stored
    assert api.store_for("sk-mock-carol").get("/models", model)["owned_by"] != "carol"  # type: ignore[index]


_ID = re.compile(rb"[0-9a-f]{24,}")


def _without_ids(session: list[tuple[int, str, bytes]]) -> list[tuple[int, bytes]]:
    return [(status, _ID.sub(b"<id>", content)) for status, _, content in session]


def test_the_same_calls_under_a_fresh_token_answer_the_same_with_their_own_ids() -> None:
    api = MockAPI()
    first = _session(api, "sk-mock-first")
    assert all(status == 200 for status, _, _ in first), first
    _session(api, "sk-mock-other")  # other traffic in between, on other tokens
    mock_client(api, api_key="sk-mock-noise").vector_stores.create(name="noise")
    second = _session(api, "sk-mock-second")
    assert _without_ids(second) == _without_ids(first)
    assert b"<id>" in _without_ids(first)[0][1]  # the masked part is the created store's id
    ids = {request_id for _, request_id, _ in first + second}
    assert len(ids) == 2 * len(first)  # no request id is shared, within a token or across tokens
    assert second[0][2] != first[0][2]  # the vector store made under another token has another id
    assert _session(MockAPI(), "sk-mock-first") == first  # the same token in another instance: byte for byte
    assert _session(api, "sk-mock-first") != first  # a token's own history does count


def test_running_server_serves_a_given_api_whose_state_stays_inspectable() -> None:
    api = MockAPI()
    with running_server(api=api) as base_url:
        reply = httpx2.post(
            f"{base_url}/vector_stores", json={"name": "over http"}, headers={"authorization": "Bearer sk-mock-http"}
        )
    assert reply.status_code == 200
    stored = api.store_for("sk-mock-http").get("/vector_stores", reply.json()["id"])
    assert stored is not None and stored["name"] == "over http"


def test_running_app_serves_any_asgi_app() -> None:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        body = f"{scope['method']} {scope['path']}".encode()
        await send({"type": "http.response.start", "status": 418, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": body})

    with running_app(app) as base_url:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/v1", base_url)
        reply = httpx2.get(f"{base_url}/anything")
    assert (reply.status_code, reply.text) == (418, "GET /v1/anything")
