"""Yes/no switches as the seed writes them (`y`/`n`), accepting the spellings people actually type."""

from __future__ import annotations

import os
from collections.abc import Mapping

_TRUE = {"1", "y", "yes", "true", "on"}
_FALSE = {"0", "n", "no", "false", "off", ""}


def parse_flag(value: str, name: str) -> bool:
    """Read a switch; anything unexpected is an error that names the switch, never a silent default."""
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{name}: expected y/n (or yes/no, true/false, 1/0), got {value!r}")


def env_flag(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    value = env.get(name)
    return default if value is None else parse_flag(value, name)
