"""The mock behaves like a model for client libraries: tool arguments and structured values come from the
conversation, generated values honour the JSON Schema keywords of Structured Outputs, ``auto`` calls only the
tools the user asks for, ``required`` moves on to the finishing tool, the reply after a tool result keeps the
requested format, and JSON mode follows the shape the messages state. Real SDK clients, in-process mock."""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Literal

import jsonschema
import openai
import pytest
from openai import OpenAI
from pydantic import BaseModel, Field

from openai_api.mock import mock_client, running_server
from openai_api.sdk.model_names import sdk_model_names

MODEL = "gpt-5.4-mini"


@pytest.fixture
def client() -> OpenAI:
    return mock_client(max_retries=0)


def _tool(name: str, props: dict[str, Any], description: str = "") -> Any:
    parameters = {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}
    return {"type": "function", "function": {"name": name, "description": description, "parameters": parameters}}


def _flat(tool: Any) -> Any:
    """The Responses API's flat function-tool shape of a Chat tool."""
    return {"type": "function", **tool["function"]}


def _chat_args(client: OpenAI, prompt: str, *tools: Any, **extra: Any) -> list[tuple[str, dict[str, Any]]]:
    reply = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": prompt}], tools=list(tools), **extra
    )
    calls = reply.choices[0].message.tool_calls or []
    return [(c.function.name, json.loads(c.function.arguments)) for c in calls if c.type == "function"]


WEATHER = _tool("get_weather", {"city": {"type": "string"}}, "Get the current weather for a city.")
ORDER = _tool("lookup_order", {"order_id": {"type": "string"}}, "Look up an order by its id.")


class User(BaseModel):
    name: str
    age: int


def test_tool_arguments_come_from_the_question(client: OpenAI) -> None:
    assert _chat_args(client, "What's the weather in Tokyo?", WEATHER) == [("get_weather", {"city": "Tokyo"})]
    assert _chat_args(client, "东京的天气怎么样？", WEATHER) == [("get_weather", {"city": "东京"})]
    assert _chat_args(client, "Where is my order A-1234?", ORDER) == [("lookup_order", {"order_id": "A-1234"})]
    reply = client.responses.create(model=MODEL, input="Weather in Lisbon today?", tools=[_flat(WEATHER)])
    call = reply.output[0]
    assert call.type == "function_call" and json.loads(call.arguments) == {"city": "Lisbon"}


@pytest.mark.parametrize(
    ("question", "city"),
    [
        ("what's the weather in tokyo?", "Tokyo"),
        ("Weather in São Paulo?", "São Paulo"),
        ("weather in sao paulo please", "São Paulo"),
        ("Is it cold in Zürich?", "Zürich"),
        ("How warm is Reykjavík today?", "Reykjavík"),
        ("WEATHER IN KRAKOW", "Kraków"),
    ],
)
def test_a_place_is_recognised_in_any_case_and_with_or_without_accents(
    client: OpenAI, question: str, city: str
) -> None:
    assert _chat_args(client, question, WEATHER) == [("get_weather", {"city": city})]


def test_a_city_listed_beside_a_known_one_is_a_city_too(client: OpenAI) -> None:
    """Lima and Quito are not in the mock's gazetteer; listed with Oslo they are places, one call each."""
    assert _chat_args(client, "Compare the weather in Oslo and Lima.", WEATHER) == [
        ("get_weather", {"city": "Oslo"}),
        ("get_weather", {"city": "Lima"}),
    ]
    three = _chat_args(client, "Weather in Paris, Lima or Quito?", WEATHER)
    assert [args["city"] for _, args in three] == ["Paris", "Lima", "Quito"]
    assert _chat_args(client, "Compare the weather in Oslo and Lima.", WEATHER, parallel_tool_calls=False) == [
        ("get_weather", {"city": "Oslo"})
    ]
    # a person met in a place is not a place
    assert _chat_args(client, "I met John in Paris and Mary in Rome. What was the weather in Rome?", WEATHER) == [
        ("get_weather", {"city": "Rome"})
    ]


