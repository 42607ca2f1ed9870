"""A deterministic instance of a JSON Schema, for tool-call arguments and structured outputs.

Why hand-written: the schemas come from function tools and ``response_format``/``text.format``
(including the strict schemas the SDK builds from pydantic models), and the values should read as
plausible examples; random generators would be valid but unreadable in docs. ``values`` (what the reply
bank took from the question: names, dates, cities) fill the properties they name, nested as the schema is,
so a parsed result shows what the input said.
"""

from __future__ import annotations

from typing import Any

__all__ = ["instance"]


def instance(schema: Any, hint: str = "", root: Any = None, depth: int = 0, values: Any = None) -> Any:
    root = schema if root is None else root
    if not isinstance(schema, dict) or depth > 12:
        return None
    if "$ref" in schema:
        return instance(_ref(root, schema["$ref"]), hint, root, depth + 1, values)
    if values is not None and not isinstance(values, dict | list):
        return values  # a value the question gave for this property
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        if schema.get(key):
            options = [s for s in schema[key] if not (isinstance(s, dict) and s.get("type") == "null")]
            return instance((options or schema[key])[0], hint, root, depth + 1, values)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties") or {}
        given = values if isinstance(values, dict) else {}
        return {
            name: given[name]
            if name in given and given[name] is None
            else instance(sub, name, root, depth + 1, given.get(name))
            for name, sub in props.items()
        }
    if kind == "array":
        if isinstance(values, list):
            return [instance(schema.get("items", {}), hint, root, depth + 1, value) for value in values]
        count = max(1, int(schema.get("minItems", 1)))
        return [instance(schema.get("items", {}), hint, root, depth + 1) for _ in range(count)]
    if kind == "string":
        return _string(schema, hint)
    if kind == "integer":
        return int(schema.get("minimum", 1) if schema.get("minimum", 1) > 1 else 1)
    if kind == "number":
        return float(schema.get("minimum", 1.0) if schema.get("minimum", 1.0) > 1 else 1.0)
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return None


def _string(schema: dict[str, Any], hint: str) -> str:
    fmt = schema.get("format")
    if fmt == "date-time":
        return "2026-01-01T00:00:00Z"
    if fmt == "date":
        return "2026-01-01"
    if fmt == "email":
        return "ada@example.com"
    if fmt in {"uri", "url"}:
        return "https://example.com"
    samples = {"location": "Paris, France", "city": "Paris", "unit": "celsius", "name": "Ada Lovelace", "query": "mock"}
    return samples.get(hint.lower(), f"mock {hint}".strip() if hint else "mock")


def _ref(root: Any, ref: str) -> Any:
    node = root
    for part in ref.lstrip("#/").split("/"):
        if not isinstance(node, dict):
            return {}
        node = node.get(part, {})
    return node
