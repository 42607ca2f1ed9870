"""The catalog (`features.yaml`): one teaching card per SDK resource and client operation, loaded through a typed model.

A malformed catalog stops everything that reads it with one `CatalogError` whose message names, for each problem,
the feature and the field, so that a typo in the YAML is fixed in seconds rather than found on a broken page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from openai_api.core.i18n import DEFAULT_LANG, Lang, Localized
from openai_api.core.settings import catalog_override
from openai_api.storage import PROJECT_ROOT

ROOT = PROJECT_ROOT
CATALOG_FILE = ROOT / "features.yaml"
# libyaml's loader when PyYAML was built with it: the catalog is read before the probe sends anything, and the
# pure-Python parser takes 0.2-0.3 s over it where libyaml takes 0.015 s
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Stability = Literal["stable", "preview", "compat_risk"]
SideEffect = Literal["none", "low", "high"]
Variant = Literal["sync", "async"]
VARIANTS: tuple[Variant, ...] = ("sync", "async")


class Runnable(Protocol):
    """What the runner needs to know of anything it runs: a name, and how much it may touch an account."""

    @property
    def id(self) -> str: ...

    @property
    def side_effect(self) -> SideEffect: ...

    @property
    def credentials(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class GuideExample:
    """An example of a guide page: runs like a card's, under the same side-effect policy."""

    id: str
    side_effect: SideEffect = "none"
    credentials: tuple[str, ...] = ()


class CatalogError(ValueError):
    """The catalog cannot be used; the message names the file, the feature and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CoreParam(_Strict):
    name: str = Field(min_length=1)
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Exercise(_Strict):
    question: Localized
    answer: Localized


class Exercises(_Strict):
    understand: Exercise
    hands_on: Exercise


class Examples(_Strict):
    sync: str
    async_: str = Field(alias="async")

    def path(self, variant: Variant) -> str:
        return self.sync if variant == "sync" else self.async_


class Feature(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Localized
    surface: str = Field(pattern=r"^[a-z_][a-z0-9_.]*$")
    category: str
    stability: Stability
    side_effect: SideEffect
    # Environment variables the example needs besides OPENAI_API_KEY (the admin card: OPENAI_ADMIN_KEY). Without
    # one, the runner answers `auth_error` naming it before any request, instead of whatever the SDK raises.
    credentials: list[Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$")]] = []
    param_count: int = Field(ge=0)
    required_params: list[str]
    purpose: Localized
    when_to_use: Localized
    core_params: list[CoreParam] = Field(min_length=1)
    examples: Examples
    exercises: Exercises

    @property
    def is_resource(self) -> bool:
        """A top-level resource of the client (`files`), as opposed to a way of calling it (`client_with_options`)."""
        return self.surface.split(".")[0] == self.id


class Catalog(_Strict):
    categories: dict[str, Localized] = Field(min_length=1)
    features: list[Feature] = Field(min_length=1)
    root: Path = Field(default=ROOT, exclude=True)

    @field_validator("features")
    @classmethod
    def _unique_ids(cls, features: list[Feature]) -> list[Feature]:
        seen: set[str] = set()
        for feature in features:
            if feature.id in seen:
                raise ValueError(f"duplicate feature id {feature.id!r}")
            seen.add(feature.id)
        return features

    @model_validator(mode="after")
    def _known_categories(self) -> Catalog:
        for feature in self.features:
            if feature.category not in self.categories:
                known = ", ".join(self.categories)
                raise ValueError(
                    f"feature {feature.id!r}: field 'category': unknown category {feature.category!r} (known: {known})"
                )
        return self

    @cached_property
    def by_id(self) -> dict[str, Feature]:
        return {feature.id: feature for feature in self.features}

    def feature(self, feature_id: str) -> Feature:
        try:
            return self.by_id[feature_id]
        except KeyError:
            raise CatalogError(f"no feature {feature_id!r} in the catalog") from None

    def by_category(self) -> Iterator[tuple[str, list[Feature]]]:
        """Categories in catalog order, each with its features in catalog order; empty ones left out."""
        for category in self.categories:
            members = [f for f in self.features if f.category == category]
            if members:
                yield category, members

    def example_path(self, feature: Feature, variant: Variant, lang: Lang = DEFAULT_LANG) -> Path:
        """The example file a page of `lang` shows: `sync.py` is the default language's; another language's copy
        sits beside it (`sync.en.py`, the same program with its strings translated). A program without text to
        translate has no copy, and every language shows the default file."""
        default = self.root / feature.examples.path(variant)
        if lang != DEFAULT_LANG:
            localized = default.with_name(f"{default.stem}.{lang}{default.suffix}")
            if localized.is_file():
                return localized
        return default

    def example_code(self, feature: Feature, variant: Variant, lang: Lang = DEFAULT_LANG) -> str:
        return self.example_path(feature, variant, lang).read_text(encoding="utf-8")


def _describe(raw: Any, loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic location like ('features', 3, 'exercises', 'understand') into words naming the feature."""
    if len(loc) >= 2 and loc[0] == "features" and isinstance(loc[1], int):
        index = loc[1]
        entry = raw.get("features", [])[index] if isinstance(raw, dict) else None
        name = entry.get("id") if isinstance(entry, dict) else None
        who = f"feature {name!r}" if name else f"feature #{index + 1}"
        field = ".".join(str(part) for part in loc[2:]) or "(the entry itself)"
        return f"{who}: field {field!r}"
    return "field " + repr(".".join(str(part) for part in loc)) if loc else "top level"


def catalog_path() -> Path:
    """`features.yaml` at the project root, or the file named by `OPENAI_API_CATALOG` (tests, forks)."""
    return catalog_override() or CATALOG_FILE


def load_catalog(path: Path | None = None) -> Catalog:
    """Load and validate the catalog, and check that every example file it names exists."""
    path = catalog_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogError(f"{path}: cannot read the catalog: {error}") from error
    try:
        raw = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        raise CatalogError(f"{path}: invalid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: the catalog must be a mapping with 'categories' and 'features'")
    try:
        catalog = Catalog.model_validate({**raw, "root": path.resolve().parent})
    except ValidationError as error:
        problems = []
        for item in error.errors():
            message = item["msg"].removeprefix("Value error, ")
            if message.startswith("feature "):
                problems.append(message)
            else:
                problems.append(f"{_describe(raw, tuple(item['loc']))}: {message}")
        raise CatalogError(f"{path}: " + "; ".join(problems)) from None
    missing = [
        f"feature {feature.id!r}: field 'examples.{variant}': no file {feature.examples.path(variant)!r}"
        for feature in catalog.features
        for variant in ("sync", "async")
        if not (catalog.root / feature.examples.path(variant)).is_file()
    ]
    if missing:
        raise CatalogError(f"{path}: " + "; ".join(missing))
    return catalog
