"""Real client libraries against the mock server: the documented basic pattern of each, checked on its values.

People who learn the SDK here go on to test their own code with the mock in place of a model, most often through one
of these libraries rather than the bare SDK. Each library leans on model behaviour the mock must imitate: tool
arguments taken from the question, the requested format kept after a tool result, JSON mode following the stated
keys, one handoff chosen among several. So every test asserts the values the conversation implies (the city asked
about, the person named, the agent asked for), not only that the call returned.

The libraries come from the project's ``compat`` extra (``make install`` installs it). Every socket the tests open
must go to the loopback interface: a library that tries to reach the internet (tracing, a tokenizer download, price
updates) fails the test that triggered it instead of slowing it down or leaking a request.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, Field, SecretStr

from openai_api.mock import running_server

MODEL = "gpt-4o-mini"
API_KEY = "sk-compat-test"
WEATHER_QUESTION = "What's the weather in Tokyo?"
PERSON_TEXT = "John Doe is 30 years old."
# Bounds that keep every test short even if the mock stopped behaving like a model.
MAX_TURNS = 4
TIMEOUT_S = 20.0

# Library switches that stop tracing and telemetry from calling home; set before the libraries read them.
QUIET_ENV = {
    "OPENAI_AGENTS_DISABLE_TRACING": "1",
    "LANGSMITH_TRACING": "false",
    "LANGCHAIN_TRACING_V2": "false",
    "OPENAI_API_KEY": API_KEY,
}


class Weather(BaseModel):
    city: str
    summary: str


class Person(BaseModel):
    name: str
    age: int


class Ticket(BaseModel):
    priority: Literal["low", "medium", "high"]
    email: str
    due: str = Field(description="due date, YYYY-MM-DD")


def _loopback_only(address: Any) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host.startswith("/"):
        return  # a Unix socket never leaves the machine
    if host not in ("127.0.0.1", "::1", "localhost"):
        raise ConnectionRefusedError(f"compat tests may only connect to the loopback mock, not {address!r}")


@pytest.fixture(scope="module", autouse=True)
def offline() -> Iterator[None]:
    """Refuse every outgoing connection but loopback, for the whole module."""
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> None:
        _loopback_only(address)
        original_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        _loopback_only(address)
        return original_connect_ex(self, address)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", connect)
        patch.setattr(socket.socket, "connect_ex", connect_ex)
        yield


@pytest.fixture(scope="module")
def base_url(offline: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One mock server for the module, and the environment that keeps the libraries quiet and local."""
    llm_home = tmp_path_factory.mktemp("llm-user")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in QUIET_ENV.items():
            patch.setenv(name, value)
        patch.setenv("LLM_USER_PATH", str(llm_home))
        with running_server() as url:
            yield url


def get_weather_result(city: str) -> str:
    return f"It is sunny and 22 °C in {city}."


# --- openai-agents -----------------------------------------------------------------------------------------------


def _agents_model(base_url: str, api: str = "responses") -> Any:
    from agents import OpenAIChatCompletionsModel, OpenAIResponsesModel, set_tracing_disabled
    from openai import AsyncOpenAI

    set_tracing_disabled(True)
    client = AsyncOpenAI(base_url=base_url, api_key=API_KEY, max_retries=0, timeout=TIMEOUT_S)
    if api == "chat":
        return OpenAIChatCompletionsModel(model=MODEL, openai_client=client)
    return OpenAIResponsesModel(model=MODEL, openai_client=client)


@pytest.mark.parametrize("api", ["responses", "chat"])
def test_agents_tool_and_output_type(base_url: str, api: str) -> None:
    from agents import Agent, Runner, function_tool

    cities: list[str] = []

    @function_tool
    def get_weather(city: str) -> str:
        """Get the current weather for a city."""
        cities.append(city)
        return get_weather_result(city)

    agent = Agent(
        name="Weather agent",
        instructions="Answer weather questions with the get_weather tool.",
        model=_agents_model(base_url, api),
        tools=[get_weather],
        output_type=Weather,
    )
    result = Runner.run_sync(agent, WEATHER_QUESTION, max_turns=MAX_TURNS)
    assert cities == ["Tokyo"]
    assert isinstance(result.final_output, Weather)
    assert result.final_output.city == "Tokyo"


