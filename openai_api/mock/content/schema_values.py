"""A deterministic instance of a JSON Schema, for tool-call arguments and structured outputs.

Why: the schemas come from function tools and ``response_format``/``text.format`` (including the strict
schemas the SDK and client libraries build from pydantic models), and client code validates what comes back,
so every keyword Structured Outputs supports is honoured: ``$ref``/``$defs``, ``anyOf``, ``enum``, ``const``,
``pattern`` (strings drawn from the regex by ``rstr``, seeded per request so a request always gets the same
value), ``format`` (date, time, date-time, duration, uuid, email, hostname, ipv4, ipv6, uri),
``minLength``/``maxLength``, ``minimum``/``maximum``/``exclusiveMinimum``/``exclusiveMaximum``/``multipleOf``,
``minItems``/``maxItems``, ``prefixItems``, and ``additionalProperties: false`` (only the declared properties).
Values the conversation provides come from ``pick`` (``openai_api.mock.behaviour.entities``); the generator
keeps them when they fit the schema and otherwise makes a readable one. A mapping picked for an object (or a
list of mappings for an array of objects, item by item) fills that object's properties first, as the schema
nests them; what it leaves out goes to ``pick`` as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import math
import random
import re
import uuid
from collections.abc import Callable
from typing import Any

import rstr

from openai_api.mock.data import language

__all__ = ["MISSING", "Picker", "fits", "instance", "takes"]

MISSING: Any = object()
_NESTED = 4  # below this depth, optional repetition (empty-able lists, nullable values) stops
# pick(name, schema, description) -> a value from the conversation, or MISSING
Picker = Callable[[str, dict[str, Any], str], Any]

_FORMAT_SAMPLES = {
    "date-time": "2026-01-01T09:00:00Z",
    "date": "2026-01-01",
    "time": "09:00:00",
    "duration": "PT1H",
    "email": "ada@example.com",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uri": "https://example.com",
    "url": "https://example.com",
}


def instance(schema: Any, hint: str = "", *, pick: Picker | None = None, seed: str = "") -> Any:
    """A value of ``schema``; ``hint`` names the property it is for, ``seed`` makes generated values repeatable."""
    generator = _Generator(schema, pick, seed)
    return generator.value(schema, hint, "", 0)


def takes(value: Any, schema: dict[str, Any]) -> bool:
    """Whether a picked value can stand for ``schema``: a list for an array (its items are made from it), a mapping
    for an object (its properties are filled from it, as the schema nests them), else a leaf that ``fits``."""
    if value is MISSING:
        return False
    kind = _kind(schema)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object" or "properties" in schema:
        return isinstance(value, dict)
    return fits(value, schema)


def fits(value: Any, schema: dict[str, Any]) -> bool:
    """Whether a leaf value satisfies the schema's own keywords (type, enum, const, string and number bounds)."""
    if "const" in schema:
        return value == schema["const"]
    if schema.get("enum") is not None and value not in schema["enum"]:
        return False
    kind = _kind(schema)
    if isinstance(value, bool):
        return kind in {"boolean", None}
    if isinstance(value, str):
        return kind in {"string", None} and _string_fits(value, schema)
    if isinstance(value, int | float):
        if kind == "integer" and not (isinstance(value, int) or float(value).is_integer()):
            return False
        return kind in {"integer", "number", None} and _number_fits(float(value), schema)
    return value is None and kind == "null"


