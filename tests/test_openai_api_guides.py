"""The guides: listed, in both languages with the same blocks, and every block of each language linted, type-checked
and run against the mock (the two languages' programs are compared in `test_openai_api_languages.py`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import program_shape
from pytest_examples import CodeExample, EvalExample, find_examples

from openai_api.core.catalog import ROOT
from openai_api.core.i18n import LANGS
from openai_api.core.providers import target_for
from openai_api.core.runner import mock_key
from openai_api.docsite.guides import GUIDES_DIR, LearnerPage, guide_blocks, load_guides, load_pages, page_blocks

MOCK = target_for("mock", {})
PAGES = sorted(path for path in GUIDES_DIR.glob("*.md") if not path.name.endswith(".en.md"))


def _blocks(path: Path) -> list[CodeExample]:
    return [example for example in find_examples(path) if "guide" in example.prefix_settings()]


def _english(page: Path) -> Path:
    return page.with_name(f"{page.stem}.en.md")


def _english_only(page: Path) -> list[CodeExample]:
    """The English page's blocks whose code differs from the Chinese page's (the same code needs no second run)."""
    chinese = {e.source for e in _blocks(page)}
    return [example for example in _blocks(_english(page)) if example.source not in chinese]


# The learner's pages (start, troubleshooting): both languages run, each with its own prompts.
LEARNER_FILES = [GUIDES_DIR.parent / page.path(lang) for page in load_pages() for lang in ("zh", "en")]
EXAMPLES = [example for page in PAGES for example in (*_blocks(page), *_english_only(page))]
EXAMPLES += [example for page in LEARNER_FILES for example in _blocks(page)]


def _test_id(example: CodeExample) -> str:
    settings = example.prefix_settings()
    lang = "-en" if example.path.name.endswith(".en.md") else ""
    return f"{settings['guide']}-{settings.get('name', 'example')}{lang}"


@pytest.mark.parametrize("page", load_pages(), ids=lambda p: p.stem)
def test_learner_pages_run_the_same_program_in_each_language(page: LearnerPage) -> None:
    """The start and troubleshooting pages are written per language: the prompts and printed labels differ, the
    program does not (same block names in the same order, same AST once strings are masked)."""
    zh, en = page_blocks(page, "zh"), page_blocks(page, "en")
    assert zh and [b.name for b in zh] == [b.name for b in en]
    for zh_block, en_block in zip(zh, en, strict=True):
        assert zh_block.page == en_block.page == page.stem
        assert program_shape(zh_block.code) == program_shape(en_block.code), zh_block.name
        assert zh_block.code != en_block.code, f"{zh_block.name}: the English block still speaks Chinese"


def test_every_guide_page_is_listed_and_exists_in_both_languages() -> None:
    listed = {guide.slug for guide in load_guides()}
    assert listed == {path.stem for path in PAGES}
    for page in PAGES:
        assert page.with_name(f"{page.stem}.en.md").is_file(), f"{page.name} has no English page"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_both_languages_run_the_same_code(page: Path) -> None:
    """Same blocks, same program: only string literals (prompts, printed labels) may differ by language."""
    zh = [(e.prefix_settings(), program_shape(e.source)) for e in _blocks(page)]
    en = [(e.prefix_settings(), program_shape(e.source)) for e in _blocks(_english(page))]
    assert zh and zh == en
    names = [settings.get("name") for settings, _ in zh]
    assert len(names) == len(set(names)), f"{page.stem}: example names must be unique on a page"
    assert all(settings["guide"] == page.stem for settings, _ in zh)


@pytest.mark.parametrize("example", EXAMPLES, ids=_test_id)
def test_guide_example_lints_and_runs(
    example: CodeExample, eval_example: EvalExample, mock_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", mock_key("guide", _test_id(example)))
    eval_example.set_config(ruff_line_length=120, ruff_select=["E", "F", "W", "I", "B", "UP"], target_version="py310")
    eval_example.lint_ruff(example)
    eval_example.run(example)


def test_every_guide_block_type_checks(tmp_path: Path) -> None:
    """Pyright over every block, as over the cards' example files: the SDK is typed, so a wrong call, a misspelt
    field or an unchecked Optional is caught before a reader copies it."""
    files: dict[str, str] = {}
    blocks = [(block, lang) for guide in load_guides() for lang in LANGS for block in guide_blocks(guide, lang)]
    blocks += [(block, lang) for page in load_pages() for lang in LANGS for block in page_blocks(page, lang)]
    for index, (block, lang) in enumerate(blocks):
        path = tmp_path / f"{block.page}__{block.name}_{index}.py".replace("-", "_")
        path.write_text(block.code, encoding="utf-8")
        files[str(path)] = f"{block.page}#{block.name} ({lang})"
    pyright = Path(sys.executable).with_name("pyright")
    process = subprocess.run(
        [str(pyright), "--outputjson", *files], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    report = json.loads(process.stdout)
    errors = [
        f"{files[d['file']]} line {d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    assert report["summary"]["filesAnalyzed"] == len(files)
    assert not errors, "\n".join(errors)


def test_the_build_prefetches_exactly_the_blocks_on_each_page() -> None:
    """The docs build submits guide blocks before MkDocs renders them (`guide_blocks`); if its reading differed
    from the Markdown's, a block would run twice or wait for nothing."""
    for guide in load_guides():
        for lang in LANGS:
            page = GUIDES_DIR.parent / guide.path(lang)
            expected = [(e.prefix_settings()["name"], e.source.strip("\n")) for e in _blocks(page)]
            assert [(b.name, b.code.strip("\n")) for b in guide_blocks(guide, lang)] == expected, (guide.slug, lang)
    for learner in load_pages():
        for lang in ("zh", "en"):
            expected = [
                (e.prefix_settings()["name"], e.source.strip("\n"))
                for e in _blocks(GUIDES_DIR.parent / learner.path(lang))
            ]
            assert [(b.name, b.code.strip("\n")) for b in page_blocks(learner, lang)] == expected, learner.path(lang)