def _weather_agent_run(base_url: str, question: str) -> tuple[list[str], Any]:
    """An agent with a weather tool asked `question`: the cities the tool was called with, and the run's output."""
    from agents import Agent, Runner, function_tool

    cities: list[str] = []

    @function_tool
    def get_weather(city: str) -> str:
        """Get the current weather for a city."""
        cities.append(city)
        return get_weather_result(city)

    agent = Agent(name="Weather agent", model=_agents_model(base_url), tools=[get_weather])
    return cities, Runner.run_sync(agent, question, max_turns=MAX_TURNS).final_output


def test_agents_calls_the_tool_once_per_city_asked_about(base_url: str) -> None:
    cities, output = _weather_agent_run(base_url, "Compare the weather in Oslo and Berlin.")
    assert sorted(cities) == ["Berlin", "Oslo"]  # the agent runs the two calls concurrently
    assert isinstance(output, str) and output


def test_agents_calls_the_tool_for_a_city_the_mock_does_not_know_when_listed_with_one_it_does(base_url: str) -> None:
    cities, output = _weather_agent_run(base_url, "Compare the weather in Oslo and Lima.")
    assert sorted(cities) == ["Lima", "Oslo"]
    assert "Lima" in output and "Oslo" in output


def test_agents_time_zone_parameter_gets_the_iana_zone(base_url: str) -> None:
    from agents import Agent, Runner, function_tool

    zones: list[str] = []

    @function_tool
    def get_time(timezone: str) -> str:
        """Get the current local time in a time zone.

        Args:
            timezone: the IANA time zone, such as Europe/Paris.
        """
        zones.append(timezone)
        return f"It is 09:30 in {timezone}."

    agent = Agent(name="Clock agent", model=_agents_model(base_url), tools=[get_time])
    result = Runner.run_sync(agent, "What time is it in Tokyo?", max_turns=MAX_TURNS)
    assert zones == ["Asia/Tokyo"]
    assert "Asia/Tokyo" in result.final_output


def test_agents_tool_gets_the_order_id_and_a_greeting_calls_no_tool(base_url: str) -> None:
    from agents import Agent, Runner, function_tool

    order_ids: list[str] = []

    @function_tool
    def lookup_order(order_id: str) -> str:
        """Look up the status of an order by its id."""
        order_ids.append(order_id)
        return f"Order {order_id} has shipped."

    agent = Agent(name="Support agent", model=_agents_model(base_url), tools=[lookup_order])
    greeting = Runner.run_sync(agent, "Hello there!", max_turns=MAX_TURNS)
    assert order_ids == []
    assert isinstance(greeting.final_output, str) and greeting.final_output
    answer = Runner.run_sync(agent, "Where is my order A-1234?", max_turns=MAX_TURNS)
    assert order_ids == ["A-1234"]
    assert "A-1234" in answer.final_output


@pytest.mark.parametrize("language", ["Spanish", "English"])
def test_agents_handoff_goes_to_the_agent_asked_for(base_url: str, language: str) -> None:
    from agents import Agent, Runner

    model = _agents_model(base_url)
    spanish = Agent(name="Spanish agent", instructions="You only speak Spanish.", model=model)
    english = Agent(name="English agent", instructions="You only speak English.", model=model)
    triage = Agent(
        name="Triage agent",
        instructions="Hand off to the agent the user asks for.",
        model=model,
        handoffs=[spanish, english],
    )
    result = Runner.run_sync(triage, f"Please transfer me to the {language} agent.", max_turns=MAX_TURNS)
    assert result.last_agent.name == f"{language} agent"
    assert isinstance(result.final_output, str) and result.final_output


GREETING_REPLIES = {
    "Spanish": "¡Hola! Estoy muy bien, gracias. ¿En qué puedo ayudarte hoy?",
    "French": "Bonjour ! Je vais très bien, merci. Comment puis-je vous aider aujourd'hui ?",
    "English": "The short answer is that it depends on what you need. Start with the simplest option that works, "
    "check the result, and refine from there.",
}


def _language_triage(model: Any, languages: tuple[str, ...] = ("English", "Spanish", "French")) -> Any:
    """A triage agent that hands off to one agent per language, each told to speak only its language."""
    from agents import Agent

    agents = [Agent(name=f"{name} agent", instructions=f"You only speak {name}.", model=model) for name in languages]
    return Agent(
        name="Triage agent",
        instructions="Hand off to the agent of the user's language.",
        model=model,
        handoffs=list(agents),
    )


