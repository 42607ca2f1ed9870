"""Familiar requests outside the reply bank are answered by kind, as a model would: "Say this is a test" says it,
"Count to five." counts, "What is 2+2?" adds, a haiku is a haiku; in the question's language, through every API."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, Field

from openai_api.mock.adapters.transport import mock_client
from openai_api.mock.content import tasks as tasks_module
from openai_api.mock.content.replies import entry_for, reply_text
from openai_api.mock.core import MockAPI

MODEL = "gpt-5.4-mini"

ANSWERS = [
    ("Say this is a test", "This is a test."),
    ("Say hi", "Hi!"),
    ("Say hello to Alice", "Hello, Alice!"),
    ("Say goodbye to the team", "Goodbye to the team."),  # a name is capitalised
    ("跟小明说你好", "小明，你好！"),
    ("Say 'the build is green'", "The build is green."),
    ("Count to five.", "1, 2, 3, 4, 5."),
    ("count from 3 to 7", "3, 4, 5, 6, 7."),
    ("What is 2+2?", "2 + 2 = 4."),
    ("What is 12 * (3 + 4)?", "12 × (3 + 4) = 84."),
    ("What's 7/2?", "7 / 2 = 3.5."),
    ("Translate 'good morning' into French.", "In French, “good morning” is “Bonjour”."),
    ("How do you say thank you in Spanish?", "In Spanish, “thank you” is “Gracias”."),
    ("What is the capital of Japan?", "The capital of Japan is Tokyo."),
    ("Name three colors.", "Red, blue and yellow."),
    ("List 5 planets", "Mercury, Venus, Earth, Mars and Jupiter."),
    ("数到五", "1、2、3、4、5。"),
    ("从三数到十二", "3、4、5、6、7、8、9、10、11、12。"),
    ("1+1等于几？", "1 + 1 = 2。"),
    ("把“谢谢”翻译成法语", "“谢谢”的法语是“Merci”。"),
    ("日本的首都是哪里？", "日本的首都是东京。"),
    ("列出三种水果", "苹果、香蕉、橙子。"),
    ("请说“测试成功”", "测试成功"),
    ("I am learning Python. Count to three, please.", "1, 2, 3."),
    (
        "Summarize the following text: The release moves to Friday. QA found two blockers. Both are fixed now.",
        "The release moves to Friday.",
    ),
    ("总结一下：今天开会讨论了新版本的发布计划。大家同意下周五上线。", "今天开会讨论了新版本的发布计划。"),
    ("What is the sentiment of this review: I love this product, it works perfectly", "Positive."),
    ("Is this review positive or negative? The battery died after two days, terrible.", "Negative."),
    ("判断这条评论的情感：太差了，用了两天就坏了", "消极。"),
    (
        "how can I solve 8x + 7 = -23",
        "Move the terms with x to one side and the numbers to the other, then divide by the coefficient of x: "
        "x = -15/4 = -3.75.",
    ),
    (
        "solve for y: 3y - 4 = 2y + 1",  # "y" alone is a variable here, not Spanish
        "Move the terms with y to one side and the numbers to the other, then divide by the coefficient of y: y = 5.",
    ),
    ("解方程 2(x + 1) = 10", "把含 x 的项移到一边、常数移到另一边，再除以 x 的系数：x = 4。"),
    # the other languages the mock answers in: capitals in each, counts and sums that read the same in all
    ("¿Cuál es la capital de Japón?", "La capital de Japón es Tokio."),
    ("Quelle est la capitale du Japon ?", "La capitale du Japon est Tokyo."),
    ("Quelle est la capitale de l'Italie ?", "La capitale de l'Italie est Rome."),
    ("Was ist die Hauptstadt der USA?", "Die Hauptstadt der USA ist Washington, D.C."),
    ("Qual è la capitale del Giappone?", "La capitale del Giappone è Tokyo."),
    ("Qual é a capital do Brasil?", "A capital do Brasil é Brasília."),
    ("What is the capital of the United States?", "The capital of the United States is Washington, D.C."),
    ("Cuenta hasta cinco", "1, 2, 3, 4, 5."),
    ("Zähle bis vier", "1, 2, 3, 4."),
    ("Combien font 3 * 4 ?", "3 × 4 = 12."),
]

DEFINITIONS = [
    ("What is an API?", "An API (application programming interface) is"),
    ("Explain recursion", "Recursion is when a function"),
    ("How does Git work?", "Git is a distributed version control system"),
    ("What are embeddings?", "An embedding is a list of numbers"),
    ("What is the cloud?", "Cloud computing is renting"),  # a term listed with its article ("the cloud")
    ("什么是递归？", "递归是指函数"),
    ("机器学习是什么", "机器学习是人工智能的一个分支"),
    ("解释一下大语言模型", "大语言模型（LLM）是"),
]


@pytest.mark.parametrize(("question", "opening"), DEFINITIONS)
def test_what_is_a_familiar_term_gets_its_explanation(question: str, opening: str) -> None:
    assert entry_for(question) is None
    assert reply_text(question).startswith(opening)


def test_an_explanation_keeps_to_the_length_asked_for_even_in_a_second_sentence() -> None:
    one = reply_text("What is a neural network? Answer in one sentence.")
    assert one.startswith("A neural network is") and one.count(". ") == 0 and one.endswith(".")
    assert (
        reply_text("用一句话解释什么是嵌入")
        == "嵌入（embedding）是表示一段文本含义的一组数字（向量），含义相近的文本得到彼此接近的向量。"
    )
    assert reply_text("What is the meaning of life?").startswith(
        ("The short answer", "Here is the gist", "Good question")
    )


@pytest.mark.parametrize(("question", "answer"), ANSWERS)
def test_a_familiar_request_gets_the_answer_a_model_gives(question: str, answer: str) -> None:
    assert entry_for(question) is None  # answered by kind, not by a bank entry written for it
    client = mock_client(MockAPI(), api_key="sk-tasks")
    assert client.responses.create(model=MODEL, input=question).output_text == answer
    chat = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}])
    assert chat.choices[0].message.content == answer


def test_poems_stories_and_jokes_are_what_was_asked_for_about_the_topic_asked() -> None:
    haiku = reply_text("Write a haiku about recursion in programming.").splitlines()
    assert len(haiku) == 3 and haiku[0] == "Recursion in programming—"
    story = reply_text("Write a one-sentence bedtime story about a unicorn.")
    assert "a unicorn" in story and story.count(".") == 1 and story.endswith(".")
    poem = reply_text("Write a short poem about the sea").splitlines()
    assert len(poem) == 4 and "the sea" in poem[0]
    assert "?" in reply_text("Tell me a joke.")  # a question and its punchline
    assert "cats" in reply_text("Tell me a joke about cats")
    spring = reply_text("写一首关于春天的诗").splitlines()
    assert len(spring) == 4 and spring[0].startswith("春天") and all(line.endswith(("，", "。")) for line in spring)
    assert reply_text("写一个关于小兔子的睡前故事").startswith("从前，小兔子")
    code = reply_text("Write a Python function that reverses a string.")
    assert "```python\ndef reverse_string(text: str) -> str:\n    return text[::-1]\n```" in code
    namespace: dict[str, Any] = {}
    exec(code.split("```python\n")[1].split("```")[0], namespace)  # the code it gives runs
    assert namespace["reverse_string"]("hello") == "olleh"


def test_what_the_mock_cannot_know_it_does_not_make_up() -> None:
    weather = reply_text("What's the weather like in Boston today?")
    assert "Boston" in weather and "can't check live weather" in weather
    assert reply_text("北京今天天气怎么样").startswith("我无法查询实时天气，所以不知道北京")
    # a phrase the tables do not keep, a number alone, an open request: the general answer, not a made-up one
    questions = (
        "Solve x*x = 4",  # not linear
        "Translate 'the quick brown fox' into French.",
        "What is 2024?",
        "What is 2/0?",
        "What is 9 ** 99999?",
        "Say something about Python",
    )
    for question in questions:
        answer = reply_text(question)
        assert "French" not in answer and "=" not in answer and not answer.startswith("Something"), answer
    assert "1, 2, 3" not in reply_text("Count to 5000.")  # past the limit: no list of 5,000 numbers


def test_every_api_and_the_stream_carry_the_same_answer() -> None:
    client = mock_client(MockAPI(), api_key="sk-tasks-stream")
    legacy = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say this is a test")
    assert legacy.choices[0].text == "\n\nThis is a test."  # an instruct model answers on a line of its own
    with client.responses.stream(model=MODEL, input="Count to five.") as stream:
        deltas = [event.delta for event in stream if event.type == "response.output_text.delta"]
        assert stream.get_final_response().output_text == "1, 2, 3, 4, 5."
    assert len(deltas) > 1 and "".join(deltas) == "1, 2, 3, 4, 5."
    chat = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "system", "content": "Answer in Chinese."}, {"role": "user", "content": "Count to four."}],
    )
    assert chat.choices[0].message.content == "1、2、3、4。"  # the language the instructions require
    samples = client.chat.completions.create(
        model=MODEL, n=2, messages=[{"role": "user", "content": "Write a haiku about autumn leaves"}]
    )
    first, second = (choice.message.content or "" for choice in samples.choices)
    assert first != second and first.startswith("Autumn leaves—") and second.startswith("Autumn leaves—")


def test_a_task_that_names_no_known_computation_is_refused_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    task = {"name": "double", "compute": "twice", "patterns": ["double (?P<n>\\d+)"], "replies": {"en": ["x"]}}
    bad = {"tasks": [task]}
    monkeypatch.setattr(tasks_module, "tasks", lambda: bad)
    tasks_module._tasks.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"tasks\.yaml: task 'double': compute 'twice' is none of capital, count"):
            tasks_module.task_reply("double 2", "en")
    finally:
        tasks_module._tasks.cache_clear()


class Reasoned(BaseModel):
    reasoning: str
    answer: str
    confidence: float


class Rated(BaseModel):
    steps: list[str]
    final_answer: str
    confidence: int = Field(ge=0, le=100)


def test_a_structured_answer_says_what_the_plain_answer_says_with_its_reasoning_and_confidence() -> None:
    """The chain-of-thought shapes of the Structured Outputs guides: the answer field holds the mock's answer, the
    reasoning and steps say how a model gets there, and a confidence sits high on the scale the schema gives."""
    client = mock_client(MockAPI(), api_key="sk-tasks-structured")
    reasoned = client.responses.parse(model=MODEL, input="What is 12 * (3 + 4)?", text_format=Reasoned).output_parsed
    assert reasoned is not None
    assert reasoned.answer == "12 × (3 + 4) = 84."
    assert reasoned.reasoning.startswith("I identify what is being asked") and "**" not in reasoned.reasoning
    assert reasoned.confidence == 0.9  # not the 12 or the 3 of the question
    rated = client.responses.parse(model=MODEL, input="什么是递归？", text_format=Rated).output_parsed
    assert rated is not None
    assert rated.final_answer.startswith("递归是指函数") and rated.confidence == 90
    assert rated.steps == ["弄清楚问题问的是什么。", "逐一核对相关事实。", "给出简洁直接的回答。"]
    assert not any("mock" in value for value in (reasoned.reasoning, *rated.steps))
    # the steps of answering a question; the steps of a plan are not the mock's to know
    plan = client.responses.parse(model=MODEL, input="Plan a trip to Rome", text_format=Rated).output_parsed
    assert plan is not None and "Identify what the question asks." not in plan.steps


def test_a_long_text_is_read_only_by_the_tasks_made_for_one() -> None:
    """A request of these kinds is a sentence or two: a long question is matched sentence by sentence (short ones
    only), and as a whole only by the tasks that take a text (a summary, a sentiment), whose patterns read it once."""
    filler = "Write a function in code that reverses a string " * 40  # one sentence of about 2,000 characters
    assert "```python" not in reply_text(filler)  # too long to be this request
    assert reply_text("Count to three. " + filler) == "1, 2, 3."  # its first sentence is
    document = "The release moves to Friday. " + "QA found two blockers and both are fixed now. " * 2000
    assert reply_text("Summarize the following text: " + document) == "The release moves to Friday."


class Report(BaseModel):
    summary: str
    title: str


def test_a_full_stop_inside_a_number_ends_no_sentence() -> None:
    """One sentence splitter for the summaries of both APIs: "2.0" is a version, not the end of a sentence."""
    text = "Version 2.0 crashes on login for every user. Please roll back to 1.9 today."
    assert reply_text("Summarize the following text: " + text) == "Version 2.0 crashes on login for every user."
    client = mock_client(MockAPI(), api_key="sk-tasks-sentences")
    report = client.responses.parse(model=MODEL, input=text, text_format=Report).output_parsed
    assert report is not None
    assert report.summary == "Version 2.0 crashes on login for every user."
    assert report.title == "Version 2.0 crashes on login for every user"