class _Generator:
    def __init__(self, root: Any, pick: Picker | None, seed: str) -> None:
        self.root = root
        self.pick = pick
        digest = hashlib.sha256(seed.encode("utf-8")).digest()
        self.rng = random.Random(int.from_bytes(digest[:8], "big"))

    def value(self, schema: Any, hint: str, description: str, depth: int) -> Any:
        if not isinstance(schema, dict) or depth > 16:
            return None
        description = str(schema.get("description") or description)
        if "$ref" in schema:
            target = _ref(self.root, schema["$ref"])
            merged = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
            return self.value(merged, hint, description, depth + 1)
        if "const" in schema:
            return schema["const"]
        for key in ("anyOf", "oneOf"):
            if schema.get(key):
                return self._choose(schema[key], hint, description, depth)
        if schema.get("allOf"):
            merged = {}
            for part in schema["allOf"]:
                resolved = _ref(self.root, part["$ref"]) if isinstance(part, dict) and "$ref" in part else part
                merged.update(resolved if isinstance(resolved, dict) else {})
            return self.value(merged, hint, description, depth + 1)
        kind = _kind(schema)
        if kind == "object" or (kind is None and "properties" in schema):
            given = self.pick(hint, schema, description) if self.pick and hint else MISSING
            if isinstance(given, dict):
                return self._within(given, lambda: self._object(schema, depth))
            return self._object(schema, depth)
        if kind == "array":
            return self._array(schema, hint, description, depth)
        picked = self.pick(hint, schema, description) if self.pick else MISSING
        if picked is not MISSING and fits(picked, schema):
            return picked
        if schema.get("enum"):
            return schema["enum"][0]
        if kind == "string":
            return self._string(schema, hint)
        if kind in {"integer", "number"}:
            return _number(schema, kind == "integer")
        if kind == "boolean":
            return True
        return None

    def _choose(self, options: list[Any], hint: str, description: str, depth: int) -> Any:
        """The first option the conversation fills; else null when null is allowed and the other options are
        plain values (a model writes null for what the text does not say); else the first non-null option."""
        real = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
        leaves = True
        for option in real:
            resolved = _ref(self.root, option["$ref"]) if isinstance(option, dict) and "$ref" in option else option
            if not isinstance(resolved, dict) or _kind(resolved) in {"object", "array", None}:
                leaves = False
                continue
            picked = self.pick(hint, resolved, description) if self.pick else MISSING
            if picked is not MISSING and fits(picked, resolved):
                return picked
        if len(real) < len(options) and ((leaves and self.pick) or depth > _NESTED):
            return None  # nothing said, or a recursive schema's end
        return self.value((real or options)[0], hint, description, depth + 1)

    def _within(self, given: dict[str, Any], fill: Callable[[], Any]) -> Any:
        """``fill()`` with ``given``'s values (by property name, as the schema nests them) picked first."""
        outer = self.pick

        def scoped(name: str, schema: dict[str, Any], description: str) -> Any:
            value = given.get(name, MISSING)
            if takes(value, schema):
                return value
            return outer(name, schema, description) if outer else MISSING

        self.pick = scoped
        try:
            return fill()
        finally:
            self.pick = outer

    def _object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        props = schema.get("properties") or {}
        return {name: self.value(sub, name, "", depth + 1) for name, sub in props.items()}

    def _array(self, schema: dict[str, Any], hint: str, description: str, depth: int) -> list[Any]:
        prefix = [p for p in schema.get("prefixItems") or [] if isinstance(p, dict)]
        items = schema.get("items")
        low = int(schema.get("minItems", 0))
        high = schema.get("maxItems")
        if low == 0 and not prefix and depth > _NESTED:
            return []  # a recursive schema (a tree's children) ends in empty lists
        wanted = max(low, len(prefix), 1)
        if isinstance(items, dict) and self.pick:
            resolved = _ref(self.root, items["$ref"]) if "$ref" in items else items
            many = self.pick(hint, {"type": "array", "items": resolved}, description)
            if isinstance(many, list) and many:
                if not prefix and isinstance(resolved, dict) and all(isinstance(v, dict) for v in many):
                    given = many[: high if isinstance(high, int) else None]  # the length follows the given list
                    return [
                        self._within(v, lambda: self.value(resolved, "", description, depth + 1)) for v in given
                    ] + [
                        self.value(resolved, _singular(hint), description, depth + 1)
                        for _ in range(max(0, low - len(given)))
                    ]
                if not prefix and isinstance(resolved, dict) and all(fits(v, resolved) for v in many):
                    return many[: high if isinstance(high, int) else None] + [
                        self.value(resolved, _singular(hint), description, depth + 1)
                        for _ in range(max(0, low - len(many)))
                    ]
                wanted = max(wanted, len(many))
        if isinstance(high, int):
            wanted = min(wanted, high)
        out: list[Any] = []
        for index in range(wanted):
            if index < len(prefix):
                out.append(self.value(prefix[index], hint, description, depth + 1))
            elif items is False or (items is None and prefix):
                break
            else:
                sub = items if isinstance(items, dict) else {}
                out.append(self.value(sub, _singular(hint), description, depth + 1))
        return out

    def _string(self, schema: dict[str, Any], hint: str) -> str:
        fmt = schema.get("format")
        pattern = schema.get("pattern")
        if fmt == "uuid":
            text = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        elif isinstance(pattern, str):
            text = self._from_pattern(pattern, schema)
        elif fmt in _FORMAT_SAMPLES:
            text = _FORMAT_SAMPLES[str(fmt)]
        else:
            samples = language()["samples"]
            text = str(samples.get(hint.lower(), f"mock {hint}".strip() if hint else "mock"))
        return _sized(text, schema)

    def _from_pattern(self, pattern: str, schema: dict[str, Any]) -> str:
        drawer = rstr.Rstr(self.rng)
        text = ""
        for _ in range(20):
            try:
                text = drawer.xeger(pattern)
            except (re.error, ValueError, TypeError, IndexError, KeyError):  # a construct rstr cannot draw
                return text or "mock"
            if _string_fits(text, schema):
                return text
        return text


