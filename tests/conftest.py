"""What every test shares: a clean environment, the in-process mock client, and site builds with one cache.

- Every test starts without the developer's `OPENAI_*` / `DEEPSEEK_*` variables: a real key on the machine must
  never reach a test's requests, and a stray `OPENAI_API_DOCS_*` must not change what a test builds.
- `mock_environment`: `OpenAI()` in the test points at one mock server on 127.0.0.1, started once per session
  (each API key has its own state on it, so tests do not see each other's objects).
- `client`: an SDK client on a fresh in-process mock, with the SDK's strict response validation (every answer
  must parse as the real API's would) and no retries (a test sees the first answer).
- `program_shape(code)`: the program with every string constant masked (an f-string's literal pieces too), so
  the two languages' copies of an example can be compared as one program.
- `site_build`: a real `mkdocs build --strict` in a child process, sharing one results cache for the whole
  session, so the second build of a session reuses what the first executed instead of running cold again.
"""

from __future__ import annotations

import ast
import functools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openai import OpenAI

from openai_api.core.providers import target_for
from openai_api.core.runner import target_environment
from openai_api.mock import MockAPI, mock_client, running_server
from openai_api.storage import PROJECT_ROOT

_FOREIGN = ("OPENAI_", "DEEPSEEK_")
Builder = Callable[..., tuple[subprocess.CompletedProcess[str], Path]]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith(_FOREIGN):
            monkeypatch.delenv(name)
    yield


@pytest.fixture(scope="session")
def mock_server_url() -> Iterator[str]:
    with running_server(profile="openai") as base_url:
        yield base_url


@pytest.fixture
def mock_environment(mock_server_url: str) -> Iterator[None]:
    """After `clean_environment` (autouse fixtures come first), so its variables are the ones the test sees."""
    with target_environment(target_for("mock", {}), mock_server_url):
        yield


@pytest.fixture
def client() -> OpenAI:
    return mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)


def build_site(
    tmp_path: Path, name: str, *extra_args: str, cache: Path, **env_extra: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    site = tmp_path / name
    env = {k: v for k, v in os.environ.items() if not k.startswith(_FOREIGN)}
    env["OPENAI_API_DOCS_CACHE_DIR"] = str(cache)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(env_extra)
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *extra_args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return process, site


@pytest.fixture(scope="session")
def site_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The results cache every site build of the session shares (and `mkdocs serve` in the serve tests)."""
    return tmp_path_factory.mktemp("site-cache")


@pytest.fixture(scope="session")
def site_build(site_cache: Path) -> Builder:
    return functools.partial(build_site, cache=site_cache)


class _MaskStrings(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(value="<str>"), node)
        return node


def program_shape(code: str) -> str:
    """The program with every string constant masked (an f-string's literal pieces are constants too)."""
    return ast.dump(_MaskStrings().visit(ast.parse(code)))