@pytest.mark.parametrize(
    ("greeting", "language"),
    [("Hola, ¿cómo estás?", "Spanish"), ("Bonjour, comment ça va ?", "French"), ("Hello, how are you?", "English")],
)
def test_agents_triage_hands_off_by_the_language_written_in(base_url: str, greeting: str, language: str) -> None:
    from agents import Runner

    result = Runner.run_sync(_language_triage(_agents_model(base_url)), greeting, max_turns=MAX_TURNS)
    assert result.last_agent.name == f"{language} agent"
    # the agent handed to answers the greeting in its language (not the handoff's {"assistant": ...} result)
    assert result.final_output == GREETING_REPLIES[language]


HANDED_OFF_ANSWERS = [
    (
        "¿Cuál es la capital de Francia?",
        "Spanish",
        "La capital de Francia es París.",
    ),
    (
        "Bonjour, quelle est la capitale de l'Allemagne ?",
        "French",
        "La capitale de l'Allemagne est Berlin.",
    ),
    (
        "Wie ist das Wetter in Berlin?",
        "German",
        "Zu Berlin: Gute Frage. In der Praxis ist es am sichersten, zuerst den dokumentierten Standardeinstellungen "
        "zu folgen und jeweils nur eine Sache zu ändern, damit Sie sehen, was jede Änderung bewirkt.",
    ),
]


@pytest.mark.parametrize("api", ["responses", "chat"])
@pytest.mark.parametrize(("question", "language", "answer"), HANDED_OFF_ANSWERS)
def test_agents_agent_handed_to_answers_in_its_language(
    base_url: str, api: str, question: str, language: str, answer: str
) -> None:
    from agents import Runner

    triage = _language_triage(_agents_model(base_url, api), ("English", "Spanish", "French", "German", "Chinese"))
    result = Runner.run_sync(triage, question, max_turns=MAX_TURNS)
    assert result.last_agent.name == f"{language} agent"
    assert result.final_output == answer  # in the agent's language, naming the place asked about


def test_agents_streamed_handoff_streams_the_same_answer(base_url: str) -> None:
    from agents import Runner
    from openai.types.responses import ResponseTextDeltaEvent

    question, _, answer = HANDED_OFF_ANSWERS[0]

    async def run() -> tuple[str, Any, str]:
        result = Runner.run_streamed(_language_triage(_agents_model(base_url)), question, max_turns=MAX_TURNS)
        deltas = [
            event.data.delta
            async for event in result.stream_events()
            if event.type == "raw_response_event" and isinstance(event.data, ResponseTextDeltaEvent)
        ]
        return "".join(deltas), result.final_output, result.last_agent.name

    streamed, final, agent = asyncio.run(run())
    assert agent == "Spanish agent"
    assert streamed == final == answer


def test_agents_streaming_runs_the_tool_and_streams_the_answer(base_url: str) -> None:
    from agents import Agent, Runner, function_tool
    from openai.types.responses import ResponseTextDeltaEvent

    cities: list[str] = []

    @function_tool
    def get_weather(city: str) -> str:
        """Get the current weather for a city."""
        cities.append(city)
        return get_weather_result(city)

    agent = Agent(name="Weather agent", model=_agents_model(base_url), tools=[get_weather])

    async def run() -> tuple[str, list[str], Any]:
        result = Runner.run_streamed(agent, WEATHER_QUESTION, max_turns=MAX_TURNS)
        deltas: list[str] = []
        items: list[str] = []
        async for event in result.stream_events():
            if event.type == "raw_response_event" and isinstance(event.data, ResponseTextDeltaEvent):
                deltas.append(event.data.delta)
            elif event.type == "run_item_stream_event":
                items.append(event.item.type)
        return "".join(deltas), items, result.final_output

    streamed, items, final = asyncio.run(run())
    assert cities == ["Tokyo"]
    assert items[:2] == ["tool_call_item", "tool_call_output_item"]
    assert items[-1] == "message_output_item"
    assert streamed and streamed.endswith(final)
    assert "Tokyo" in final


# --- langchain-openai -------------------------------------------------------------------------------------------


def _chat_openai(base_url: str, **kwargs: Any) -> Any:
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=MODEL,
        base_url=base_url,
        api_key=SecretStr(API_KEY),
        max_retries=0,
        timeout=TIMEOUT_S,
        **kwargs,
    )


def _langchain_weather_tool() -> Any:
    from langchain_core.tools import tool

    @tool
    def get_weather(city: str) -> str:
        """Get the current weather for a city."""
        return get_weather_result(city)

    return get_weather


