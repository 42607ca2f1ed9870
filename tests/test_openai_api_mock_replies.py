"""The mock answers like the API: a reply bank for every question the site asks, no echo, fresh ids, SDK models."""

from __future__ import annotations

import base64
import json
import re
import struct
import typing
import zlib
from typing import Any, Literal

import httpx2
import openai
import pytest
from openai.types import ChatModel
from openai.types.responses import FunctionToolParam
from pydantic import BaseModel, Field

from openai_api.docsite.prompts import prompts_in, site_prompts
from openai_api.mock.adapters.transport import MOCK_BASE_URL, mock_client, mock_transport
from openai_api.mock.content.replies import (
    count_tokens,
    entry_for,
    is_chinese,
    normalise,
    reply_text,
    tokens,
    tool_answer,
)
from openai_api.mock.core import MockAPI

ECHO = re.compile(r"You said|你说的是|mock reply|模拟回复|mock transcription|Mock |（模拟", re.I)


def test_every_question_the_site_asks_has_an_answer_in_the_bank() -> None:
    prompts = site_prompts()
    assert len({p.text for p in prompts}) > 70  # the extractor finds the site's questions, not a handful
    missing = sorted({f"{p.text!r} ({p.where})" for p in prompts if entry_for(p.text) is None})
    assert not missing, "questions without an entry in openai_api/mock/data/replies.yaml:\n" + "\n".join(missing)


def test_the_extractor_reads_literals_names_and_loops() -> None:
    code = (
        'q = "Q1"\n'
        'client.responses.create(model="m", input=q)\n'
        'for t in ["Q2", "Q3"]:\n'
        '    client.chat.completions.create(model="m", messages=[{"role": "system", "content": "S"},'
        ' {"role": "user", "content": t}])\n'
        'client.completions.create(model="m", prompt="Q4")\n'
    )
    assert sorted(prompts_in(code)) == ["Q1", "Q2", "Q3", "Q4"]  # not "S": a system message is no question


@pytest.mark.parametrize("text", sorted({p.text for p in site_prompts()}))
def test_no_answer_echoes_its_question(text: str) -> None:
    answer = reply_text(text)
    assert answer and not ECHO.search(answer)
    assert normalise(text) not in normalise(answer) or len(normalise(text)) <= 3, answer
    assert is_chinese(answer) == is_chinese(text) or text.startswith("I am Lin") or "巴黎" in answer, answer


def test_unknown_questions_get_a_deterministic_answer_in_their_language_without_echo() -> None:
    en = reply_text("How do penguins keep warm in winter?")
    zh = reply_text("企鹅冬天怎么保暖？")
    assert en == reply_text("How  do penguins keep warm in winter?")  # the same question, the same answer
    assert not is_chinese(en) and is_chinese(zh)
    assert "penguins" not in en and "企鹅" not in zh and not ECHO.search(en + zh)


def test_earlier_turns_and_instructions_show_in_the_answer() -> None:
    assert reply_text("What is my name?", earlier=["My name is Ana."]) == "Your name is Ana."
    assert "don't know your name" in reply_text("What is my name?")
    assert reply_text("我叫什么名字？", earlier=["我叫林晓，请记住我的名字。"]) == "你叫林晓。"
    assert reply_text("What do I like?", earlier=["My name is Lin.", "I like green tea."]) == "You like green tea."
    long = reply_text("Recommend a book about the sea.")
    short = reply_text("Recommend a book about the sea.", "Always answer in one short sentence.")
    assert long.startswith(short) and short.count(".") == 1 and long.count(".") > 1
    two = reply_text("Python 里的 GIL 是什么？", "回答控制在两句话以内。")
    assert two.count("。") == 2
    assert reply_text("Say hi in one word.") == "Hi"
    assert reply_text("用一个词打个招呼。") == "你好"
    one_word = reply_text("用一个词形容一下星期一。")  # not in the bank: a fallback, cut to its first clause
    assert one_word and not re.search("[，。！？、；：]", one_word) and len(one_word) <= 12


