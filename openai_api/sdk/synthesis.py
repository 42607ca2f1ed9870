"""Synthesize JSON for any ``openai.types`` response model, valid under strict response validation.

Why hand-written rather than a generic factory library: the values must be *plausible* to a reader
of the docs (real id prefixes, the right ``object`` literal, fixed timestamps, terminal statuses so
poll helpers finish), deterministic per request, and able to echo what the request sent. A walker
over pydantic's field metadata keeps those rules in one readable place.

The walker understands models, Optional, Union (discriminated or not), Literal, List, Dict,
datetime, enums, ``Annotated`` metadata and ``TypeAliasType``; recursion is bounded by depth.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import inspect
import random
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pydantic
from pydantic import TypeAdapter
from typing_extensions import TypeAliasType

from openai_api.storage import read_yaml_file

__all__ = ["EPOCH", "Synthesizer", "is_model", "object_literal", "strip", "validates"]

EPOCH = 1767225600  # 2026-01-01T00:00:00Z: a fixed, plausible "now" for every timestamp
_MAX_DEPTH = 7
_ID_PREFIXES = Path(__file__).parent / "data" / "id_prefixes.yaml"
_TERMINAL = ("completed", "succeeded", "processed", "active", "ready", "success", "done", "valid", "enabled")
_FILLED_OPTIONALS = {"usage", "metadata", "completed_at", "status", "model", "service_tier", "output_text"}
_SCALARS = (str, int, float, bool)


@functools.cache
def id_prefixes() -> dict[str, str]:
    """The id prefix of each object type (`response` -> `resp_`), from `data/id_prefixes.yaml`."""
    return dict(read_yaml_file(_ID_PREFIXES)["id_prefixes"])


def strip(tp: Any) -> tuple[Any, list[Any]]:
    """Peel Annotated and type aliases; return the bare type and the Annotated metadata."""
    meta: list[Any] = []
    while True:
        if isinstance(tp, TypeAliasType):
            tp = tp.__value__
        elif typing.get_origin(tp) is typing.Annotated:
            meta.extend(tp.__metadata__)
            tp = typing.get_args(tp)[0]
        else:
            return tp, meta


def is_model(tp: Any) -> bool:
    return inspect.isclass(tp) and issubclass(tp, pydantic.BaseModel)


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def object_literal(model: Any) -> str | None:
    """The model's ``object: Literal[...]`` value, which names the API object type."""
    field = model.model_fields.get("object") if is_model(model) else None
    if field is None:
        return None
    tp, _ = strip(field.annotation)
    if typing.get_origin(tp) is typing.Literal:
        return typing.get_args(tp)[0]
    return None


@functools.cache
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def validates(tp: Any, value: Any) -> bool:
    """Whether ``value`` passes strict validation as ``tp`` (the check the SDK itself makes)."""
    try:
        _adapter(tp).validate_python(value)
    except (pydantic.ValidationError, TypeError):
        return False
    except pydantic.PydanticSchemaGenerationError:
        return True
    return True