@pytest.mark.parametrize("use_responses_api", [False, True], ids=["chat", "responses"])
def test_langchain_bind_tools_passes_the_city(base_url: str, use_responses_api: bool) -> None:
    from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

    get_weather = _langchain_weather_tool()
    llm = _chat_openai(base_url, use_responses_api=use_responses_api).bind_tools([get_weather])
    question = HumanMessage(WEATHER_QUESTION)
    reply = llm.invoke([question])
    assert isinstance(reply, AIMessage)
    assert [(call["name"], call["args"]) for call in reply.tool_calls] == [("get_weather", {"city": "Tokyo"})]
    result = ToolMessage(get_weather.invoke(reply.tool_calls[0]["args"]), tool_call_id=reply.tool_calls[0]["id"])
    answer = llm.invoke([question, reply, result])
    assert not answer.tool_calls
    assert "Tokyo" in answer.text


@pytest.mark.parametrize(
    ("question", "city"), [("what's the weather in tokyo?", "Tokyo"), ("Is it raining in São Paulo?", "São Paulo")]
)
def test_langchain_bind_tools_reads_a_city_in_lower_case_or_with_accents(
    base_url: str, question: str, city: str
) -> None:
    llm = _chat_openai(base_url).bind_tools([_langchain_weather_tool()])
    reply = llm.invoke(question)
    assert [(call["name"], call["args"]) for call in reply.tool_calls] == [("get_weather", {"city": city})]


def test_langchain_generic_tool_runs_only_when_its_specific_words_are_asked_for(base_url: str) -> None:
    from langchain_core.tools import tool

    @tool
    def run(sql: str) -> str:
        """Run a SQL query against the sales database."""
        return "42 rows"

    llm = _chat_openai(base_url).bind_tools([run])
    assert llm.invoke("Hi there!").tool_calls == []
    reply = llm.invoke("How many sales are in the database?")
    assert [call["name"] for call in reply.tool_calls] == ["run"]


def test_langchain_bind_tools_picks_the_tool_asked_for(base_url: str) -> None:
    from langchain_core.tools import tool

    @tool
    def add(a: int, b: int) -> int:
        """Add two integers."""
        return a + b

    llm = _chat_openai(base_url).bind_tools([_langchain_weather_tool(), add])
    reply = llm.invoke("What is 12 plus 30?")
    assert [(call["name"], call["args"]) for call in reply.tool_calls] == [("add", {"a": 12, "b": 30})]


def test_langchain_bound_tool_is_not_called_for_a_greeting(base_url: str) -> None:
    llm = _chat_openai(base_url).bind_tools([_langchain_weather_tool()])
    reply = llm.invoke("Hello there, how are you?")
    assert reply.tool_calls == []
    assert reply.text


def test_langchain_n_gives_different_generations(base_url: str) -> None:
    from langchain_core.messages import HumanMessage

    result = _chat_openai(base_url, n=3).generate([[HumanMessage("What is Python?")]])
    texts = [generation.text for generation in result.generations[0]]
    assert len(texts) == 3 and len(set(texts)) == 3
    assert all("Python is" in text for text in texts)


@pytest.mark.parametrize("method", ["json_schema", "function_calling", "json_mode"])
def test_langchain_with_structured_output_extracts_the_person(base_url: str, method: str) -> None:
    llm = _chat_openai(base_url).with_structured_output(Person, method=method)
    # json_mode sends no schema, so, as with a real model, the prompt states the keys.
    prompt = f'Reply in JSON with the keys "name" and "age". {PERSON_TEXT}' if method == "json_mode" else PERSON_TEXT
    person = llm.invoke(prompt)
    assert person == Person(name="John Doe", age=30)


def test_langchain_structured_output_takes_enum_email_and_date_from_the_text(base_url: str) -> None:
    llm = _chat_openai(base_url).with_structured_output(Ticket, method="json_schema")
    ticket = llm.invoke("High priority: contact bob@example.com, due 2026-12-01.")
    assert ticket == Ticket(priority="high", email="bob@example.com", due="2026-12-01")


def test_langchain_responses_api_structured_output(base_url: str) -> None:
    llm = _chat_openai(base_url, use_responses_api=True).with_structured_output(Person, method="json_schema")
    assert llm.invoke(PERSON_TEXT) == Person(name="John Doe", age=30)


