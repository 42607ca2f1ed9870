"""The model names the installed SDK itself spells out in its ``Literal`` types (``ChatModel``, ``ImageModel``...).

Why read them from the SDK: the mock lists the models a learner can name in code without a type checker
complaining, and an SDK upgrade that adds a model adds it to the mock's ``/models`` with no edit here.
"""

from __future__ import annotations

import importlib
import typing
from collections.abc import Iterable
from typing import Any

__all__ = ["literal_names", "sdk_model_names"]


def literal_names(tp: Any) -> list[str]:
    """The string values of a ``Literal``, looking inside unions (``Union[str, Literal[...]]``), in order."""
    if typing.get_origin(tp) is typing.Literal:
        return [value for value in typing.get_args(tp) if isinstance(value, str)]
    names: list[str] = []
    for member in typing.get_args(tp):
        names += [name for name in literal_names(member) if name not in names]
    return names


def sdk_model_names(refs: Iterable[str]) -> list[str]:
    """Names from each ``"module:TypeName"`` ref (e.g. ``"openai.types:ChatModel"``), deduplicated, in order.

    A ref that no longer resolves (a type renamed by an SDK upgrade) is an error naming it, not a silent gap."""
    names: list[str] = []
    for ref in refs:
        module, _, attribute = ref.partition(":")
        try:
            tp = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError) as error:
            raise LookupError(f"model literal {ref!r} is not in the installed openai SDK: {error}") from error
        found = literal_names(tp)
        if not found:
            raise LookupError(f"model literal {ref!r} names no models")
        names += [name for name in found if name not in names]
    return names
