"""The guide pages' list (`guides.yaml`): which guides exist, in which order, with their titles."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from openai_api.catalog import ROOT, CatalogError
from openai_api.text import Localized

GUIDES_FILE = ROOT / "guides.yaml"
GUIDES_DIR = ROOT / "docs" / "guides"


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
