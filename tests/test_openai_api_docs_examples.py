"""pytest-examples over every Python block of every generated page: linted, then run against the mock.

The pages are rendered by the same function the site uses, written to a temporary folder, and searched like
any Markdown; one test per feature and variant (and per exercise answer that carries code).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from openai_api.core.catalog import load_catalog
from openai_api.core.providers import target_for
from openai_api.core.runner import mock_key, target_environment
from openai_api.docsite import render
from openai_api.mock.adapters.server import running_server

CATALOG = load_catalog()
MOCK = target_for("mock", {})


def _render_pages() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="openai-api-pages-"))
    for lang in ("zh", "en"):
        for feature in CATALOG.features:
            (folder / f"{feature.id}.{lang}.md").write_text(
                render.feature_page(CATALOG, feature, lang, MOCK), encoding="utf-8"
            )
    return folder


def _collect() -> list[CodeExample]:
    """The examples from the Chinese pages (the English pages carry the same code, which a test below checks),
    and the code of the exercise answers in both languages, which are written separately."""
    return [
        example
        for example in find_examples(_render_pages())
        if example.path.stem.endswith(".zh") or "variant" not in example.prefix_settings()
    ]


def _test_id(example: CodeExample) -> str:
    feature, lang = example.path.stem.split(".")
    settings = example.prefix_settings()
    return f"{feature}-{settings['variant']}" if "variant" in settings else f"{feature}-answer-{lang}"


EXAMPLES = _collect()


@pytest.fixture(scope="module")
def mock_environment() -> Iterator[None]:
    with running_server(profile="openai") as base_url, target_environment(MOCK, base_url):
        yield


def test_every_feature_has_both_variants_on_its_page() -> None:
    found = {_test_id(example) for example in EXAMPLES}
    for feature in CATALOG.features:
        assert {f"{feature.id}-sync", f"{feature.id}-async"} <= found


def test_both_languages_show_the_same_code() -> None:
    for feature in CATALOG.features:
        zh = render.feature_page(CATALOG, feature, "zh", MOCK)
        en = render.feature_page(CATALOG, feature, "en", MOCK)
        blocks = [
            [e.source for e in find_examples(_write(text, f"{feature.id}-{n}.md")) if "variant" in e.prefix_settings()]
            for n, text in enumerate((zh, en))
        ]
        assert blocks[0] == blocks[1] and len(blocks[0]) == 2


def _write(text: str, name: str) -> Path:
    path = Path(tempfile.mkdtemp()) / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("example", EXAMPLES, ids=_test_id)
def test_page_example_lints_and_runs(
    example: CodeExample, eval_example: EvalExample, mock_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", mock_key(*_test_id(example).split("-", 1)))
    eval_example.set_config(ruff_line_length=120, ruff_select=["E", "F", "W", "I", "B", "UP"], target_version="py310")
    eval_example.lint_ruff(example)
    eval_example.run(example)
