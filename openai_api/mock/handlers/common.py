"""Shared pieces of the text handlers: reading message content, tools and schemas from requests."""

from __future__ import annotations

import json
from typing import Any

from ..schema_values import instance

__all__ = ["arguments_for", "function_tools", "schema_json", "text_of"]


def text_of(content: Any) -> str:
    """Text of a message content: a string, or a list of parts carrying ``text``."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(text_of(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


def function_tools(tools: Any) -> list[dict[str, Any]]:
    """Function tools as {name, parameters}, from either the Chat or the Responses tool shape."""
    out = []
    for tool in tools if isinstance(tools, list) else []:
        if not isinstance(tool, dict) or tool.get("type") != "function":
            continue
        function = tool.get("function")
        spec: dict[str, Any] = function if isinstance(function, dict) else tool
        out.append({"name": spec.get("name", "tool"), "parameters": spec.get("parameters") or {}})
    return out


def arguments_for(tool: dict[str, Any], prompt: str) -> str:
    """JSON arguments satisfying the tool's schema; string params named like the prompt's topic get it."""
    args = instance(tool["parameters"]) if tool["parameters"] else {}
    return json.dumps(args if isinstance(args, dict) else {}, ensure_ascii=False)


def schema_json(fmt: Any) -> str | None:
    """For a json_schema / json_object format request, the JSON text to answer with."""
    if not isinstance(fmt, dict):
        return None
    if fmt.get("type") == "json_schema":
        nested = fmt.get("json_schema")
        spec: dict[str, Any] = nested if isinstance(nested, dict) else fmt
        return json.dumps(instance(spec.get("schema") or {}), ensure_ascii=False)
    if fmt.get("type") == "json_object":
        return json.dumps({"reply": "This is a mock JSON reply."})
    return None
