"""The mock answers in the language the conversation calls for: the one the system/developer instructions require
("Respond in French.", "用中文回答"), else the one the user's last message is clearly written in; English
conversations keep their answers. Chat Completions and Responses, streamed or not, give the same text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from openai import OpenAI

from openai_api.mock import mock_client
from openai_api.mock.content.reply_language import reply_language, required_language

MODEL = "gpt-5.4-mini"

PENGUINS_EN = (
    "The short answer is that it depends on what you need. Start with the simplest option that works, check the "
    "result, and refine from there."
)
PENGUINS_FR = (
    "La réponse courte, c'est que cela dépend de ce dont vous avez besoin. Commencez par l'option la plus simple "
    "qui fonctionne, vérifiez le résultat, puis affinez à partir de là."
)
PYTHON_ZH = (
    "Python 是一种通用编程语言，以语法易读和标准库丰富著称，广泛用于 Web 开发、自动化、数据分析、机器学习和脚本编写。"
)
FRANCE_ES = (
    "Sobre Francia: la respuesta corta es que depende de lo que necesites. Empieza por la opción más sencilla que "
    "funcione, comprueba el resultado y ajústalo a partir de ahí."
)
PENGUINS_ZH = "要点是：先做一个小而清楚的版本，用真实的例子验证，只在结果表明需要时再补充细节。"


@pytest.fixture
def client() -> OpenAI:
    return mock_client(max_retries=0)


def _chat(client: OpenAI, instructions: str, question: str, **extra: Any) -> str:
    messages: list[Any] = [{"role": "system", "content": instructions}] if instructions else []
    messages.append({"role": "user", "content": question})
    reply = client.chat.completions.create(model=MODEL, messages=messages, **extra)
    return reply.choices[0].message.content or ""


def _chat_streamed(client: OpenAI, instructions: str, question: str) -> str:
    messages: list[Any] = [{"role": "system", "content": instructions}] if instructions else []
    messages.append({"role": "user", "content": question})
    stream = client.chat.completions.create(model=MODEL, messages=messages, stream=True)
    return "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)


def _responses(client: OpenAI, instructions: str, question: str) -> str:
    return client.responses.create(model=MODEL, instructions=instructions or None, input=question).output_text


def _responses_streamed(client: OpenAI, instructions: str, question: str) -> str:
    stream = client.responses.create(model=MODEL, instructions=instructions or None, input=question, stream=True)
    return "".join(event.delta for event in stream if event.type == "response.output_text.delta")


@pytest.mark.parametrize(
    ("instructions", "question", "expected"),
    [
        ("Respond in French.", "How do penguins keep warm in winter?", PENGUINS_FR),
        ("", "How do penguins keep warm in winter?", PENGUINS_EN),  # English stays as it was
        ("You are a helpful assistant.", "How do penguins keep warm in winter?", PENGUINS_EN),
        ("用中文回答", "What is Python?", PYTHON_ZH),  # the bank's English answer gives way to the term's Chinese one
        ("", "企鹅冬天怎么保暖？", PENGUINS_ZH),
        ("", "¿Qué idioma se habla en Francia?", FRANCE_ES),  # no instructions: the user's language, and its place
        ("", "¿Cuál es la capital de Francia?", "La capital de Francia es París."),  # a kind the mock answers
        ("Always answer in English.", "What is the capital of France?", "Paris."),
    ],
)
def test_replies_take_the_language_the_conversation_calls_for(
    client: OpenAI, instructions: str, question: str, expected: str
) -> None:
    texts = {
        "chat": _chat(client, instructions, question),
        "chat streamed": _chat_streamed(client, instructions, question),
        "responses": _responses(client, instructions, question),
        "responses streamed": _responses_streamed(client, instructions, question),
    }
    assert texts == dict.fromkeys(texts, expected)


def test_a_short_neutral_answer_suits_any_required_language(client: OpenAI) -> None:
    # "Paris." is no English sentence: a model told to speak Spanish may give it as it is
    assert _chat(client, "You only speak Spanish.", "What is the capital of France?") == "Paris."


def test_length_rules_and_samples_hold_in_another_language(client: OpenAI) -> None:
    short = _chat(client, "Responde en una frase.", "¿Qué tiempo hace en Madrid?")
    assert short == "Sobre Madrid: buena pregunta."
    reply = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "¿Qué tiempo hace en Madrid?"}], n=4
    )
    samples = [c.message.content or "" for c in reply.choices]
    assert len(set(samples)) == 4 and all(s.startswith(("Sobre Madrid: ", "En resumen: ")) for s in samples)
    assert samples[3] == "En resumen: " + samples[0]  # the fourth rephrases the first, in Spanish


def test_the_answer_after_a_tool_result_speaks_the_users_language(client: OpenAI) -> None:
    messages: list[Any] = [
        {"role": "user", "content": "¿Qué tiempo hace en Madrid?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": json.dumps({"temperature": 22, "sky": "sunny"})},
    ]
    reply = client.chat.completions.create(model=MODEL, messages=messages)
    assert reply.choices[0].message.content == "Esto es lo que encontré: temperature 22, sky sunny."


def _handoff_chat(client: OpenAI, question: str, **extra: Any) -> Any:
    """The request an openai-agents Spanish agent sends after the triage's handoff (Chat Completions shape)."""
    function = {"name": "transfer_to_spanish_agent", "arguments": "{}"}
    transfer = {"id": "call_h", "type": "function", "function": function}
    messages: list[Any] = [
        {"role": "system", "content": "You only speak Spanish."},
        {"role": "user", "content": question},
        {"role": "assistant", "content": None, "tool_calls": [transfer]},
        {"role": "tool", "tool_call_id": "call_h", "content": json.dumps({"assistant": "Spanish agent"})},
    ]
    return client.chat.completions.create(model=MODEL, messages=messages, **extra)


