"""The guide pages' list (`guides.yaml`): which guides exist, in which order, with their titles."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from openai_api.core.catalog import ROOT, CatalogError
from openai_api.core.i18n import DEFAULT_LANG, Lang, Localized

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


class GuidesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    guides: list[Guide]


@cache
def load_guides(path: Path = GUIDES_FILE) -> tuple[Guide, ...]:
    try:
        guides = GuidesFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).guides
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise CatalogError(f"{path}: {error}") from error
    missing = [
        g.path(lang) for g in guides for lang in ("zh", "en") if not (path.parent / "docs" / g.path(lang)).is_file()
    ]
    if missing:
        raise CatalogError(f"{path}: guide pages missing under docs/: {', '.join(missing)}")
    return tuple(guides)


class GuideBlock(NamedTuple):
    """An executed block of a guide page, with the options its fence carries (defaults as the docs plugin's)."""

    page: str
    name: str
    side_effect: str
    code: str


def guide_blocks(guide: Guide, lang: Lang = DEFAULT_LANG, docs_dir: Path = GUIDES_DIR.parent) -> list[GuideBlock]:
    """The executed blocks of a guide's page in `lang`, so a build can start running them before MkDocs renders
    the page. The two languages' blocks are the same programs with translated strings (a test compares them)."""
    text = (docs_dir / guide.path(lang)).read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        options = dict(_OPTION.findall(match["options"]))
        name, side_effect = options.get("name", "example"), options.get("side_effect", "none")
        blocks.append(GuideBlock(options["guide"], name, side_effect, match["code"]))
    return blocks
