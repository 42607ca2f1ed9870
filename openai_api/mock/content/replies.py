"""The mock's words: reply text in the input's language, and one consistent token count.

Why so simple: docs readers need to see that the reply came from the input (and from the mock),
in their language, with ``usage`` numbers that add up; they do not need a language model.
Tokens are words, and each CJK character counts as one, everywhere in the mock.
"""

from __future__ import annotations

import re

__all__ = ["count_tokens", "is_chinese", "reply_text", "snippet", "tokens", "tool_answer"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}\W]+|\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def count_tokens(text: str) -> int:
    return len(tokens(text))


def is_chinese(text: str) -> bool:
    return bool(re.search(rf"[{_CJK}]", text))


def snippet(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reply_text(prompt: str, instructions: str = "", model: str = "gpt-5.4-mini", turn: int = 1) -> str:
    """A reply that quotes the input, says it is the mock's, and follows the language of the input."""
    chinese = is_chinese(prompt or instructions)
    said = snippet(prompt) or ("（空）" if chinese else "(nothing)")
    if chinese:
        text = f"这是 {model} 的模拟回复：你说的是“{said}”。"
        if instructions:
            text += f"（已遵循指示：“{snippet(instructions, 40)}”）"
        if turn > 1:
            text += f"这是我们对话的第 {turn} 轮。"
        return text
    text = f"This is a mock reply from {model}. You said: “{said}”."
    if instructions:
        text += f" (Following the instructions: “{snippet(instructions, 40)}”.)"
    if turn > 1:
        text += f" This is turn {turn} of our conversation."
    return text


def tool_answer(output: str, prompt: str = "", model: str = "gpt-5.4-mini") -> str:
    """The final answer after a function result came back: it uses that result."""
    if is_chinese(prompt or output):
        return f"这是 {model} 的模拟回复：工具返回了 {snippet(output, 160)}。"
    return f"This is a mock reply from {model}. The tool returned: {snippet(output, 160)}."