def test_a_time_zone_parameter_gets_the_iana_zone_of_the_place(client: OpenAI) -> None:
    described = _tool("get_time", {"tz": {"type": "string", "description": "IANA time zone"}}, "Get the local time.")
    named = _tool("get_time", {"city": {"type": "string"}, "timezone": {"type": "string"}}, "Get the local time.")
    assert _chat_args(client, "What time is it in Tokyo?", described) == [("get_time", {"tz": "Asia/Tokyo"})]
    assert _chat_args(client, "What time is it in tokyo and São Paulo?", named) == [
        ("get_time", {"city": "Tokyo", "timezone": "Asia/Tokyo"}),
        ("get_time", {"city": "São Paulo", "timezone": "America/Sao_Paulo"}),
    ]
    assert _chat_args(client, "What time is it in America/Denver?", described) == [
        ("get_time", {"tz": "America/Denver"})
    ]
    enum_zone = _tool("get_time", {"zone": {"type": "string", "enum": ["UTC", "Europe/Paris"]}}, "Get the time.")
    assert _chat_args(client, "What time is it in Paris?", enum_zone) == [("get_time", {"zone": "Europe/Paris"})]


def test_every_zone_of_the_table_is_a_real_iana_zone() -> None:
    import zoneinfo

    from openai_api.mock.data import language

    zones = language()["time_zones"]
    assert zones["Tokyo"] == "Asia/Tokyo"
    assert set(zones.values()) <= zoneinfo.available_timezones()
    assert set(zones) <= set(language()["places"])


def test_each_place_asked_about_gets_its_own_call_unless_parallel_calls_are_off(client: OpenAI) -> None:
    both = [("get_weather", {"city": "Tokyo"}), ("get_weather", {"city": "Paris"})]
    assert _chat_args(client, "What's the weather in Tokyo and Paris?", WEATHER) == both
    assert _chat_args(client, "东京和巴黎的天气怎么样？", WEATHER) == [
        ("get_weather", {"city": "东京"}),
        ("get_weather", {"city": "巴黎"}),
    ]
    single = _chat_args(client, "What's the weather in Tokyo and Paris?", WEATHER, parallel_tool_calls=False)
    assert single == both[:1]


def test_each_tool_takes_the_values_of_the_sentence_that_asks_for_it(client: OpenAI) -> None:
    numbers = {"a": {"type": "integer"}, "b": {"type": "integer"}}
    add, multiply = _tool("add", numbers, "Adds a and b."), _tool("multiply", numbers, "Multiplies a and b.")
    called = _chat_args(client, "What is 3 * 12? Also, what is 11 + 49?", add, multiply)
    assert sorted(called, key=lambda c: c[0]) == [("add", {"a": 11, "b": 49}), ("multiply", {"a": 3, "b": 12})]


def test_parameters_take_the_entity_their_name_type_or_enum_asks_for(client: OpenAI) -> None:
    book = _tool(
        "book_flight",
        {
            "origin": {"type": "string"},
            "destination": {"type": "string"},
            "date": {"type": "string", "format": "date"},
            "passengers": {"type": "integer", "minimum": 1},
            "cabin": {"type": "string", "enum": ["economy", "business"]},
            "email": {"type": "string"},
        },
    )
    [(name, args)] = _chat_args(
        client, "Book a flight from Paris to Rome on March 5, 2026 for 3 passengers in business, mail ann@x.org", book
    )
    assert name == "book_flight"
    assert args == {
        "origin": "Paris",
        "destination": "Rome",
        "date": "2026-03-05",
        "passengers": 3,
        "cabin": "business",
        "email": "ann@x.org",
    }
    unit = _tool("get_weather", {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["c", "fahrenheit"]}})
    assert _chat_args(client, "Weather in Oslo in fahrenheit?", unit) == [
        ("get_weather", {"city": "Oslo", "unit": "fahrenheit"})
    ]
    rate = _tool(
        "rate_product",
        {"stars": {"type": "integer", "enum": [1, 2, 3, 4, 5]}, "size": {"type": "string", "enum": ["S", "M", "L"]}},
    )
    assert _chat_args(client, "Rate the product: 4 stars, size L", rate) == [
        ("rate_product", {"stars": 4, "size": "L"})
    ]


def test_structured_output_extracts_the_person_named(client: OpenAI) -> None:
    parsed = (
        client.chat.completions.parse(
            model=MODEL, messages=[{"role": "user", "content": "Extract: John Doe is 30"}], response_format=User
        )
        .choices[0]
        .message.parsed
    )
    assert parsed == User(name="John Doe", age=30)
    chinese = client.responses.parse(model=MODEL, input="小明今年12岁，住在北京。", text_format=User).output_parsed
    assert chinese == User(name="小明", age=12)


