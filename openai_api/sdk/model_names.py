"""The model names the SDK itself spells out: every string literal of its model type aliases
(``ChatModel``, ``ResponsesModel``, ``ImageModel``...) and of a params type's ``model`` field.

Why: the mock answers an unknown model with 404 ``model_not_found``, as the API does; a name the SDK offers
as a literal is a real model name, so it is known even when the mock's fixtures do not list it.
"""

from __future__ import annotations

import functools
import importlib
import typing
from collections.abc import Iterable
from typing import Any

from typing_extensions import TypeAliasType

__all__ = ["literal_strings", "names_in", "params_model_names", "sdk_model_names"]

_ALIASES = (
    ("openai.types.shared.chat_model", "ChatModel"),
    ("openai.types.shared.responses_model", "ResponsesModel"),
    ("openai.types.shared.all_models", "AllModels"),
    ("openai.types.image_model", "ImageModel"),
    ("openai.types.embedding_model", "EmbeddingModel"),
    ("openai.types.moderation_model", "ModerationModel"),
    ("openai.types.audio.speech_model", "SpeechModel"),
    ("openai.types.audio_model", "AudioModel"),
    ("openai.types.video_model", "VideoModel"),
)


def literal_strings(annotation: Any, depth: int = 0) -> set[str]:
    """Every string literal inside a type annotation (through unions, aliases and ``Annotated``)."""
    if depth > 8:
        return set()
    if isinstance(annotation, TypeAliasType):
        return literal_strings(annotation.__value__, depth + 1)
    if typing.get_origin(annotation) is typing.Literal:
        return {a for a in typing.get_args(annotation) if isinstance(a, str)}
    out: set[str] = set()
    for arg in typing.get_args(annotation):
        out |= literal_strings(arg, depth + 1)
    return out


@functools.cache
def sdk_model_names() -> frozenset[str]:
    """The model names of the SDK's model type aliases."""
    names: set[str] = set()
    for module_name, alias in _ALIASES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        names |= literal_strings(getattr(module, alias, None))
    return frozenset(names)


@functools.cache
def params_model_names(params: Any) -> frozenset[str]:
    """The literal model names a params type's ``model`` field offers (``gpt-3.5-turbo-instruct``...)."""
    try:
        hints = typing.get_type_hints(params)
    except Exception:  # a params type the SDK cannot resolve here: no literals, the aliases still count
        return frozenset()
    return frozenset(literal_strings(hints.get("model")))


def names_in(refs: Iterable[str]) -> list[str]:
    """Names from each ``"module:TypeName"`` ref (e.g. ``"openai.types:ChatModel"``), deduplicated, in the SDK's
    order: what the mock's ``/models`` lists. A ref that no longer resolves (a type renamed by an SDK upgrade) is
    an error naming it, not a silent gap."""
    names: list[str] = []
    for ref in refs:
        module, _, attribute = ref.partition(":")
        try:
            tp = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError) as error:
            raise LookupError(f"model literal {ref!r} is not in the installed openai SDK: {error}") from error
        found = _ordered_literals(tp)
        if not found:
            raise LookupError(f"model literal {ref!r} names no models")
        names += [name for name in found if name not in names]
    return names


def _ordered_literals(tp: Any) -> list[str]:
    if isinstance(tp, TypeAliasType):
        return _ordered_literals(tp.__value__)
    if typing.get_origin(tp) is typing.Literal:
        return [value for value in typing.get_args(tp) if isinstance(value, str)]
    names: list[str] = []
    for member in typing.get_args(tp):
        names += [name for name in _ordered_literals(member) if name not in names]
    return names