def test_tool_results_are_stated_as_an_answer() -> None:
    assert tool_answer('{"city": "Paris", "temperature": 22, "sky": "sunny"}', "What's the weather in Paris?") == (
        "It's 22°C and sunny in Paris right now."
    )
    generic = tool_answer('{"stock": 3}', "How many are left?")
    assert "stock 3" in generic and not ECHO.search(generic)


def test_structured_outputs_and_completions_take_their_values_from_the_input() -> None:
    client = mock_client(MockAPI(), max_retries=0)
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "date": {"type": "string"},
            "participants": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["name", "date", "participants"],
        "additionalProperties": False,
    }
    response = client.responses.create(
        model="gpt-5.4-mini",
        input="小明和小红周五要去参加科学展。",
        text={"format": {"type": "json_schema", "name": "event", "schema": schema, "strict": True}},
    )
    assert response.output_text == '{"name": "科学展", "date": "周五", "participants": ["小明", "小红"]}'
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt="给一家卖手冲咖啡的小店起一个中文店名。\n店名：", n=3
    )
    names = [c.text for c in completion.choices]
    assert len(set(names)) == 3 and not any("店名" in n for n in names)


class LineItem(BaseModel):
    name: str
    quantity: int = Field(description="how many were bought")
    unit_price: float


class Invoice(BaseModel):
    customer: str
    currency: Literal["CNY", "USD", "EUR"]
    items: list[LineItem]
    note: str | None


class Buyer(BaseModel):
    customer: str


class Order(BaseModel):
    buyer: Buyer
    items: list[LineItem]


class CalendarEvent(BaseModel):
    name: str
    date: str
    participants: list[str]


@pytest.mark.parametrize(
    ("question", "customer", "item"),
    [
        ("张三买了两本书，每本 45 元。", "张三", "书"),
        ("Zhang San bought two books at 45 yuan each.", "Zhang San", "book"),
    ],
)
def test_bank_values_nest_as_the_schema_nests(question: str, customer: str, item: str) -> None:
    """The structured-outputs guide's invoice: the bank's ``items`` list fills the array item by item (its own
    ``name``, not the customer's), in both parse helpers and in a function call's arguments."""
    client = mock_client(MockAPI(), max_retries=0)
    expected = Invoice(
        customer=customer, currency="CNY", items=[LineItem(name=item, quantity=2, unit_price=45.0)], note=None
    )
    parsed = client.responses.parse(model="gpt-5.4-mini", input=question, text_format=Invoice).output_parsed
    assert parsed == expected
    completion = client.chat.completions.parse(
        model="gpt-5.4-mini", messages=[{"role": "user", "content": question}], response_format=Invoice
    )
    assert completion.choices[0].message.parsed == expected
    tool = openai.pydantic_function_tool(Invoice, name="record_invoice")
    called = client.chat.completions.create(
        model="gpt-5.4-mini",
        messages=[{"role": "user", "content": question}],
        tools=[tool],
        tool_choice={"type": "function", "function": {"name": "record_invoice"}},
    )
    call = (called.choices[0].message.tool_calls or [None])[0]
    assert call is not None and call.type == "function"
    assert Invoice.model_validate_json(call.function.arguments) == expected
    # a property the bank's nesting does not reach (``buyer`` is not in it) is still looked up by its name
    order = client.responses.parse(model="gpt-5.4-mini", input=question, text_format=Order).output_parsed
    assert order == Order(buyer=Buyer(customer=customer), items=expected.items)


def test_flat_bank_values_still_fill_a_pydantic_model() -> None:
    client = mock_client(MockAPI(), max_retries=0)
    chinese = client.responses.parse(
        model="gpt-5.4-mini", input="小明和小红周五要去参加科学展。", text_format=CalendarEvent
    ).output_parsed
    assert chinese == CalendarEvent(name="科学展", date="周五", participants=["小明", "小红"])
    english = client.chat.completions.parse(
        model="gpt-5.4-mini",
        messages=[{"role": "user", "content": "Alice and Bob are going to a science fair on Friday."}],
        response_format=CalendarEvent,
    )
    assert english.choices[0].message.parsed == CalendarEvent(
        name="Science fair", date="Friday", participants=["Alice", "Bob"]
    )


