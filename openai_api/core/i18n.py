"""Bilingual text: every human-facing string of the catalog and the site carries Chinese and English side by side."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"


class Localized(BaseModel):
    """One text in both languages; neither may be empty, so a page never shows a hole."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en