def test_arguments_are_the_same_for_the_same_request(client: OpenAI) -> None:
    coded = _tool("make_code", {"code": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"}})
    first = _chat_args(client, "make a code", coded)
    second = _chat_args(client, "make a code", coded)
    assert first == second
    assert re.fullmatch(r"[A-Z]{3}-[0-9]{4}", first[0][1]["code"])


KEYWORDS: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "$defs": {"Tag": {"type": "string", "enum": ["red", "blue"]}},
    "properties": {
        "sku": {"type": "string", "pattern": "^SKU-[0-9]{6}$"},
        "when": {"type": "string", "format": "date-time"},
        "day": {"type": "string", "format": "date"},
        "at": {"type": "string", "format": "time"},
        "token": {"type": "string", "format": "uuid"},
        "contact": {"type": "string", "format": "email"},
        "code": {"type": "string", "minLength": 12, "maxLength": 14},
        "short": {"type": "string", "maxLength": 2},
        "score": {"type": "integer", "minimum": 10, "maximum": 20, "multipleOf": 7},
        "ratio": {"type": "number", "exclusiveMinimum": 5, "exclusiveMaximum": 6},
        "tags": {"type": "array", "items": {"$ref": "#/$defs/Tag"}, "minItems": 3, "maxItems": 4},
        "pair": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string", "const": "x"}]},
        "kind": {"const": "fixed"},
        "maybe": {"anyOf": [{"type": "null"}, {"type": "integer", "minimum": 3}]},
    },
}


def test_generated_values_honour_every_structured_output_keyword(client: OpenAI) -> None:
    fmt: Any = {"type": "json_schema", "json_schema": {"name": "keywords", "schema": KEYWORDS, "strict": True}}
    reply = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "fill it"}], response_format=fmt
    )
    value = json.loads(reply.choices[0].message.content or "")
    jsonschema.Draft202012Validator(KEYWORDS).validate(value)  # pattern, bounds, lengths, items, const, anyOf
    assert set(value) == set(KEYWORDS["properties"])
    dt.datetime.fromisoformat(value["when"].replace("Z", "+00:00"))
    dt.date.fromisoformat(value["day"])
    dt.time.fromisoformat(value["at"])
    assert uuid.UUID(value["token"]).version == 4
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", value["contact"])
    assert value["score"] == 14 and 5 < value["ratio"] < 6
    assert len(value["tags"]) == 3 and value["pair"][1] == "x" and value["kind"] == "fixed"


def test_auto_calls_only_the_tools_the_user_asks_for(client: OpenAI) -> None:
    assert _chat_args(client, "Hello, how are you?", WEATHER, ORDER) == []
    assert [n for n, _ in _chat_args(client, "What is the status of order 991?", WEATHER, ORDER)] == ["lookup_order"]
    handoffs = [
        _tool("transfer_to_spanish_agent", {}, "Handoff to the Spanish agent to handle the request."),
        _tool("transfer_to_english_agent", {}, "Handoff to the English agent to handle the request."),
    ]
    called = _chat_args(client, "Please transfer me to the Spanish agent", *handoffs)
    assert [n for n, _ in called] == ["transfer_to_spanish_agent"]
    # no agent named: a triage routes by the language the user writes in
    spanish = _chat_args(client, "Hola, quiero hablar con un agente", *handoffs)
    assert [n for n, _ in spanish] == ["transfer_to_spanish_agent"]


@pytest.mark.parametrize(
    ("question", "agent"),
    [
        ("Hola, ¿cómo estás?", "spanish"),
        ("Bonjour, comment ça va ?", "french"),
        ("Hallo, wie geht es dir?", "german"),
        ("你好，今天天气怎么样？", "chinese"),
        ("Hello, how are you today?", "english"),
        ("Please transfer me to the French agent.", "french"),  # named beats the language written in
    ],
)
def test_a_handoff_follows_the_language_the_user_writes_in(client: OpenAI, question: str, agent: str) -> None:
    handoffs = [
        _tool(f"transfer_to_{name}_agent", {}, f"Handoff to the {name.title()} agent to handle the request.")
        for name in ("english", "spanish", "french", "german", "chinese")
    ]
    assert [n for n, _ in _chat_args(client, question, *handoffs)] == [f"transfer_to_{agent}_agent"]
    assert _chat_args(client, "Hola, ¿cómo estás?", WEATHER) == []  # only a handoff follows the language


