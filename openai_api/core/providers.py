"""Which provider an example or a probe runs against, read from `data/providers.yaml` and the environment.

The resolution order: an explicit choice, else DeepSeek when `DEEPSEEK_API_KEY` is set, else OpenAI
when `OPENAI_API_KEY` is set, else the embedded mock. Keys live only in `Target.api_key`, which never appears in a
repr, a page or a report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from openai_api.core.i18n import Localized
from openai_api.core.settings import environment
from openai_api.storage import load_yaml

PROVIDERS_FILE = Path(__file__).parent / "data" / "providers.yaml"
REFERENCE_PROVIDER = "openai"
"""The catalog's examples are written with this provider's model names."""


class ProviderSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Localized
    embedded: bool = False
    profile: str = "openai"  # embedded only: which of the mock's provider profiles to serve
    api_key_env: str | None = None
    admin_key_env: str | None = None
    base_url_env: str | None = None
    base_url: str | None = None
    model_env: dict[str, str] = {}
    models: dict[str, str] = {}


class ProvidersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    providers: dict[str, ProviderSpec]


class ProviderError(ValueError):
    """A provider name or setting that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Target:
    """A resolved provider: where requests go and which model names to use."""

    name: str
    title: Localized
    embedded: bool
    base_url: str | None
    models: Mapping[str, str]
    api_key: str = field(default="", repr=False)
    admin_key: str = field(default="", repr=False)
    profile: str = "openai"

    @property
    def kind(self) -> str:
        return "mock" if self.embedded else "live"

    def secrets(self) -> list[str]:
        return [key for key in (self.api_key, self.admin_key) if key]


@cache
def load_providers(path: Path = PROVIDERS_FILE) -> dict[str, ProviderSpec]:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
        return ProvidersFile.model_validate(raw).providers
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise ProviderError(f"{path}: {error}") from error


def target_for(name: str, env: Mapping[str, str] | None = None) -> Target:
    """Build the target of provider `name`, reading its key, base URL and model overrides from `env`."""
    env = environment() if env is None else env
    providers = load_providers()
    spec = providers.get(name)
    if spec is None:
        raise ProviderError(f"unknown provider {name!r}; known: {', '.join(sorted(providers))}")
    models = dict(providers[REFERENCE_PROVIDER].models)
    models.update(spec.models)
    models.update({role: env[var] for role, var in spec.model_env.items() if env.get(var)})
    base_url = (env.get(spec.base_url_env) if spec.base_url_env else None) or spec.base_url
    api_key = (env.get(spec.api_key_env) if spec.api_key_env else None) or ""
    admin_key = (env.get(spec.admin_key_env) if spec.admin_key_env else None) or ""
    if not spec.embedded and not api_key:
        raise ProviderError(f"provider {name!r} needs an API key in ${spec.api_key_env}")
    return Target(name, spec.title, spec.embedded, base_url, models, api_key, admin_key, spec.profile)


def resolve_target(explicit: str | None = None, env: Mapping[str, str] | None = None) -> Target:
    """The order: explicit name, else DeepSeek by key, else OpenAI by key, else the mock."""
    env = environment() if env is None else env
    if explicit:
        return target_for(explicit, env)
    if env.get("DEEPSEEK_API_KEY"):
        return target_for("deepseek", env)
    if env.get("OPENAI_API_KEY"):
        return target_for("openai", env)
    return target_for("mock", env)


def localize_models(code: str, target: Target) -> str:
    """Swap the reference provider's model literals in `code` for the target's names, role by role."""
    reference = load_providers()[REFERENCE_PROVIDER].models
    for role, name in reference.items():
        replacement = target.models.get(role, name)
        if replacement != name:
            code = re.sub(rf"([\"']){re.escape(name)}\1", rf"\g<1>{replacement}\g<1>", code)
    return code
