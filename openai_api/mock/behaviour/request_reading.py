"""Shared pieces of the text handlers: reading message content, tools and schemas from requests."""

from __future__ import annotations

import json
import re
from typing import Any

from openai_api.mock.behaviour.entities import Conversation, name_words, words_of
from openai_api.mock.content.replies import entry_for, values_for
from openai_api.mock.content.reply_language import spoken_language
from openai_api.mock.content.schema_values import MISSING, Picker, instance, takes
from openai_api.mock.data import language
from openai_api.mock.errors import MockError

__all__ = [
    "argument_sets",
    "asks_for_json",
    "chosen_functions",
    "context_texts",
    "focus_texts",
    "forced_function",
    "formatted_reply",
    "function_tools",
    "is_finishing",
    "is_handoff",
    "json_object_reply",
    "must_call",
    "offered_functions",
    "only_handoffs",
    "schema_json",
    "stated_shape",
    "structured_value",
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
        out.append(
            {
                "name": spec.get("name", "tool"),
                "parameters": spec.get("parameters") or {},
                "description": str(spec.get("description") or ""),
            }
        )
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


def _tool_words(tool: dict[str, Any]) -> set[str]:
    """What a tool is about: the words of its name and description, less stop words and generic words,
    with the Chinese words for those concepts (``language.yaml``)."""
    data = language()
    ignored = set(data["stop_words"]) | set(data["generic_words"])
    words = {w for w in name_words(tool["name"]) + words_of(tool.get("description") or "") if w not in ignored}
    words = {w for w in words if len(w) > 1 or re.match(r"[^a-z0-9]", w)}
    for word in list(words):
        words |= set(data["concept_words"].get(word) or [])
    return words


def _said(prompt: str, word: str, said: set[str]) -> bool:
    """Whether the prompt says ``word``: as a whole word (or its plural/singular), or, for Chinese, anywhere."""
    if re.search(r"[\u3400-\u9fff]", word):
        return word in prompt
    if not re.search(r"\w", word):  # an operator ("*" for multiply): between two numbers
        return bool(re.search(rf"\d\s*{re.escape(word)}\s*\d", prompt))
    return word in said or word + "s" in said or (word.endswith("s") and word[:-1] in said)


def _score(tool: dict[str, Any], prompt: str) -> int:
    said = set(words_of(prompt))
    return sum(1 for word in _tool_words(tool) if _said(prompt, word, said)) + _named(tool, prompt)


def _named(tool: dict[str, Any], prompt: str) -> int:
    """One when the user names the tool itself: its identifier as written (``do_task``, ``processData``) or in
    words ("do the task"), or its bare name beside "tool"/"function" ("use the helper tool"). A tool whose
    words are all generic (``helper``, ``run``) is so still callable, and only when asked for: "run" alone in
    a sentence is not a request for it."""
    name = re.escape(tool["name"])
    parts = name_words(tool["name"])
    if len(parts) > 1 and re.search(rf"(?<![\w-]){name}(?![\w-])", prompt, re.IGNORECASE):
        return 1
    spelled = r"\s+(?:(?:the|a|an|this|that|my|our|these|those)\s+)?".join(map(re.escape, parts))
    if len(parts) > 1 and re.search(rf"\b{spelled}\b", prompt, re.IGNORECASE):
        return 1  # "do the task" for do_task, "process this data" for process_data
    nouns = "|".join(language()["tool_nouns"])
    near = rf"\b{name}[`'\"]?\s+(?:{nouns})\b|\b(?:{nouns})\s+[`'\"]?{name}\b"
    return 1 if re.search(near, prompt, re.IGNORECASE) else 0


def is_handoff(name: str) -> bool:
    """Whether a function hands the conversation to another agent (openai-agents' ``transfer_to_<agent>``)."""
    return name.startswith("transfer_to")


def only_handoffs(called: list[str]) -> bool:
    """Whether the latest function results are a handoff's alone. The agent handed to then answers the user's
    question as if it had just been asked (calling its own tools if the question is about them), as a model
    does: the handoff's result (``{"assistant": "Spanish agent"}``) is no fact to state, and handing off again
    for the same question would only loop."""
    return bool(called) and all(is_handoff(name) for name in called)


def _language_handoff(tools: list[dict[str, Any]], prompt: str) -> list[dict[str, Any]]:
    """The handoff to the agent of the language the user writes in ("Hola, ¿cómo estás?" to the Spanish
    agent), as a model routes a triage by language when no agent is asked for by name."""
    spoken = spoken_language(prompt)
    if spoken is None:
        return []
    handoffs = [t for t in tools if is_handoff(t["name"]) and spoken in _tool_words(t)]
    return handoffs[:1]


def _best_output(finishing: list[dict[str, Any]], texts: list[str]) -> list[dict[str, Any]]:
    """The output tool whose type fits the conversation (``final_result_PersonInfo`` for a question about a
    person), the first one on a tie: with several output types a model picks the one the answer is."""
    if len(finishing) < 2:
        return finishing
    conversation = Conversation(texts)
    finishing_words = set(language()["finishing_tools"]) | {"final", "result"}

    def score(tool: dict[str, Any]) -> int:
        words = set(name_words(tool["name"])) - finishing_words
        return conversation.fit(tool["parameters"] or {}, words) + _score(tool, texts[0] if texts else "")

    return [max(finishing, key=score)]


def focus_texts(tool: dict[str, Any], prompt: str, texts: list[str]) -> list[str]:
    """``texts`` led by the sentences of the prompt that ask for this tool, when only some do ("What is 3 * 12?
    Also, what is 11 + 49?"): their values go to this tool's call, the other sentences' to the other tools."""
    sentences = [s for s in re.split(r"(?<=[.?!。？！;；])\s*", prompt) if s.strip()]
    asking = [s for s in sentences if _score(tool, s) > 0]
    if 0 < len(asking) < len(sentences):
        return [" ".join(asking), *texts]
    return texts


def is_finishing(tool: dict[str, Any]) -> bool:
    """Whether a tool ends the task (an output tool such as ``final_result``), per ``language.yaml``."""
    data = language()
    name = tool["name"].lower()
    return name in data["finishing_tools"] or any(name.startswith(p) for p in data["finishing_prefixes"])


def chosen_functions(
    tools: list[dict[str, Any]], prompt: str, parallel: Any, choice: Any = None, after_result: bool = False
) -> list[dict[str, Any]]:
    """The functions the mock calls in one turn, standing in for a model's choice.

    A model calls the tools the question is about, several at once when it asks about several things and
    ``parallel_tool_calls`` is not false. The mock's stand-in: every offered function whose name or
    description words the prompt says as whole words (stop words and generic words ignored) or whose name the
    prompt says, never two handoffs (``transfer_to_*``) at once; with nothing named, the handoff to the agent
    of the prompt's language. Under ``auto`` nothing named means no call; when a call is required
    (``required``, a forced function, ``allowed_tools`` required) the mock calls the tool that finishes the
    task (``final_result``; among several, the one whose type fits the conversation) once a tool result is in,
    else the named tools, else the first one.
    """
    if not tools:
        return []
    finishing = [t for t in tools if is_finishing(t)]
    required = must_call(choice)
    if required and after_result and finishing:
        return _best_output(finishing, [prompt])[:1]
    scored = [(t, _score(t, prompt)) for t in tools if not is_finishing(t)]
    named = [t for t, score in scored if score > 0]
    handoffs = [t for t in named if is_handoff(t["name"])]
    if len(handoffs) > 1:
        best = max(handoffs, key=lambda t: _score(t, prompt))
        named = [t for t in named if t is best or t not in handoffs]
    if not named:
        named = _language_handoff(tools, prompt)
    if not named and required:
        named = _best_output(finishing, [prompt])[:1] or tools[:1]
    return named[:1] if parallel is False else named


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


def argument_sets(tool: dict[str, Any], texts: list[str], parallel: Any) -> list[str]:
    """The arguments of each call of ``tool`` this turn: one call, or one per place/person/id the user names
    when the tool takes one of them and ``parallel_tool_calls`` is not false (at most five; an output tool
    such as ``final_result`` is called once)."""
    parallel = False if is_finishing(tool) else parallel
    schema = tool["parameters"] or {"type": "object", "properties": {}}
    conversation = Conversation(texts)
    conversation.subject = set(name_words(tool["name"]))
    pick = bank_first(conversation, texts)
    seed = json.dumps(schema, sort_keys=True, ensure_ascii=False) + "\n".join(texts)
    out: list[str] = []
    while len(out) < 5:
        conversation.begin_call()
        args = instance(schema, pick=pick, seed=f"{seed}|{len(out)}")
        out.append(json.dumps(args if isinstance(args, dict) else {}, ensure_ascii=False))
        if parallel is False or not conversation.has_more():
            break
    return out


def structured_value(schema: Any, texts: list[str], answer: str = "") -> Any:
    """An instance of ``schema`` filled from the conversation, then by the schema-keyword generator."""
    seed = json.dumps(schema, sort_keys=True, ensure_ascii=False) + "\n".join(texts)
    conversation = Conversation(texts, answer)
    conversation.subject = set(name_words(str(schema.get("title") or ""))) if isinstance(schema, dict) else set()
    return instance(schema, pick=bank_first(conversation, texts), seed=seed)


def bank_first(pick: Picker, texts: list[str]) -> Picker:
    """The reply bank's values for the latest question (curated for the site's own questions: 小明 and 小红, 周五)
    come before what the conversation's entities suggest; what the bank's ``extract`` rules find in any other
    question (dates, people, places by property name) fills what the entities leave open. The bank's values
    nest as the schema does: a mapping for an object property, a list of mappings for an array of objects
    (``schema_values`` fills each from its own); a name the nesting does not reach is looked up flat."""
    entry = entry_for(texts[0]) if texts else None
    values = entry.values if entry is not None and entry.values else {}
    extracted = values_for(texts[0]) if texts and not values else {}
    if not values and not extracted:
        return pick

    def choose(name: str, schema: dict[str, Any], description: str) -> Any:
        if takes(value := values.get(name, MISSING), schema):
            return value
        found = pick(name, schema, description)
        value = extracted.get(name, MISSING)
        if found is MISSING and takes(value, schema):
            return value
        if isinstance(found, list) and isinstance(value, list) and set(found) < set(value):
            return value  # the rules found everyone the entities found, and more ("李雷和韩梅")
        if isinstance(found, str) and isinstance(value, str) and value.startswith(found) and takes(value, schema):
            return value  # the same, said more precisely ("周三" → "周三下午")
        return found

    return choose


def schema_json(fmt: Any, texts: list[str], fallback: str = "", instructions: str = "", answer: str = "") -> str | None:
    """For a json_schema / json_object format request, the JSON text to answer with.

    ``json_schema``: an instance of the schema. ``json_object`` (JSON mode): the schema or the keys the
    messages state (the user's ``texts`` or the system/developer ``instructions``), else ``{"reply": fallback}``.
    """
    if not isinstance(fmt, dict):
        return None
    if fmt.get("type") == "json_schema":
        nested = fmt.get("json_schema")
        spec: dict[str, Any] = nested if isinstance(nested, dict) else fmt
        return json.dumps(structured_value(spec.get("schema") or {}, texts, answer), ensure_ascii=False)
    if fmt.get("type") == "json_object":
        return json_object_reply(texts, fallback, instructions, answer)
    return None


def asks_for_json(texts: list[str]) -> bool:
    """Whether the messages ask in plain words for a JSON reply ("reply in JSON with keys a and b")."""
    pattern = re.compile(language()["json_request"], re.IGNORECASE)
    return any(pattern.search(text) for text in texts if text)


def formatted_reply(fmt: Any, texts: list[str], instructions: str, text: str, answer: str = "") -> str:
    """The reply in the format the request asks for: a ``response_format``/``text.format`` JSON format, JSON
    when the messages ask for it in words, else ``text`` (which JSON mode's fallback object carries)."""
    shaped = schema_json(fmt, texts, text, instructions, answer)
    if shaped is not None:
        return shaped
    if asks_for_json([*texts[:1], instructions]):
        return json_object_reply(texts, text, instructions, answer)
    return text


def context_texts(users: list[str], results: list[str]) -> list[str]:
    """The texts values are read from, most relevant first: the latest user message, the latest turn's tool
    results, then the earlier user messages (newest first)."""
    return [*users[-1:], *results, *reversed(users[:-1])]


def json_object_reply(texts: list[str], fallback: str, instructions: str = "", answer: str = "") -> str:
    """A JSON object shaped as the messages ask: a JSON Schema they quote, an example object they show, or
    the keys they name; ``{"reply": fallback}`` when they state no shape."""
    stated = stated_shape([*texts, instructions])
    if stated is None:
        return json.dumps({"reply": fallback}, ensure_ascii=False)
    return json.dumps(structured_value(stated, texts, answer), ensure_ascii=False)


_KEYS = re.compile(
    r"(?:(?:keys?|fields?|properties|attributes)\b|字段|键)\s*(?:named|called|like|:|：)?\s*((?:[`'\"]?[A-Za-z_][\w]*[`'\"]?"
    r"(?:\s*(?:,|，|、|and|和|与|or)\s*)*){1,12})",
    re.IGNORECASE,
)
_KEYS_QUOTED = re.compile(
    r"((?:[`'\"][A-Za-z_]\w*[`'\"]\s*(?:,|and|&|or)?\s*)+)\s*(?:keys?|fields?|properties|attributes)\b", re.IGNORECASE
)
_KEYS_BEFORE = re.compile(r"((?:[`'\"]?[A-Za-z_]\w*[`'\"]?\s*(?:,|，|、|和|与)?\s*){1,12})(?:字段|键|这几个字段)")


def stated_shape(texts: list[str]) -> dict[str, Any] | None:
    """The JSON Schema of the object the messages ask for, or None when they state none."""
    for text in texts:
        for parsed in _json_objects(text):
            if "properties" in parsed or parsed.get("type") == "object" or "$defs" in parsed:
                return parsed
            if isinstance(parsed.get("json_schema"), dict):
                return parsed["json_schema"].get("schema") or parsed["json_schema"]
            return {"type": "object", "properties": {k: _example_schema(v) for k, v in parsed.items()}}
    for text in texts:
        match = _KEYS.search(text) or _KEYS_QUOTED.search(text) or _KEYS_BEFORE.search(text)
        if match:
            ignored = {"and", "or", "with", "the", "a", "an"}
            keys = [k for k in re.findall(r"[A-Za-z_]\w*", match.group(1)) if k.lower() not in ignored]
            if keys:
                return {"type": "object", "properties": {k: _key_schema(k) for k in dict.fromkeys(keys)}}
    return None


def _json_objects(text: str) -> list[dict[str, Any]]:
    decoder = json.JSONDecoder()
    out = []
    index = text.find("{")
    while index != -1:
        try:
            parsed, end = decoder.raw_decode(text, index)
        except ValueError:
            index = text.find("{", index + 1)
            continue
        if isinstance(parsed, dict) and parsed:
            out.append(parsed)
        index = text.find("{", end)
    return out


def _example_schema(value: Any) -> dict[str, Any]:
    """The schema of an example value: its JSON type (strings that name a type, such as "int", give it)."""
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": "integer"}
    if isinstance(value, float):
        return {"type": "number"}
    if isinstance(value, list):
        return {"type": "array", "items": _example_schema(value[0]) if value else {"type": "string"}}
    if isinstance(value, dict):
        return {"type": "object", "properties": {k: _example_schema(v) for k, v in value.items()}}
    named = {"int": "integer", "integer": "integer", "float": "number", "number": "number", "bool": "boolean"}
    return {"type": named.get(str(value).lower(), "string")}


def _key_schema(key: str) -> dict[str, Any]:
    """A named key's type: a number when its name is a counting word (age, count, price...), else a string."""
    families = language()["families"]
    numeric = {w for f in ("age", "count", "money", "temperature") for w in families[f]["words"]}
    return {"type": "integer"} if set(name_words(key)) & numeric else {"type": "string"}