def _kind(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        real = [k for k in kind if k != "null"]
        return str(real[0]) if real else "null"
    if kind is None and schema.get("enum"):
        first = schema["enum"][0]
        return "string" if isinstance(first, str) else None
    return str(kind) if kind else None


def _singular(hint: str) -> str:
    if hint.endswith("ies"):
        return hint[:-3] + "y"
    return hint[:-1] if hint.endswith("s") and not hint.endswith("ss") else hint


def _sized(text: str, schema: dict[str, Any]) -> str:
    """``text`` stretched or cut to minLength/maxLength (a pattern's own length wins when there is one)."""
    low = int(schema.get("minLength", 0))
    high = schema.get("maxLength")
    if len(text) < low:
        text = (text + " " + "x" * low)[:low] if text else "x" * low
    if isinstance(high, int) and len(text) > high:
        text = text[:high]
        text = text.rstrip() if len(text.rstrip()) >= low else text
    return text


def _string_fits(text: str, schema: dict[str, Any]) -> bool:
    if len(text) < int(schema.get("minLength", 0)):
        return False
    high = schema.get("maxLength")
    if isinstance(high, int) and len(text) > high:
        return False
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        try:
            if not re.search(pattern, text):
                return False
        except re.error:
            return False
    fmt = schema.get("format")
    return _format_ok(text, str(fmt)) if fmt else True


def _format_ok(text: str, fmt: str) -> bool:
    checks: dict[str, Callable[[str], Any]] = {
        "date": lambda t: re.fullmatch(r"\d{4}-\d{2}-\d{2}", t) and dt.date.fromisoformat(t),
        "time": lambda t: re.fullmatch(r"\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", t),
        "date-time": lambda t: (
            re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", t)
            and dt.datetime.fromisoformat(t.replace("Z", "+00:00"))
        ),
        "email": lambda t: re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", t),
        "uuid": lambda t: uuid.UUID(t) and re.fullmatch(r"[0-9a-fA-F-]{36}", t),
        "ipv4": lambda t: ipaddress.IPv4Address(t),
        "ipv6": lambda t: ipaddress.IPv6Address(t),
        "uri": lambda t: re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", t),
        "hostname": lambda t: re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?", t),
        "duration": lambda t: re.fullmatch(r"P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?", t),
    }
    check = checks.get(fmt)
    if check is None:
        return True
    try:
        return bool(check(text))
    except ValueError:
        return False


def _number_fits(value: float, schema: dict[str, Any]) -> bool:
    if "minimum" in schema and value < schema["minimum"]:
        return False
    if "maximum" in schema and value > schema["maximum"]:
        return False
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        return False
    if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
        return False
    step = schema.get("multipleOf")
    return not step or math.isclose(value / step, round(value / step), abs_tol=1e-9)


def _number(schema: dict[str, Any], integer: bool) -> int | float:
    """The smallest readable value in range: 1 when allowed, else the lowest bound moved onto ``multipleOf``."""
    step = schema.get("multipleOf") or (1 if integer else None)
    low = schema.get("minimum")
    if "exclusiveMinimum" in schema:
        bound = schema["exclusiveMinimum"]
        low = bound + (step or 1e-6) if low is None or bound >= low else low
    high = schema.get("maximum")
    if "exclusiveMaximum" in schema:
        bound = schema["exclusiveMaximum"]
        high = bound - (step or 1e-6) if high is None or bound <= high else high
    value = 1.0
    if not integer and low is not None and high is not None and not low <= value <= high:
        value = (low + high) / 2  # a fraction's range such as (0, 1): its middle reads best
    if low is not None and value < low:
        value = float(low)
    if high is not None and value > high:
        value = float(high)
    if step:
        value = math.ceil(value / step - 1e-9) * step
        if high is not None and value > high:
            value = math.floor(high / step + 1e-9) * step
    if integer:
        return round(value)
    return round(value, 10)


def _ref(root: Any, ref: str) -> Any:
    node = root
    for part in ref.lstrip("#/").split("/"):
        if not isinstance(node, dict):
            return {}
        node = node.get(part, {})
    return node