def _raw(api: MockAPI, token: str) -> httpx2.Client:
    return httpx2.Client(
        transport=mock_transport(api), base_url=MOCK_BASE_URL, headers={"authorization": f"Bearer {token}"}
    )


def test_every_response_carries_its_own_request_id() -> None:
    api = MockAPI()
    seen: list[str] = []
    for token in ("sk-mock-a", "sk-mock-b"):
        with _raw(api, token) as raw:
            seen.append(raw.get("/models/gpt-5.4-mini", headers={"x-mock-status": "429"}).headers["x-request-id"])
            seen += [raw.get("/models/gpt-5.4-mini").headers["x-request-id"] for _ in range(3)]
    assert len(set(seen)) == len(seen) == 8
    assert all(re.fullmatch(r"req_[0-9a-f]{32}", rid) for rid in seen)


def test_uploaded_file_ids_do_not_depend_on_the_multipart_boundary_and_never_collide() -> None:
    def upload_twice(token: str) -> list[str]:
        client = mock_client(MockAPI(), api_key=token, max_retries=0)
        return [client.files.create(file=("a.txt", b"same bytes"), purpose="user_data").id for _ in range(2)]

    first, again = upload_twice("sk-mock-same"), upload_twice("sk-mock-same")  # new random boundaries each time
    assert first == again and first[0] != first[1]
    assert all(re.fullmatch(r"file-[0-9a-f]{24}", i) for i in first)
    assert set(upload_twice("sk-mock-other")).isdisjoint(first)


def test_every_model_the_sdk_names_is_listed_and_retrievable() -> None:
    client = mock_client(MockAPI(), max_retries=0)
    listed = {m.id: m for m in client.models.list()}
    assert set(typing.get_args(ChatModel)) <= set(listed)
    assert {"text-embedding-3-small", "gpt-image-1", "whisper-1", "tts-1", "omni-moderation-latest"} <= set(listed)
    mini = client.models.retrieve("gpt-4o-mini")
    assert (mini.id, mini.owned_by, mini.created) == ("gpt-4o-mini", "system", 1721260800)  # 2024-07-18
    assert client.models.retrieve("gpt-4o-2024-08-06").created == 1722902400  # dated names: their date
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("no-such-model")


def test_questions_outside_the_bank_still_give_their_names_dates_and_places() -> None:
    client = mock_client(MockAPI(), max_retries=0)
    schema = {
        "type": "object",
        "properties": {
            "date": {"type": "string"},
            "participants": {"type": "array", "items": {"type": "string"}},
            "city": {"type": "string"},
        },
        "required": ["date", "participants", "city"],
        "additionalProperties": False,
    }
    fmt: Any = {"type": "json_schema", "name": "meeting", "schema": schema, "strict": True}
    english = client.responses.create(
        model="gpt-5.4-mini", input="Carol and Dave meet in Berlin on Tuesday.", text={"format": fmt}
    )
    assert json.loads(english.output_text) == {"date": "Tuesday", "participants": ["Carol", "Dave"], "city": "Berlin"}
    chinese = client.responses.create(
        model="gpt-5.4-mini", input="李雷和韩梅周三下午去北京开会。", text={"format": fmt}
    )
    assert json.loads(chinese.output_text) == {"date": "周三下午", "participants": ["李雷", "韩梅"], "city": "北京"}
    weather: FunctionToolParam = {
        "type": "function",
        "strict": False,
        "name": "get_weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
    }
    call = client.responses.create(model="gpt-5.4-mini", input="Is it raining in Lisbon?", tools=[weather]).output[0]
    assert call.type == "function_call" and json.loads(call.arguments) == {"city": "Lisbon"}


class Ticket(BaseModel):
    priority: Literal["low", "medium", "high"]
    kind: Literal["question", "bug", "billing"]
    sentiment: Literal["neutral", "positive", "negative"]
    summary: str
    title: str
    tags: list[str]