def test_the_agent_handed_to_answers_the_question_not_the_handoff(client: OpenAI) -> None:
    assert _handoff_chat(client, "¿Cuál es la capital de Francia?").choices[0].message.content == (
        "La capital de Francia es París."
    )
    assert _handoff_chat(client, "¿Qué idioma se habla en Francia?").choices[0].message.content == FRANCE_ES
    weather = {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the weather for a city.",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    }
    back = {"type": "function", "function": {"name": "transfer_to_triage_agent", "parameters": {}}}
    # the agent handed to calls its own tool for the question, and never hands the question back
    calls = _handoff_chat(client, "What's the weather in Madrid?", tools=[back, weather]).choices[0].message.tool_calls
    assert [(c.function.name, json.loads(c.function.arguments)) for c in calls or [] if c.type == "function"] == [
        ("get_weather", {"city": "Madrid"})
    ]


@pytest.mark.parametrize(
    ("instructions", "code"),
    [
        ("You only speak Spanish.", "es"),
        ("Respond in French.", "fr"),
        ("用中文回答", "zh"),
        ("用简短、友好的中文回答。", "zh"),
        ("Answer in short, friendly English.", "en"),
        ("Responde siempre en español.", "es"),
        ("Antworte immer auf Deutsch.", "de"),
        ("Translate the user's text into Italian.", "it"),
        ("Never answer in English. Respond in German.", "de"),
        ("不要用英文回答，用中文回答。", "zh"),
        ("No matter what, answer in Spanish.", "es"),
        ("Explain the French revolution in one sentence.", None),  # a language mentioned, none required
        ("你是一个简洁的中文语音助手。", None),
        ("Hand off to the agent of the user's language.", None),
    ],
)
def test_the_language_instructions_require(instructions: str, code: str | None) -> None:
    assert required_language(instructions) == code


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        ("¿Qué tiempo hace en Madrid?", "es"),
        ("Bonjour, quelle est la capitale de l'Allemagne ?", "fr"),
        ("Was ist die Hauptstadt von Frankreich?", "de"),
        ("Qual è la capitale d'Italia?", "it"),
        ("Qual é a capital do Brasil?", "pt"),
        ("東京の天気は？", "ja"),
        ("法国的首都是哪里？", "zh"),
        ("Who was John von Neumann?", "en"),  # one German-looking word is no German question
        ("Is it cold in Zürich?", "en"),
    ],
)
def test_the_language_the_user_writes_in(prompt: str, code: str) -> None:
    assert reply_language(prompt) == code
