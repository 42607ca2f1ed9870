"""Shared pieces of the text handlers: reading message content, tools and schemas from requests."""

from __future__ import annotations

import json
import re
from typing import Any

from openai_api.mock.content.replies import entry_for, reply_text, values_for
from openai_api.mock.content.schema_values import instance
from openai_api.mock.errors import MockError

__all__ = [
    "arguments_for",
    "chosen_functions",
    "forced_function",
    "function_tools",
    "must_call",
    "offered_functions",
    "schema_json",
    "text_of",
]


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


def _function_name(spec: Any) -> str | None:
    """A function's name in either shape: Chat's ``{"function": {"name"}}`` or Responses' flat ``{"name"}``."""
    if not isinstance(spec, dict):
        return None
    nested = spec.get("function")
    name = nested.get("name") if isinstance(nested, dict) else spec.get("name")
    return str(name) if name else None


def forced_function(choice: Any) -> str | None:
    """The function a ``tool_choice`` forces (``{"type": "function", ...}`` in either shape), if any."""
    if isinstance(choice, dict) and choice.get("type") == "function":
        return _function_name(choice)
    return None


def offered_functions(tools: list[dict[str, Any]], choice: Any) -> list[dict[str, Any]]:
    """The function tools the model may call under ``tool_choice``, as the real API restricts them.

    ``"none"``: none. A forced function: that one alone (400 when ``tools`` lacks it). ``allowed_tools``
    (Responses' flat shape or Chat's nested one): the listed ones. Otherwise every function tool.
    """
    if choice == "none":
        return []
    forced = forced_function(choice)
    if forced is not None:
        found = [t for t in tools if t["name"] == forced]
        if not found:
            raise MockError(
                400,
                f"Invalid value for 'tool_choice': function '{forced}' is not one of the functions in 'tools'.",
                param="tool_choice",
            )
        return found
    if isinstance(choice, dict) and choice.get("type") == "allowed_tools":
        nested = choice.get("allowed_tools")
        spec: dict[str, Any] = nested if isinstance(nested, dict) else choice
        names = {_function_name(t) for t in spec.get("tools") or []}
        return [t for t in tools if t["name"] in names]
    return tools


_NAME_WORD = re.compile(r"[a-z]+|[A-Z][a-z]*")
_FILLER = {"get", "set", "list", "fetch", "lookup", "find", "make", "do", "run", "call", "the", "for", "of", "to"}


def _name_words(name: str) -> set[str]:
    """The meaningful words of a function name (``get_weather`` -> weather, ``lookupOrderStatus`` -> order,
    status), which the prompt is searched for."""
    return {w.lower() for w in _NAME_WORD.findall(name) if w.lower() not in _FILLER and len(w) > 2}


def chosen_functions(tools: list[dict[str, Any]], prompt: str, parallel: Any) -> list[dict[str, Any]]:
    """The functions the mock calls in one turn, standing in for a model's choice.

    A model calls the tools the question is about, several at once when it asks about several things and
    ``parallel_tool_calls`` is not false. The mock's stand-in: every offered function with a word of its name
    in the prompt ("weather" for ``get_weather``); when none is named, the first one; with
    ``parallel_tool_calls=false``, only the first of them.
    """
    if not tools:
        return []
    lowered = prompt.lower()
    named = [t for t in tools if any(word in lowered for word in _name_words(t["name"]))]
    chosen = named or tools[:1]
    return chosen[:1] if parallel is False else chosen


def must_call(choice: Any) -> bool:
    """Whether ``tool_choice`` obliges a call even after a tool result (``"required"``, a forced function,
    ``allowed_tools`` in ``required`` mode): the real model then calls again, it never answers in text."""
    if choice == "required" or forced_function(choice) is not None:
        return True
    if isinstance(choice, dict) and choice.get("type") == "allowed_tools":
        nested = choice.get("allowed_tools")
        spec: dict[str, Any] = nested if isinstance(nested, dict) else choice
        return spec.get("mode") == "required"
    return False


def arguments_for(tool: dict[str, Any], prompt: str) -> str:
    """JSON arguments satisfying the tool's schema, with the values the question gives (a city, a date...)."""
    args = instance(tool["parameters"], values=values_for(prompt)) if tool["parameters"] else {}
    return json.dumps(args if isinstance(args, dict) else {}, ensure_ascii=False)


def schema_json(fmt: Any, prompt: str = "", instructions: str = "") -> str | None:
    """For a json_schema / json_object format request, the JSON text to answer with: the schema filled with the
    values taken from the question (a JSON object: the bank's values, else the answer under ``"answer"``)."""
    if not isinstance(fmt, dict):
        return None
    if fmt.get("type") == "json_schema":
        nested = fmt.get("json_schema")
        spec: dict[str, Any] = nested if isinstance(nested, dict) else fmt
        return json.dumps(instance(spec.get("schema") or {}, values=values_for(prompt)), ensure_ascii=False)
    if fmt.get("type") == "json_object":
        entry = entry_for(prompt)
        if entry is not None and entry.values:
            return json.dumps(entry.values, ensure_ascii=False)
        return json.dumps({"answer": reply_text(prompt, instructions)}, ensure_ascii=False)
    return None
