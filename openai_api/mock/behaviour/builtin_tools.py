"""Responses built-in tools: web search, file search, code interpreter and image generation.

Why fabricated but shaped like the real thing: the mock has no internet, no sandbox and no image
model, yet readers must see the output items the real API returns (a ``*_call`` item before the
message, citations in the message's annotations). So web search invents results on
``mock-search.example.com`` and says so; file search really searches the text of the files in the
named vector stores (word overlap, per paragraph); the code interpreter runs only a small arithmetic
expression found in the prompt (else it counts the prompt's words); image generation returns a real
picture drawn from the prompt, in the tool's ``output_format`` (PNG unless WebP, JPEG, GIF or SVG is asked for).
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any
from urllib.parse import quote

from openai_api.mock.content.arithmetic import value_of
from openai_api.mock.content.images import dimensions, gif_timing, image_bytes, resolved_background
from openai_api.mock.content.replies import is_chinese, snippet, tokens
from openai_api.mock.handler_call import Call

__all__ = ["BUILTIN_TYPES", "builtin_tools", "run_tools", "search_vector_stores"]

BUILTIN_TYPES = {
    "web_search": "web_search",
    "web_search_preview": "web_search",
    "web_search_2025_08_26": "web_search",
    "web_search_preview_2025_03_11": "web_search",
    "file_search": "file_search",
    "code_interpreter": "code_interpreter",
    "image_generation": "image_generation",
}
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "please",
        "tell",
        "the",
        "this",
        "to",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
        "about",
        "find",
        "search",
        "look",
        "up",
    ]
)
_SEARCH_HOST = "https://search.example.com"  # example.com: made-up results link nowhere real
# What each made-up source is, in the words of the question's language: a title reads "<query> (latest report)",
# "<query>（最新报道）".
_SOURCE_KINDS = {False: ("latest report", "background"), True: ("最新报道", "背景资料")}
_CLOSING = "。！？.!?"  # a quotation that already ends its sentence takes no full stop after it


def builtin_tools(call: Call) -> list[dict[str, Any]]:
    """The request's built-in tools the model will use, honouring a ``tool_choice`` naming one."""
    tools = [
        dict(t, type=BUILTIN_TYPES[t["type"]])
        for t in call.body.get("tools") or []
        if isinstance(t, dict) and t.get("type") in BUILTIN_TYPES
    ]
    choice = call.body.get("tool_choice")
    if choice == "none":
        return []
    if isinstance(choice, dict) and choice.get("type") in BUILTIN_TYPES:
        wanted = BUILTIN_TYPES[str(choice["type"])]
        return [t for t in tools if t["type"] == wanted][:1]
    return tools


def _query(prompt: str) -> str:
    return " ".join(prompt.split()).rstrip("?？。.!！") or "mock search"


def _included(call: Call, name: str) -> bool:
    include = call.body.get("include")
    return isinstance(include, list) and name in include