def test_a_tool_with_only_generic_words_is_called_when_asked_for_and_not_on_a_greeting(client: OpenAI) -> None:
    run = _tool("run", {"sql": {"type": "string"}}, "Run a SQL query against the sales database.")
    helper = _tool("helper", {"x": {"type": "string"}})
    process = _tool("process_data", {"month": {"type": "string"}}, "Process the data.")
    for tool in (run, helper, process):
        assert _chat_args(client, "Hello! How are you?", tool) == []
        assert _chat_args(client, "Can you run this and process it?", tool) == []  # generic verbs ask for nothing
    assert [n for n, _ in _chat_args(client, "What were the sales in the database last month?", run)] == ["run"]
    assert [n for n, _ in _chat_args(client, "Use the helper tool on this.", helper)] == ["helper"]
    assert [n for n, _ in _chat_args(client, "Please process the data for March.", process)] == ["process_data"]
    assert [n for n, _ in _chat_args(client, "Call process_data now.", process)] == ["process_data"]


def test_with_several_output_tools_the_one_whose_type_fits_is_called(client: OpenAI) -> None:
    city = _tool(
        "final_result_CityInfo",
        {"name": {"type": "string"}, "country": {"type": "string"}, "population": {"type": "integer"}},
    )
    person = _tool("final_result_PersonInfo", {"name": {"type": "string"}, "age": {"type": "integer"}})
    for question, expected in [
        ("Tell me about Marie Curie, who died at 66.", ("final_result_PersonInfo", {"name": "Marie Curie", "age": 66})),
        ("Tell me about the city of Lima.", ("final_result_CityInfo", {"name": "Lima"})),
        ("Tell me about Paris.", ("final_result_CityInfo", {"name": "Paris", "country": "France"})),
    ]:
        [(name, args)] = _chat_args(client, question, city, person, tool_choice="required")
        assert name == expected[0]
        assert args.items() >= expected[1].items()


def test_required_moves_on_to_the_finishing_tool_after_a_result(client: OpenAI) -> None:
    final = _tool("final_result", {"city": {"type": "string"}, "temperature": {"type": "integer"}})
    tools: Any = [WEATHER, final]
    messages: Any = [{"role": "user", "content": "How warm is it in Tokyo? Check the weather."}]
    first = client.chat.completions.create(model=MODEL, messages=messages, tools=tools, tool_choice="required")
    [call] = first.choices[0].message.tool_calls or []
    assert call.type == "function" and call.function.name == "get_weather"
    messages += [
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": '{"temperature": 22, "sky": "clear"}'},
    ]
    second = client.chat.completions.create(model=MODEL, messages=messages, tools=tools, tool_choice="required")
    [done] = second.choices[0].message.tool_calls or []
    assert done.type == "function" and done.function.name == "final_result"
    assert json.loads(done.function.arguments) == {"city": "Tokyo", "temperature": 22}


def test_the_answer_after_a_tool_result_keeps_the_requested_format(client: OpenAI) -> None:
    class Weather(BaseModel):
        city: str
        summary: str

    messages: Any = [
        {"role": "user", "content": "Weather in Paris?"},
        {
            "role": "assistant",
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "sunny"},
    ]
    strict: Any = {"type": "function", "function": {**WEATHER["function"], "strict": True}}
    parsed = client.chat.completions.parse(model=MODEL, messages=messages, tools=[strict], response_format=Weather)
    assert parsed.choices[0].message.parsed is not None
    assert parsed.choices[0].message.parsed == Weather(city="Paris", summary="sunny")  # the tool's result
    first = client.responses.create(model=MODEL, input="Weather in Paris?", tools=[_flat(WEATHER)])
    call = first.output[0]
    assert call.type == "function_call"
    result: Any = [{"type": "function_call_output", "call_id": call.call_id, "output": "sunny"}]
    after = client.responses.parse(
        model=MODEL, previous_response_id=first.id, input=result, tools=[_flat(WEATHER)], text_format=Weather
    )
    assert after.output_parsed == Weather(city="Paris", summary="sunny")