@pytest.mark.parametrize(
    ("text", "priority", "kind", "sentiment", "tags"),
    [
        (
            "The login page crashes for every user since this morning, urgent! Please fix it.",
            "high",
            "bug",
            "negative",
            ["login", "page", "crashes"],
        ),
        ("Minor typo on the pricing page; I love the new invoice layout.", "low", "billing", "positive", None),
        ("支付页面崩溃了，所有用户都无法登录，非常紧急。", "high", "bug", "negative", None),
    ],
)
def test_a_choice_the_text_names_by_another_word_takes_that_option_and_text_fields_summarise_it(
    text: str, priority: str, kind: str, sentiment: str, tags: list[str] | None
) -> None:
    """An urgent message is a high priority and a crash a bug; the summary and title come from the text, the tags
    are its words."""
    client = mock_client(MockAPI(), max_retries=0)
    ticket = (
        client.chat.completions.parse(
            model="gpt-5.4-mini", messages=[{"role": "user", "content": text}], response_format=Ticket
        )
        .choices[0]
        .message.parsed
    )
    assert ticket is not None
    assert (ticket.priority, ticket.kind, ticket.sentiment) == (priority, kind, sentiment)
    first = re.split(r"(?<=[.!?。！？])\s*", text)[0]
    assert ticket.summary == first
    assert ticket.title == " ".join(first.rstrip(".!?。！？").split()[:8])
    assert not any(value.startswith("mock") for value in (ticket.summary, ticket.title, *ticket.tags))
    if tags is not None:
        assert ticket.tags == tags
    # with nothing that points to an option, the first one stays
    plain = (
        client.chat.completions.parse(
            model="gpt-5.4-mini",
            messages=[{"role": "user", "content": "Where is the documentation?"}],
            response_format=Ticket,
        )
        .choices[0]
        .message.parsed
    )
    assert plain is not None and plain.priority == "low"


def _solid_png(rgb: tuple[int, int, int], size: int = 8) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_the_colour_of_a_small_solid_image_shows_in_the_answer() -> None:
    client = mock_client(MockAPI(), max_retries=0)

    def ask(rgb: tuple[int, int, int], question: str) -> str:
        url = "data:image/png;base64," + base64.b64encode(_solid_png(rgb)).decode()
        image: Any = {"type": "input_image", "image_url": url, "detail": "low"}
        content: Any = [{"type": "input_text", "text": question}, image]
        return client.responses.create(model="gpt-5.4-mini", input=[{"role": "user", "content": content}]).output_text

    assert ask((220, 20, 60), "What colour is this image?") == "It's a solid red image, with no shapes or text on it."
    assert ask((30, 144, 255), "这张图片是什么颜色？") == "这张图片是纯蓝色的，上面没有其他图案或文字。"
    uploaded = client.files.create(file=("g.png", _solid_png((34, 139, 34))), purpose="vision")
    chat = client.chat.completions.create(
        model="gpt-5.4-mini",
        messages=[{"role": "user", "content": [{"type": "text", "text": "Describe this image in one word."}]}],
    )
    assert chat.choices[0].message.content == "Unclear"  # no image: nothing to name
    by_file: Any = [
        {"type": "input_text", "text": "Describe this image in one word."},
        {"type": "input_image", "file_id": uploaded.id, "detail": "low"},
    ]
    answer = client.responses.create(model="gpt-5.4-mini", input=[{"role": "user", "content": by_file}]).output_text
    assert answer == "Green"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Hello, world!",
        "a-b_c d\te\n",
        "x" * 50 + " y",
        "don't stop 3.14 _x_ $%^",
        "mixed 中文 words",
        "é è",
        "字" * 40,
        "词 " * 20,
        "中文abc中文_x9，好。",
        "naïve 한국어 カタカナ ｆｕｌｌ",
    ],
)
def test_count_tokens_counts_what_tokens_finds(text: str) -> None:
    assert count_tokens(text) == len(tokens(text))
    assert count_tokens(" ".join(chr(byte) for byte in range(128))) == len(tokens(" ".join(map(chr, range(128)))))