def test_langchain_embeddings_rank_the_matching_document_first(base_url: str) -> None:
    from langchain_openai import OpenAIEmbeddings

    # check_embedding_ctx_length=False sends the texts as they are: no tiktoken, so no encoding download.
    embeddings = OpenAIEmbeddings(
        model="text-embedding-3-small",
        base_url=base_url,
        api_key=SecretStr(API_KEY),
        check_embedding_ctx_length=False,
        max_retries=0,
        timeout=TIMEOUT_S,
    )
    docs = ["The cat sat on the mat.", "Stock markets fell sharply today.", "Bake the bread for forty minutes."]
    vectors = embeddings.embed_documents(docs)

    def nearest(question: str) -> str:
        query = embeddings.embed_query(question)
        scores = [sum(q * v for q, v in zip(query, vector, strict=True)) for vector in vectors]
        return docs[scores.index(max(scores))]

    assert nearest("Where did the cat sit?") == docs[0]
    assert nearest("How long should bread bake?") == docs[2]


# --- instructor ---------------------------------------------------------------------------------------------------


def _instructor(base_url: str, mode: Any) -> Any:
    import instructor
    from openai import OpenAI

    return instructor.from_openai(
        OpenAI(base_url=base_url, api_key=API_KEY, max_retries=0, timeout=TIMEOUT_S), mode=mode
    )


@pytest.mark.parametrize("mode_name", ["TOOLS", "JSON"])
def test_instructor_extracts_the_person(base_url: str, mode_name: str) -> None:
    import instructor

    client = _instructor(base_url, getattr(instructor.Mode, mode_name))
    person = client.chat.completions.create(
        model=MODEL, response_model=Person, max_retries=1, messages=[{"role": "user", "content": PERSON_TEXT}]
    )
    # instructor returns an instance of its own subclass of the response model, so compare the fields.
    assert (person.name, person.age) == ("John Doe", 30)


def test_instructor_iterable_extracts_every_person(base_url: str) -> None:
    import instructor

    client = _instructor(base_url, instructor.Mode.TOOLS)
    people = client.chat.completions.create_iterable(
        model=MODEL,
        response_model=Person,
        max_retries=1,
        messages=[{"role": "user", "content": "John Doe is 30 and Jane Smith is 25."}],
    )
    assert [(p.name, p.age) for p in people] == [("John Doe", 30), ("Jane Smith", 25)]


@pytest.mark.parametrize("mode_name", ["TOOLS", "JSON"])
def test_instructor_partial_streaming_builds_up_the_person(base_url: str, mode_name: str) -> None:
    import instructor

    client = _instructor(base_url, getattr(instructor.Mode, mode_name))
    partials = list(
        client.chat.completions.create_partial(
            model=MODEL, response_model=Person, messages=[{"role": "user", "content": PERSON_TEXT}]
        )
    )
    assert len(partials) > 1, "the partial stream should yield more than the final object"
    last = partials[-1]
    assert (last.name, last.age) == ("John Doe", 30)
    assert any(p.name is None or p.age is None for p in partials[:-1])


# --- pydantic-ai --------------------------------------------------------------------------------------------------


def _pydantic_ai_model(base_url: str, responses: bool = False) -> Any:
    from openai import AsyncOpenAI
    from pydantic_ai.models.openai import OpenAIChatModel, OpenAIResponsesModel
    from pydantic_ai.providers.openai import OpenAIProvider

    client = AsyncOpenAI(base_url=base_url, api_key=API_KEY, max_retries=0, timeout=TIMEOUT_S)
    provider = OpenAIProvider(openai_client=client)
    return (OpenAIResponsesModel if responses else OpenAIChatModel)(MODEL, provider=provider)


def _limits() -> Any:
    from pydantic_ai import UsageLimits

    return UsageLimits(request_limit=MAX_TURNS)


@pytest.mark.parametrize("responses", [False, True], ids=["chat", "responses"])
def test_pydantic_ai_tool_then_tool_output(base_url: str, responses: bool) -> None:
    from pydantic_ai import Agent, ToolOutput

    cities: list[str] = []
    agent = Agent(_pydantic_ai_model(base_url, responses), output_type=ToolOutput(Weather, name="final_result"))

    @agent.tool_plain
    def get_weather(city: str) -> str:
        """Get the current weather for a city."""
        cities.append(city)
        return get_weather_result(city)

    result = agent.run_sync(WEATHER_QUESTION, usage_limits=_limits())
    assert cities == ["Tokyo"]
    assert result.output.city == "Tokyo"


class CityInfo(BaseModel):
    name: str
    country: str


class PersonInfo(BaseModel):
    name: str
    age: int