def test_json_mode_follows_the_shape_the_messages_state(client: OpenAI) -> None:
    def json_mode(*messages: Any) -> Any:
        reply = client.chat.completions.create(
            model=MODEL, messages=list(messages), response_format={"type": "json_object"}
        )
        return json.loads(reply.choices[0].message.content or "")

    schema = json.dumps(User.model_json_schema())
    stated = json_mode(
        {"role": "system", "content": f"Answer with JSON matching this json_schema:\n{schema}"},
        {"role": "user", "content": "Ada Byron is 36"},
    )
    assert stated == {"name": "Ada Byron", "age": 36}
    keys = json_mode({"role": "user", "content": "Tell a joke as JSON with keys `setup` and `punchline`."})
    assert set(keys) == {"setup", "punchline"} and all(isinstance(v, str) for v in keys.values())
    after = json_mode(
        {"role": "user", "content": "A joke about cats, respond in JSON with `setup` and `punchline` keys"}
    )
    assert set(after) == {"setup", "punchline"}
    assert json_mode({"role": "user", "content": "用 JSON 返回 name 和 age 字段：小明今年12岁"}) == {
        "name": "小明",
        "age": 12,
    }
    assert json_mode({"role": "user", "content": "Say hi"}) == {"reply": json_mode_fallback(client)}
    example = json_mode({"role": "user", "content": 'Reply in JSON like {"city": "", "population": 0}: Berlin'})
    assert example["city"] == "Berlin" and isinstance(example["population"], int)


def json_mode_fallback(client: OpenAI) -> str:
    """The plain reply to "Say hi", which JSON mode wraps when the messages state no shape."""
    reply = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Say hi"}])
    return reply.choices[0].message.content or ""


def test_a_country_goes_with_the_city_named(client: OpenAI) -> None:
    def shaped(text: str) -> Any:
        reply = client.responses.create(model=MODEL, input=text, text={"format": {"type": "json_object"}})
        return json.loads(reply.output_text)

    assert shaped("Give me JSON with keys city and country for Tokyo") == {"city": "Tokyo", "country": "Japan"}
    assert shaped("用 JSON 返回 city 和 country 字段：我住在上海") == {"city": "上海", "country": "中国"}
    assert shaped("JSON with keys city and country: I live in France, in Lyon") == {"city": "Lyon", "country": "France"}


def test_a_plain_request_for_json_gets_json(client: OpenAI) -> None:
    reply = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Reply in JSON with keys name and age: Grace is 85"}]
    )
    assert json.loads(reply.choices[0].message.content or "") == {"name": "Grace", "age": 85}
    plain = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "What is JSON?"}])
    with pytest.raises(ValueError):
        json.loads(plain.choices[0].message.content or "")


def test_response_defaults_are_the_apis(client: OpenAI) -> None:
    raw = client.responses.with_raw_response.create(model=MODEL, input="What's the weather in Oslo?")
    body = json.loads(raw.text)
    assert body["tool_choice"] == "auto" and body["parallel_tool_calls"] is True
    assert isinstance(body["created_at"], int) and isinstance(body["completed_at"], int)
    called = client.responses.create(model=MODEL, input="What's the weather in Oslo?", tools=[_flat(WEATHER)])
    assert called.output[0].type == "function_call" and called.tool_choice == "auto"
    events = list(client.responses.create(model=MODEL, input="hi", stream=True))
    by_type = {e.type: e for e in events}
    created, progress, done = (by_type[k] for k in ("response.created", "response.in_progress", "response.completed"))
    assert created.type == "response.created" and created.response.completed_at is None
    assert progress.type == "response.in_progress" and progress.response.completed_at is None
    assert done.type == "response.completed" and done.response.completed_at is not None


def test_encrypted_reasoning_is_included_when_asked(client: OpenAI) -> None:
    plain = client.responses.create(model=MODEL, input="Think about it")
    assert all(item.type != "reasoning" for item in plain.output)
    asked = client.responses.create(model=MODEL, input="Think about it", include=["reasoning.encrypted_content"])
    reasoning = asked.output[0]
    assert reasoning.type == "reasoning" and reasoning.encrypted_content
    again = client.responses.create(model=MODEL, input="Think about it", include=["reasoning.encrypted_content"])
    # Each response carries its own opaque blob, as the API's does: a client can only pass it back, not read it.
    assert again.output[0].type == "reasoning" and again.output[0].encrypted_content
    assert again.output[0].encrypted_content.startswith("gAAAAA") and reasoning.encrypted_content.startswith("gAAAAA")


def test_streamed_chat_with_n_streams_every_choice(client: OpenAI) -> None:
    stream = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Say hi"}], n=2, stream=True
    )
    texts: dict[int, str] = {}
    finished: set[int] = set()
    for chunk in stream:
        for choice in chunk.choices:
            texts[choice.index] = texts.get(choice.index, "") + (choice.delta.content or "")
            if choice.finish_reason:
                finished.add(choice.index)
    whole = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Say hi"}], n=2)
    assert finished == {0, 1} and texts[0] and texts == {c.index: c.message.content for c in whole.choices}