class Synthesizer:
    """Builds JSON-able values for types; one instance per reply, seeded by the request."""

    def __init__(self, seed: str, model_name: str = "gpt-5.4-mini") -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.model_name = model_name
        self._counter = 0

    def new_id(self, prefix: str) -> str:
        """A deterministic id: the same request yields the same ids, different requests differ."""
        self._counter += 1
        digest = hashlib.sha256(f"{self.seed}|{self._counter}".encode()).hexdigest()
        return f"{prefix}{digest[:24]}"

    def build(self, tp: Any, overrides: Mapping[str, Any] | None = None, depth: int = 0) -> Any:
        """A value of type ``tp``; ``overrides`` (a request echo) wins where it validates."""
        tp, meta = strip(tp)
        if is_model(tp):
            return self._model(tp, overrides or {}, depth)
        if _is_union(tp):
            return self._union(tp, meta, overrides, depth)
        return self._scalar(tp, "", None, depth)

    def _union(self, tp: Any, meta: list[Any], overrides: Mapping[str, Any] | None, depth: int) -> Any:
        members = [m for m in typing.get_args(tp) if m is not type(None)]
        if not members:
            return None
        discriminator = next((getattr(m, "discriminator", None) for m in meta if hasattr(m, "discriminator")), None)
        wanted = (overrides or {}).get(discriminator or "type")
        if wanted is not None:
            for member in members:
                if _literal_of(strip(member)[0], discriminator or "type") == wanted:
                    return self.build(member, overrides, depth)
        return self.build(members[0], overrides, depth)

    def _model(self, model: Any, overrides: Mapping[str, Any], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        obj = object_literal(model)
        for name, field in model.model_fields.items():
            key = field.alias or name
            ann = field.annotation
            if key in overrides or name in overrides:
                given = overrides[key] if key in overrides else overrides[name]
                value = self._override(ann, given, depth)
                if value is not _MISSING:
                    out[key] = value
                    continue
            if not field.is_required() and not self._fill_optional(name, ann, depth):
                continue
            out[key] = self._field(model, obj, name, ann, depth)
        return out

    def _override(self, ann: Any, given: Any, depth: int) -> Any:
        """Use the request's value, completed into the field's type, if it then validates."""
        bare = _non_none(ann)
        candidate = given
        if isinstance(given, Mapping):
            target = _model_member(bare)
            if target is not None:  # a union (maybe Annotated with its discriminator) picks its member by `type`
                candidate = self.build(target if not _is_union(strip(bare)[0]) else ann, given, depth + 1)
        elif isinstance(given, list) and typing.get_origin(bare) is list:
            (item,) = typing.get_args(bare) or (Any,)
            candidate = [
                self.build(item, g, depth + 1) if isinstance(g, Mapping) and _model_member(strip(item)[0]) else g
                for g in given
            ]
        return candidate if validates(ann, candidate) else _MISSING

    @staticmethod
    def _fill_optional(name: str, ann: Any, depth: int) -> bool:
        """Optional fields stay absent (as the API omits them) except a few that readers look at."""
        return depth == 0 and name in _FILLED_OPTIONALS

    def _field(self, model: Any, obj: str | None, name: str, ann: Any, depth: int) -> Any:
        bare, meta = strip(ann)
        if _is_union(bare) and type(None) in typing.get_args(bare):
            non_none = _non_none(bare)
            if non_none is None:
                return None
            bare, more = strip(non_none)
            meta = meta + more
        if name == "id" and bare is str:
            return self._id_for(model, obj)
        if _is_union(bare) and str in typing.get_args(bare):  # e.g. `model: Union[str, ChatModel]`
            return self._string(name, model)
        if is_model(bare) or _is_union(bare):
            if depth >= _MAX_DEPTH and not _is_union(bare):
                return self.build(bare, None, depth + 1)
            return self.build(typing.Annotated[bare, *meta] if meta else bare, None, depth + 1)
        return self._scalar(bare, name, model, depth)

    def _id_for(self, model: Any, obj: str | None) -> str:
        if obj == "model":
            return self.model_name
        prefixes = id_prefixes()
        if obj in prefixes:
            return self.new_id(prefixes[obj])
        if obj:
            return self.new_id(obj.split(".")[-1].removesuffix("_id") + "_")
        kind = _literal_of(model, "type")
        if isinstance(kind, str) and f"type:{kind}" in prefixes:
            return self.new_id(prefixes[f"type:{kind}"])
        return self.new_id(_snake(model.__name__).split("_")[0][:8] + "_")

    def _scalar(self, tp: Any, name: str, model: Any, depth: int) -> Any:
        origin = typing.get_origin(tp)
        if origin is typing.Literal:
            return _pick_literal(typing.get_args(tp), name)
        if origin is list:
            (item,) = typing.get_args(tp) or (Any,)
            if depth >= _MAX_DEPTH - 2 or name in {"tools", "metadata", "errors", "annotations", "logprobs"}:
                return []
            return [self.build(item, None, depth + 1)]
        if origin is dict or tp is dict:
            return {}
        if tp is str:
            return self._string(name, model)
        if tp is bool:
            return name in {"enabled", "active", "is_default", "valid", "request_paused"}
        if tp is int:
            return self._int(name)
        if tp is float:
            if name in {"created", "timestamp"} or name.endswith("_at"):
                return float(EPOCH)
            return 0.01 if "score" in name else 1.0
        if tp is dt.datetime:
            return dt.datetime.fromtimestamp(EPOCH, dt.UTC).isoformat().replace("+00:00", "Z")
        if tp is dt.date:
            return "2026-01-01"
        if inspect.isclass(tp) and issubclass(tp, enum.Enum):
            return next(iter(tp)).value
        if _is_union(tp):
            return self.build(tp, None, depth + 1)
        if tp is type(None):
            return None
        return {} if tp in (object, Any) else None

    def _string(self, name: str, model: Any) -> str:
        if name == "model":
            return self.model_name
        if name.endswith("_id"):
            stem = name.removesuffix("_id")
            prefix = id_prefixes().get(stem) or id_prefixes().get(stem.replace("_", "."), f"{stem}_")
            return self.new_id(prefix)
        if name in {"name", "title", "display_name"}:
            return f"mock-{_snake(model.__name__).replace('_', '-')}" if model else "mock"
        if name == "email":
            return "ada@example.com"
        if name.endswith("url"):
            return "https://example.com/mock"
        if name in {"filename", "file_name"}:
            return "mock.jsonl"
        if name in {"text", "content", "output_text", "delta", "transcript", "message", "description"}:
            return "This is a mock reply."
        if name == "role":
            return "owner"
        if name in {"status", "state"}:
            return "completed"
        return f"mock-{name.replace('_', '-')}" if name else "mock"

    @staticmethod
    def _int(name: str) -> int:
        if name in {"created", "timestamp"} or name.endswith("_at") or name.endswith("_time"):
            return EPOCH
        if "tokens" in name:
            return 0
        if name in {"bytes", "size", "usage_bytes"}:
            return 1024
        if name in {"index", "output_index", "content_index", "sequence_number", "code"}:
            return 0
        if name in {"in_progress", "failed", "cancelled"}:  # counts: nothing left pending, so polls end
            return 0
        return 1


class _Missing:
    pass


_MISSING = _Missing()


def _non_none(tp: Any) -> Any:
    bare, _ = strip(tp)
    if _is_union(bare):
        rest = [a for a in typing.get_args(bare) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
        if not rest:
            return None
        return typing.Union[tuple(rest)]  # noqa: UP007 - rebuilt from runtime args
    return bare


def _model_member(tp: Any) -> Any:
    """The model a dict override should complete: the type itself, or a union's first model."""
    tp, _ = strip(tp)
    if is_model(tp):
        return tp
    if _is_union(tp):
        for member in typing.get_args(tp):
            found = _model_member(member)
            if found is not None:
                return found
    return None


def _literal_of(model: Any, field_name: str) -> Any:
    if not is_model(model):
        return None
    field = model.model_fields.get(field_name)
    if field is None:
        return None
    tp, _ = strip(field.annotation)
    if typing.get_origin(tp) is typing.Literal:
        return typing.get_args(tp)[0]
    return None


def _pick_literal(values: tuple[Any, ...], name: str) -> Any:
    """A literal's first value, except statuses, which prefer a terminal state for poll helpers."""
    if name in {"status", "state"}:
        for wanted in _TERMINAL:
            if wanted in values:
                return wanted
    return values[0]


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))
