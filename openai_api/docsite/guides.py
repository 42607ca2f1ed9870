"""The guide pages' list (`guides.yaml`): which guides exist, in which order, with their titles; and the learner's
pages outside the guides (the start page, troubleshooting) whose executed blocks speak the page's language."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from openai_api.core.catalog import ROOT, CatalogError
from openai_api.core.i18n import DEFAULT_LANG, Lang, Localized
from openai_api.storage import load_yaml

GUIDES_FILE = ROOT / "guides.yaml"
GUIDES_DIR = ROOT / "docs" / "guides"
_FENCE = re.compile(r'^```python (?P<options>[^\n]*\bguide="[^"\n]+"[^\n]*)\n(?P<code>.*?)\n```$', re.M | re.S)
_OPTION = re.compile(r'(\w+)="([^"]*)"')


class Guide(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: Localized

    def path(self, lang: str) -> str:
        return f"guides/{self.slug}.md" if lang == "zh" else f"guides/{self.slug}.en.md"


class LearnerPage(BaseModel):
    """A hand-written page at `docs/<stem>.md` / `docs/<stem>.en.md`. Unlike a guide, its blocks' prompts are in
    the page's language, so each language's blocks are read and run on their own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stem: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: Localized

    def path(self, lang: str) -> str:
        return f"{self.stem}.md" if lang == "zh" else f"{self.stem}.{lang}.md"


class GuidesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pages: list[LearnerPage] = []
    guides: list[Guide]


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogError(f"{path}: {error}") from error


# The loaders below are cached on the file's text, not its path: a `mkdocs serve` rebuild after an edit of
# `guides.yaml` sees the edit, and an unchanged file is parsed once.


def load_pages(path: Path = GUIDES_FILE) -> tuple[LearnerPage, ...]:
    """The learner's pages (start, troubleshooting), each present in both languages."""
    return _pages(path, _text(path))


def load_guides(path: Path = GUIDES_FILE) -> tuple[Guide, ...]:
    return _guides(path, _text(path))


@cache
def _parse(path: Path, text: str) -> GuidesFile:
    try:
        return GuidesFile.model_validate(load_yaml(text))
    except (yaml.YAMLError, ValidationError) as error:
        raise CatalogError(f"{path}: {error}") from error


_Entry = TypeVar("_Entry", LearnerPage, Guide)


@cache
def _pages(path: Path, text: str) -> tuple[LearnerPage, ...]:
    return _on_disk(path, _parse(path, text).pages, "pages")


@cache
def _guides(path: Path, text: str) -> tuple[Guide, ...]:
    return _on_disk(path, _parse(path, text).guides, "guide pages")


def _on_disk(path: Path, entries: list[_Entry], what: str) -> tuple[_Entry, ...]:
    """`entries`, once each is known to have its page in both languages under `docs/`."""
    missing = [
        e.path(lang) for e in entries for lang in ("zh", "en") if not (path.parent / "docs" / e.path(lang)).is_file()
    ]
    if missing:
        raise CatalogError(f"{path}: {what} missing under docs/: {', '.join(missing)}")
    return tuple(entries)


class GuideBlock(NamedTuple):
    """An executed block of a guide page, with the options its fence carries (defaults as the docs plugin's)."""

    page: str
    name: str
    side_effect: str
    code: str


def guide_blocks(guide: Guide, lang: Lang = DEFAULT_LANG, docs_dir: Path = GUIDES_DIR.parent) -> list[GuideBlock]:
    """The executed blocks of a guide's page in `lang`, so a build can start running them before MkDocs renders
    the page. The two languages' blocks are the same programs with translated strings (a test compares them)."""
    return _blocks_in(docs_dir / guide.path(lang))


def page_blocks(page: LearnerPage, lang: str, docs_dir: Path = GUIDES_DIR.parent) -> list[GuideBlock]:
    """The executed blocks of a learner's page in one language (their code differs by language)."""
    return _blocks_in(docs_dir / page.path(lang))


def _blocks_in(path: Path) -> list[GuideBlock]:
    text = path.read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        options = dict(_OPTION.findall(match["options"]))
        name, side_effect = options.get("name", "example"), options.get("side_effect", "none")
        blocks.append(GuideBlock(options["guide"], name, side_effect, match["code"]))
    return blocks
