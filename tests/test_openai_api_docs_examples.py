"""pytest-examples over every Python block of every generated page: linted, then run against the mock.

The pages are rendered by the same function the site uses, written to a temporary folder, and searched like
any Markdown; one test per feature and variant, one more for the English page when its example file differs
(`sync.en.py`), and one per exercise answer that carries code.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from openai_api.core.catalog import load_catalog
from openai_api.core.providers import target_for
from openai_api.core.runner import mock_key
from openai_api.docsite import render

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
    """The examples from the Chinese pages, those of the English pages whose code differs (an English example
    file), and the code of the exercise answers in both languages, which are written separately."""
    examples = list(find_examples(_render_pages()))
    chinese = {(e.path.stem.split(".")[0], e.source) for e in examples if e.path.stem.endswith(".zh")}
    return [
        example
        for example in examples
        if example.path.stem.endswith(".zh")
        or "variant" not in example.prefix_settings()
        or (example.path.stem.split(".")[0], example.source) not in chinese
    ]


def _test_id(example: CodeExample) -> str:
    feature, lang = example.path.stem.split(".")
    settings = example.prefix_settings()
    if "variant" not in settings:
        return f"{feature}-answer-{lang}"
    return f"{feature}-{settings['variant']}" + ("" if lang == "zh" else f"-{lang}")


EXAMPLES = _collect()


def test_every_feature_has_both_variants_on_its_page() -> None:
    found = {_test_id(example) for example in EXAMPLES}
    for feature in CATALOG.features:
        assert {f"{feature.id}-sync", f"{feature.id}-async"} <= found


def test_each_language_shows_its_own_example_file() -> None:
    """The English page shows `sync.en.py` where there is one, the Chinese file otherwise; the Chinese page always
    shows the Chinese file (the two files are compared in `test_openai_api_languages.py`)."""
    english_files = 0
    for feature in CATALOG.features:
        for lang in ("zh", "en"):
            text = render.feature_page(CATALOG, feature, lang, MOCK)
            shown = [
                e.source
                for e in find_examples(_write(text, f"{feature.id}-{lang}.md"))
                if "variant" in e.prefix_settings()
            ]
            expected = [CATALOG.example_code(feature, variant, lang) for variant in ("sync", "async")]
            assert shown == expected, (feature.id, lang)
            english_files += lang == "en" and shown != [CATALOG.example_code(feature, v) for v in ("sync", "async")]
    assert english_files > 0


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