def run_tools(call: Call, prompt: str, tools: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The ``*_call`` output items, and the message (text and annotations) that follows them."""
    chinese = is_chinese(prompt)
    items: list[dict[str, Any]] = []
    parts: list[tuple[str, list[dict[str, Any]]]] = []  # message sentences and their annotations
    for tool in tools:
        kind = tool["type"]
        if kind == "web_search":
            item, part = _web_search(call, prompt, chinese)
        elif kind == "file_search":
            item, part = _file_search(call, prompt, tool, chinese)
        elif kind == "code_interpreter":
            item, part = _code_interpreter(call, prompt, tool, chinese)
        else:
            item, part = _image_generation(call, prompt, tool, chinese)
        items.append(item)
        parts.append(part)
    text = ""
    annotations: list[dict[str, Any]] = []
    for sentence, notes in parts:
        if text:
            text += "" if chinese else " "
        offset = len(text)
        text += sentence
        for note in notes:
            shifted = dict(note)
            for field in ("start_index", "end_index", "index"):
                if field in shifted:
                    shifted[field] += offset
            annotations.append(shifted)
    return items, {"text": text, "annotations": annotations}


def _web_search(call: Call, prompt: str, chinese: bool) -> tuple[dict[str, Any], tuple[str, list[dict[str, Any]]]]:
    query = _query(prompt)
    # A page's address names it by its first words in English; a Chinese question's would be a wall of percent-escapes
    # in the output, so its pages have an article number instead, as many Chinese sites' addresses do.
    if chinese:
        slug = f"article-{hashlib.sha256(query.encode()).hexdigest()[:10]}"
    else:
        slug = quote("-".join(w.lower() for w in tokens(query)[:6]) or "mock")
    title = "{}（{}）" if chinese else "{} ({})"
    sources = [
        {"url": f"{_SEARCH_HOST}/result-{n}/{slug}", "title": title.format(snippet(query, 50), kind)}
        for n, kind in enumerate(_SOURCE_KINDS[chinese], start=1)
    ]
    action: dict[str, Any] = {"type": "search", "query": query}
    if _included(call, "web_search_call.action.sources"):
        action["sources"] = [{"type": "url", "url": s["url"]} for s in sources]
    item = {"id": call.synth.new_id("ws_"), "type": "web_search_call", "status": "completed", "action": action}
    if chinese:
        sentence = "我找到两篇相关的来源：一篇是最新的报道，另一篇给出了背景资料"
    else:
        sentence = "I found two relevant sources: a recent report and a background article"
    notes = []
    for source in sources:
        cite = f" ([{_SEARCH_HOST.removeprefix('https://')}]({source['url']}))"
        notes.append(
            {
                "type": "url_citation",
                "start_index": len(sentence) + 1,
                "end_index": len(sentence) + len(cite),
                "url": source["url"],
                "title": source["title"],
            }
        )
        sentence += cite
    return item, (sentence + ("。" if chinese else "."), notes)


def _words(text: str) -> set[str]:
    return {w.lower() for w in tokens(text) if w.lower() not in _STOP}


def _chunks(text: str) -> list[str]:
    """Paragraphs of a file (long ones cut into pieces of ~80 words)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        words = para.split()
        for start in range(0, len(words), 80):
            out.append(" ".join(words[start : start + 80]))
    return [c for c in out if c]


def search_vector_stores(call: Call, store_ids: list[str], query: str, limit: int = 10) -> list[dict[str, Any]]:
    """Chunks of the stores' files ranked by the share of the query's words they contain (best first)."""
    wanted = _words(query)
    found: list[dict[str, Any]] = []
    for store_id in store_ids:
        for entry in call.store.list(f"/vector_stores/{store_id}/files"):
            file_id = str(entry.get("id") or entry.get("file_id") or "")
            blob = call.store.blobs.get(file_id)
            if blob is None:
                continue
            meta = call.store.get("/files", file_id) or {}
            for chunk in _chunks(blob.decode("utf-8", "replace")):
                have = _words(chunk)
                score = len(wanted & have) / len(wanted) if wanted else 0.0
                if score > 0:
                    found.append(
                        {
                            "file_id": file_id,
                            "filename": str(meta.get("filename") or f"{file_id}.txt"),
                            "score": round(min(0.99, 0.3 + 0.69 * score), 4),
                            "text": chunk,
                            "attributes": entry.get("attributes") or {},
                        }
                    )
    found.sort(key=lambda r: -r["score"])
    return found[:limit]


def _file_search(
    call: Call, prompt: str, tool: dict[str, Any], chinese: bool
) -> tuple[dict[str, Any], tuple[str, list[dict[str, Any]]]]:
    query = _query(prompt)
    ids = [str(i) for i in tool.get("vector_store_ids") or []]
    limit = int(tool.get("max_num_results") or 10)
    results = search_vector_stores(call, ids, query, limit)
    item: dict[str, Any] = {
        "id": call.synth.new_id("fs_"),
        "type": "file_search_call",
        "status": "completed",
        "queries": [query],
        "results": results if _included(call, "file_search_call.results") else None,
    }
    if not results:
        sentence = "在你的文件中没有找到相关内容。" if chinese else "I found nothing about this in your files."
        return item, (sentence, [])
    best = results[0]
    quote_text = snippet(best["text"], 120)
    sentence = f"根据你的文件：“{quote_text}”" if chinese else f"According to your files: “{quote_text}”"
    cited: dict[str, str] = {}
    for result in results:
        cited.setdefault(result["file_id"], result["filename"])
    notes = [
        {"type": "file_citation", "file_id": fid, "filename": name, "index": len(sentence)}
        for fid, name in cited.items()
    ]
    return item, (sentence + ("。" if chinese and not quote_text.endswith(tuple(_CLOSING)) else ""), notes)


def _program(prompt: str) -> tuple[str, str]:
    """Code for the prompt and what it prints: an arithmetic expression in it, else a word count."""
    for candidate in re.findall(r"[\d.()][\d.\s()+\-*/%^]*[\d)]", prompt.replace("×", "*").replace("÷", "/")):
        expression = " ".join(candidate.replace("^", "**").split())
        try:
            value = value_of(expression)
        except ValueError:
            continue
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        return f"result = {expression}\nprint(result)", f"{shown}\n"
    text = " ".join(prompt.split())[:200]
    words = len(tokens(text))
    return f"text = {text!r}\nwords = len(text.split())\nprint(words)", f"{words}\n"


def _code_interpreter(
    call: Call, prompt: str, tool: dict[str, Any], chinese: bool
) -> tuple[dict[str, Any], tuple[str, list[dict[str, Any]]]]:
    container = tool.get("container")
    container_id = container if isinstance(container, str) and container else call.synth.new_id("cntr_")
    code, logs = _program(prompt)
    item = {
        "id": call.synth.new_id("ci_"),
        "type": "code_interpreter_call",
        "status": "completed",
        "code": code,
        "container_id": container_id,
        "outputs": [{"type": "logs", "logs": logs}] if _included(call, "code_interpreter_call.outputs") else None,
    }
    result = logs.strip()
    sentence = f"代码运行的结果是 {result}。" if chinese else f"I ran the code: the result is {result}."
    return item, (sentence, [])


def _image_generation(
    call: Call, prompt: str, tool: dict[str, Any], chinese: bool
) -> tuple[dict[str, Any], tuple[str, list[dict[str, Any]]]]:
    size = str(tool.get("size") or "auto")
    size = "1024x1024" if size == "auto" else size
    width, height = dimensions(size)
    quality = str(tool.get("quality") or "auto")
    output_format = str(tool.get("output_format") or "png")
    background = resolved_background(tool.get("background"), output_format)
    item = {
        "id": call.synth.new_id("ig_"),
        "type": "image_generation_call",
        "status": "completed",
        "action": "generate",
        "background": background,
        "output_format": output_format,
        "quality": "medium" if quality == "auto" else quality,
        "size": size,
        "revised_prompt": prompt,
        "result": base64.b64encode(image_bytes(prompt, width, height, output_format, *gif_timing(tool))).decode(),
    }
    sentence = "图片已经生成好了。" if chinese else "Here is the image you asked for."
    return item, (sentence, [])
