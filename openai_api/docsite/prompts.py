"""The questions the site's code asks a model: every user prompt in the cards' examples, their exercise answers
and the guides' executed blocks, read from the code without running it.

Why: the mock answers a known question from its reply bank (``openai_api/mock/data/replies.yaml``), and a test
checks that every question the site asks has an entry there, so no page shows the mock's generic fallback.
Only literal text is found (a string, a name bound to one, a loop over a list of them); a prompt computed at run
time is not, which is why the fallback exists at all.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import NamedTuple

from openai_api.core.catalog import Variant, load_catalog
from openai_api.core.i18n import LANGS
from openai_api.docsite.guides import guide_blocks, load_guides, load_pages, page_blocks

__all__ = ["Prompt", "prompts_in", "site_code", "site_prompts"]

VARIANTS: tuple[Variant, ...] = ("sync", "async")
_FENCE = re.compile(r"```python\n(?P<code>.*?)\n```", re.S)


class Prompt(NamedTuple):
    """A question and where it is asked (``examples/chat/sync.py``, ``guide multi-turn/branching``...)."""

    text: str
    where: str


def site_code() -> Iterator[tuple[str, str]]:
    """(where, code) of every piece of code the site runs: examples, exercise answers in both languages, guides."""
    catalog = load_catalog()
    for feature in catalog.features:
        for variant in VARIANTS:
            for lang in LANGS:  # each language's file (the default one where a language has none of its own)
                path = catalog.example_path(feature, variant, lang)
                yield path.relative_to(catalog.root).as_posix(), catalog.example_code(feature, variant, lang)
        exercises = feature.exercises
        for kind in ("understand", "hands_on"):
            exercise = getattr(exercises, kind, None) if exercises is not None else None
            if exercise is None:
                continue
            for lang in ("zh", "en"):
                for n, match in enumerate(_FENCE.finditer(getattr(exercise.answer, lang))):
                    yield f"features.yaml {feature.id} {kind} answer {lang} #{n}", match["code"]
    for guide in load_guides():
        for lang in LANGS:
            for block in guide_blocks(guide, lang):
                yield f"guide {guide.slug}.{lang}/{block.name}", block.code
    for page in load_pages():  # the learner's pages: each language runs its own blocks
        for lang in LANGS:
            for block in page_blocks(page, lang):
                yield f"page {page.stem}.{lang}/{block.name}", block.code


def site_prompts() -> list[Prompt]:
    """Every prompt the site's code sends, in the order the code is read, duplicates kept (one per place)."""
    return [Prompt(text, where) for where, code in site_code() for text in prompts_in(code)]


def prompts_in(code: str) -> list[str]:
    """The user prompts in one piece of code (see the module's docstring for what is found)."""
    tree = ast.parse(code)
    names = _bindings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            chain = _chain(node.func)
            for keyword in node.keywords:
                if (
                    keyword.arg == "input"
                    and chain[-1:] in (["create"], ["parse"], ["stream"])
                    and "responses" in chain
                ) or (keyword.arg == "prompt" and "completions" in chain and "chat" not in chain):
                    found += _strings(keyword.value, names)
        elif isinstance(node, ast.Dict):
            fields = _fields(node)
            if _constant(fields.get("role")) == "user" and "content" in fields:
                found += _strings(fields["content"], names)
            if _constant(fields.get("type")) == "input_text" and "text" in fields:
                found += _strings(fields["text"], names)
    return [text for text in dict.fromkeys(found) if text.strip()]


def _fields(node: ast.Dict) -> dict[object, ast.expr]:
    """A dict literal's entries whose keys are constants."""
    return {k.value: v for k, v in zip(node.keys, node.values, strict=True) if isinstance(k, ast.Constant)}


def _constant(node: ast.expr | None) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _chain(node: ast.expr) -> list[str]:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return list(reversed(parts))


def _bindings(tree: ast.AST) -> dict[str, ast.expr]:
    """Names bound to one expression (``question = "..."``) or looped over a literal (``for q in [...]``)."""
    names: dict[str, ast.expr] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node.value
        elif isinstance(node, ast.For | ast.comprehension) and isinstance(node.target, ast.Name):
            names[node.target.id] = node.iter
        elif isinstance(node, ast.For | ast.comprehension) and isinstance(node.target, ast.Tuple):
            # for name, question in [("a", "..."), ...]: each element of the tuples
            names.update({t.id: node.iter for t in node.target.elts if isinstance(t, ast.Name)})
    return names


def _strings(node: ast.expr, names: dict[str, ast.expr], depth: int = 0) -> list[str]:
    """The text a prompt expression can hold: strings, in lists, tuples, dicts' text parts, through names."""
    if depth > 6:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name) and node.id in names:
        return _strings(names[node.id], names, depth + 1)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [text for element in node.elts for text in _strings(element, names, depth + 1)]
    if isinstance(node, ast.Dict):  # a message ({"role": "user", "content": ...}) or a part ({"text": ...})
        fields = _fields(node)
        if _constant(fields.get("role")) not in (None, "user") or "image" in str(_constant(fields.get("type"))):
            return []
        part = fields.get("text", fields.get("content"))
        return _strings(part, names, depth + 1) if part is not None else []
    if isinstance(node, ast.Subscript):
        return _strings(node.value, names, depth + 1)
    return []