@pytest.mark.parametrize("question", ["What is Python?", "Tell me a fun fact about owls.", "用一句话介绍一下 Python。"])
def test_chat_samples_differ_and_each_answers(client: OpenAI, question: str) -> None:
    def ask() -> list[str]:
        reply = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}], n=4)
        return [c.message.content or "" for c in reply.choices]

    first = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}])
    samples = ask()
    assert len(set(samples)) == 4  # four different samples...
    assert samples[0] == first.choices[0].message.content  # ...the first is the answer n=1 gives...
    assert samples == ask()  # ...and the same request gets the same samples
    if question == "What is Python?":
        assert all("Python is" in sample for sample in samples)  # each still answers the question
    if question.startswith("用一句话"):
        assert all(sample.count("。") <= 1 for sample in samples)  # and keeps the length asked for


def test_chat_samples_of_a_tool_call_are_the_same_call(client: OpenAI) -> None:
    reply = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "What's the weather in Tokyo?"}], tools=[WEATHER], n=2
    )
    calls = [
        [(c.function.name, c.function.arguments) for c in ch.message.tool_calls or [] if c.type == "function"]
        for ch in reply.choices
    ]
    assert calls == [[("get_weather", '{"city": "Tokyo"}')]] * 2


def test_unknown_models_are_404_model_not_found(client: OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as err:
        client.chat.completions.create(model="gpt-nonexistent", messages=[{"role": "user", "content": "x"}])
    assert err.value.code == "model_not_found" and "gpt-nonexistent" in err.value.message
    with pytest.raises(openai.NotFoundError):
        client.responses.create(model="no-such-model", input="x")
    own = [m.id for m in client.models.list() if m.id not in sdk_model_names()]  # listed by the mock alone
    assert own and client.chat.completions.create(model=own[0], messages=[{"role": "user", "content": "x"}])
    assert client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}]).model == "gpt-4o"
    assert client.completions.create(model="davinci-002", prompt="x").model == "davinci-002"  # a params literal


def test_lenient_mode_answers_placeholder_ids_keeps_them_and_answers_them_again_after_a_delete() -> None:
    strict = mock_client(max_retries=0)
    with pytest.raises(openai.NotFoundError):
        strict.files.retrieve("file-abc123")
    lenient = mock_client(max_retries=0, lenient=True)
    assert lenient.files.retrieve("file-abc123").id == "file-abc123"
    assert lenient.responses.retrieve("resp_123").id == "resp_123"
    assert [item.type for item in lenient.responses.input_items.list("resp_123")] == ["message"]
    updated = lenient.vector_stores.update("vs_abc", name="renamed")
    assert lenient.vector_stores.retrieve("vs_abc").name == updated.name == "renamed"  # then stateful as usual
    assert lenient.files.delete("file-abc123").deleted is True
    # A suite written for a stateless mock deletes an id and asks for it in a later test: it exists again, made
    # anew (the rename is gone), while the strict mode keeps the real API's "deleted is gone".
    assert lenient.files.retrieve("file-abc123").id == "file-abc123"
    assert lenient.vector_stores.delete("vs_abc").deleted is True
    assert lenient.vector_stores.retrieve("vs_abc").name != "renamed"
    assert lenient.vector_stores.files.retrieve("file-abc123", vector_store_id="vs_abc").vector_store_id == "vs_abc"
    assert lenient.responses.delete("resp_123") is None and lenient.responses.retrieve("resp_123").id == "resp_123"
    assert lenient.beta.threads.delete("thread_abc").deleted and lenient.beta.threads.retrieve("thread_abc").id
    demo = strict.files.create(file=("a.txt", b"a"), purpose="assistants")
    strict.files.delete(demo.id)
    with pytest.raises(openai.NotFoundError):
        strict.files.retrieve(demo.id)
    # Every name exists as every id does, and a status an earlier test left does not block the next action.
    placeholder = lenient.chat.completions.create(model="model", messages=[{"role": "user", "content": "x"}])
    assert placeholder.model == "model"
    with pytest.raises(openai.NotFoundError):
        strict.chat.completions.create(model="model", messages=[{"role": "user", "content": "x"}])
    assert lenient.uploads.cancel("upload_abc").status == "cancelled"
    assert lenient.uploads.complete("upload_abc", part_ids=["part_placeholder"]).status == "completed"
    assert lenient.fine_tuning.jobs.cancel("ftjob-abc").status == "cancelled"
    assert lenient.fine_tuning.jobs.cancel("ftjob-abc").status == "cancelled"
    upload = strict.uploads.create(bytes=1, filename="a.txt", mime_type="text/plain", purpose="assistants")
    strict.uploads.cancel(upload.id)
    with pytest.raises(openai.BadRequestError, match="its status is 'cancelled'"):
        strict.uploads.complete(upload.id, part_ids=[])
    pending = strict.uploads.create(bytes=1, filename="a.txt", mime_type="text/plain", purpose="assistants")
    with pytest.raises(openai.BadRequestError, match="Part part_placeholder does not belong"):
        strict.uploads.complete(pending.id, part_ids=["part_placeholder"])