@pytest.mark.parametrize("responses", [False, True], ids=["chat", "responses"])
def test_pydantic_ai_picks_the_output_type_that_fits_the_question(base_url: str, responses: bool) -> None:
    from pydantic_ai import Agent

    agent = Agent(_pydantic_ai_model(base_url, responses), output_type=[CityInfo, PersonInfo])
    person = agent.run_sync("Tell me about Marie Curie, who died at 66.", usage_limits=_limits())
    assert person.output == PersonInfo(name="Marie Curie", age=66)
    city = agent.run_sync("Tell me about Paris.", usage_limits=_limits())
    assert city.output == CityInfo(name="Paris", country="France")


@pytest.mark.parametrize("wrapper", ["NativeOutput", "PromptedOutput"])
def test_pydantic_ai_native_and_prompted_output(base_url: str, wrapper: str) -> None:
    import pydantic_ai

    output_type = getattr(pydantic_ai, wrapper)(Person)
    agent = pydantic_ai.Agent(_pydantic_ai_model(base_url), output_type=output_type)
    result = agent.run_sync(PERSON_TEXT, usage_limits=_limits())
    assert result.output == Person(name="John Doe", age=30)


def test_pydantic_ai_streams_the_structured_output(base_url: str) -> None:
    from pydantic_ai import Agent

    agent = Agent(_pydantic_ai_model(base_url), output_type=Person)

    async def run() -> list[Person]:
        async with agent.run_stream(PERSON_TEXT, usage_limits=_limits()) as result:
            return [output async for output in result.stream_output(debounce_by=None)]

    outputs = asyncio.run(run())
    assert outputs[-1] == Person(name="John Doe", age=30)


def test_pydantic_ai_tool_with_native_output(base_url: str) -> None:
    from pydantic_ai import Agent, NativeOutput

    cities: list[str] = []
    agent = Agent(_pydantic_ai_model(base_url), output_type=NativeOutput(Weather))

    @agent.tool_plain
    def get_weather(city: str) -> str:
        """Get the current weather for a city."""
        cities.append(city)
        return get_weather_result(city)

    result = agent.run_sync(WEATHER_QUESTION, usage_limits=_limits())
    assert cities == ["Tokyo"]
    assert result.output.city == "Tokyo"


# --- llm ----------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["chat", "responses"])
def llm_model(base_url: str, request: pytest.FixtureRequest) -> Any:
    """An OpenAI-compatible model registered the documented way, in llm's extra-openai-models.yaml."""
    import llm
    import yaml

    extra = [
        {
            "model_id": f"mock-{api}",
            "model_name": MODEL,
            "api_base": base_url,
            "supports_schema": True,
            "supports_tools": True,
            "responses": api == "responses",
        }
        for api in ("chat", "responses")
    ]
    Path(os.environ["LLM_USER_PATH"], "extra-openai-models.yaml").write_text(yaml.safe_dump(extra), encoding="utf-8")
    return llm.get_model(f"mock-{request.param}")


def test_llm_prompt_answers_the_question(llm_model: Any) -> None:
    text = llm_model.prompt("Say hello to Ada.").text()
    assert "Ada" in text


def test_llm_schema_extracts_the_person(llm_model: Any) -> None:
    response = llm_model.prompt(PERSON_TEXT, schema=Person)
    assert Person.model_validate(json.loads(response.text())) == Person(name="John Doe", age=30)


def test_llm_json_object_follows_the_keys_asked_for(llm_model: Any) -> None:
    response = llm_model.prompt(f'Reply in JSON with the keys "name" and "age". {PERSON_TEXT}', json_object=True)
    assert json.loads(response.text()) == {"name": "John Doe", "age": 30}


def test_llm_tool_chain_passes_the_city(llm_model: Any) -> None:
    cities: list[str] = []

    def get_weather(city: str) -> str:
        """Get the current weather for a city."""
        cities.append(city)
        return get_weather_result(city)

    conversation = llm_model.conversation(tools=[get_weather], chain_limit=MAX_TURNS)
    text = conversation.chain(WEATHER_QUESTION).text()
    assert cities == ["Tokyo"]
    assert "Tokyo" in text


def test_only_loopback_connections_are_allowed() -> None:
    """The guard behind "nothing is fetched at test time": a library reaching out fails its test at once."""
    # 0.0.0.0 is not on the guard's list; were the guard missing, the connection would still stay on this machine.
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(ConnectionRefusedError, match="loopback"),
    ):
        sock.connect(("0.0.0.0", 9))
