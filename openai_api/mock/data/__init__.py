"""Load the mock's data files (fixtures.yaml, profiles.yaml, list_orders.yaml, media.yaml, batch_errors.yaml,
context_windows.yaml, decisions.yaml, language.yaml, moderations.yaml, replies.yaml, tasks.yaml, websockets.yaml)
once, next to this module.

Why data files: fixtures and provider profiles are content, not code; adding a demo object or a
provider should be an edit to YAML, reviewed as such.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from openai_api.storage import read_yaml_file

__all__ = [
    "batch_errors",
    "context_windows",
    "decisions",
    "fixtures",
    "language",
    "list_orders",
    "media",
    "moderations",
    "profiles",
    "replies",
    "tasks",
    "websockets",
]

_HERE = Path(__file__).parent


@functools.cache
def _load(name: str) -> dict[str, Any]:
    # parsed once per content of the file (`storage.read_yaml_file`): the fixtures, profiles, reply bank and
    # language data are read before the mock server's first answer
    return read_yaml_file(_HERE / name) or {}


def fixtures() -> dict[str, Any]:
    return _load("fixtures.yaml")


def profiles() -> dict[str, Any]:
    return _load("profiles.yaml")


def list_orders() -> dict[str, list[str]]:
    return _load("list_orders.yaml")


def media() -> dict[str, Any]:
    return _load("media.yaml")


def batch_errors() -> dict[str, Any]:
    return _load("batch_errors.yaml")


def decisions() -> dict[str, Any]:
    return _load("decisions.yaml")


def moderations() -> dict[str, Any]:
    return _load("moderations.yaml")


def language() -> dict[str, Any]:
    return _load("language.yaml")


def websockets() -> dict[str, Any]:
    return _load("websockets.yaml")


def replies() -> dict[str, Any]:
    return _load("replies.yaml")


def tasks() -> dict[str, Any]:
    return _load("tasks.yaml")


def context_windows() -> dict[str, Any]:
    return _load("context_windows.yaml")