def test_the_command_line_serves_lenient_mode() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "openai_api.mock", "--port", str(port), "--lenient"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        client = OpenAI(api_key="sk-test", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0, timeout=5)
        for _ in range(300):  # up to ~30 s on a loaded machine
            try:
                assert client.files.retrieve("file-abc123").id == "file-abc123"
                break
            except openai.APIConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("the mock server did not answer on its port")
        # A suite written for Prism has a base URL without /v1 (Prism serves the spec's paths bare).
        bare = OpenAI(api_key="My API Key", base_url=f"http://127.0.0.1:{port}", max_retries=0, timeout=5)
        assert bare.vector_stores.delete("vector_store_id").deleted is True
        assert bare.vector_stores.retrieve("vector_store_id").id == "vector_store_id"
        assert bare.models.retrieve("model").id == "model"
        with bare.realtime.connect(model="gpt-realtime") as connection:  # a WebSocket at /realtime
            assert connection.recv().type == "session.created"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_without_lenient_mode_a_path_outside_v1_is_an_invalid_url() -> None:
    """Only lenient mode serves the paths without /v1 (as Prism does); otherwise the 404 says where the API is."""
    with running_server() as base_url:
        bare = OpenAI(api_key="sk-test", base_url=base_url.removesuffix("/v1"), max_retries=0, timeout=5)
        with pytest.raises(openai.NotFoundError) as missing:
            bare.models.list()
    assert isinstance(missing.value.body, dict)
    assert missing.value.body["message"] == "Invalid URL (GET /models): the API is served under /v1"


class Color(enum.StrEnum):
    RED = "red"
    GREEN = "green"


class Address(BaseModel):
    street: str
    city: str
    zip: str = Field(pattern=r"^\d{5}$")


class Node(BaseModel):
    name: str
    children: list[Node]


class Profile(BaseModel):
    id: uuid.UUID
    name: str
    email: str = Field(json_schema_extra={"format": "email"})
    born: dt.date
    meeting: dt.datetime
    age: int = Field(ge=18, le=99)
    score: float = Field(gt=0, lt=1)
    lucky: int = Field(multiple_of=5, ge=7)
    color: Color
    mood: Literal["happy", "sad"]
    tags: list[str] = Field(min_length=2, max_length=3)
    home: Address | None
    pair: tuple[int, str]
    tree: Node
    nick: str = Field(min_length=3, max_length=5)


def test_a_rich_pydantic_model_is_filled_from_the_text_and_validates(client: OpenAI) -> None:
    text = (
        "Maria Garcia, 34, lives in Madrid. Email maria@example.es, born 1990-04-12, "
        "meeting 2026-02-03 at 14:30, she is sad and likes green."
    )
    reply = client.chat.completions.parse(
        model=MODEL, messages=[{"role": "user", "content": text}], response_format=Profile
    )
    parsed = reply.choices[0].message.parsed  # the SDK validated it against the model: every keyword held
    assert parsed is not None
    assert (parsed.name, parsed.email, parsed.age) == ("Maria Garcia", "maria@example.es", 34)
    assert parsed.born == dt.date(1990, 4, 12) and parsed.meeting.isoformat() == "2026-02-03T14:30:00+00:00"
    assert (parsed.color, parsed.mood) == (Color.GREEN, "sad")
    assert parsed.home is not None and parsed.home.city == "Madrid"
    assert parsed.tree.children == [] or all(child.children == [] for child in parsed.tree.children)
