"""English that is English, Chinese that is Chinese: each language's code is the same program with its strings
translated, the English texts of the catalog and the guides carry no Chinese, and the Chinese pages' code sends,
prints and comments in Chinese.

The comparison parses both programs and masks every string constant (f-string pieces included) before comparing
the ASTs, so a translation may change any text but never a call, an argument, a name or the control flow. The
built site's English pages are checked in `test_openai_api_docs_build.py`, on the build that file makes anyway.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import program_shape

from openai_api.core.catalog import CATALOG_FILE, VARIANTS, Feature, Variant, load_catalog
from openai_api.docsite.guides import GUIDES_FILE, GuideBlock, guide_blocks, load_guides, load_pages, page_blocks

CATALOG = load_catalog()
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
CARDS: list[tuple[Feature, Variant]] = [(feature, variant) for feature in CATALOG.features for variant in VARIANTS]


# Three English words in a row (a sentence, a phrase), or a printed label ending in an ASCII colon ("query:"; a
# Chinese label ends in "："): not an identifier, a model name, a path or an event type on its own.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,’']+[A-Za-z]+){2,}|[A-Za-z][^\n]*:\s*[\"']{1,3}$")


def _english_prose(code: str) -> list[str]:
    """The comments and string constants of a program that are English prose: what a reader of a Chinese page would
    see in English in the code, or in the output of the prompts and labels the code sends and prints."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type in (tokenize.COMMENT, tokenize.STRING) and not CJK.search(token.string):
            found += [f"line {token.start[0]}: {token.string.strip()}"] if ENGLISH_WORDS.search(token.string) else []
    return found


def _chinese_side() -> list[tuple[str, str]]:
    """Every program a Chinese page runs: the cards' examples, the guides' blocks and the learner pages' blocks."""
    programs = [(f"{feature.id}/{variant}", CATALOG.example_code(feature, variant, "zh")) for feature, variant in CARDS]
    programs += [(f"{g.slug}#{b.name}", b.code) for g in load_guides() for b in guide_blocks(g, "zh")]
    programs += [(f"{p.stem}#{b.name}", b.code) for p in load_pages() for b in page_blocks(p, "zh")]
    return programs


def _cjk_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if CJK.search(line)]


def test_the_mask_hides_strings_and_nothing_else() -> None:
    """The comparison itself: translated strings (plain and f-string pieces) match, any code change does not."""
    chinese = 'print("你好", f"第 {n} 条")\nclient.create(model="m", input="问题")\n'
    assert program_shape(chinese) == program_shape(
        'print("Hello", f"Item {n} of")\nclient.create(model="x", input="Q")\n'
    )
    assert program_shape(chinese) != program_shape('print("Hello", f"Item {n}")\nclient.create(model="m", input="Q")\n')
    assert program_shape(chinese) != program_shape('print("Hello", f"{n} of")\nclient.create(model="m", prompt="Q")\n')
    assert program_shape("x = 1") != program_shape("x = 2")


@pytest.mark.parametrize(("feature", "variant"), CARDS, ids=lambda v: v if isinstance(v, str) else v.id)
def test_a_card_example_is_one_program_in_both_languages(feature: Feature, variant: Variant) -> None:
    zh, en = CATALOG.example_code(feature, variant, "zh"), CATALOG.example_code(feature, variant, "en")
    localized = CATALOG.example_path(feature, variant, "en")
    assert program_shape(zh) == program_shape(en), f"{localized} is not the same program as its Chinese file"
    assert not _cjk_lines(en), f"{localized}: Chinese on the English page: {_cjk_lines(en)}"
    if localized == CATALOG.example_path(feature, variant, "zh"):
        assert not _cjk_lines(zh), f"{localized} has Chinese text but no English copy beside it (.en.py)"


def test_every_english_copy_belongs_to_a_catalog_example() -> None:
    """A stray `sync.en.py` (a renamed folder, a typo) would never be shown; every copy must be one the pages use."""
    used = {CATALOG.example_path(feature, variant, "en") for feature, variant in CARDS}
    copies = set(CATALOG.root.glob("examples/*/*.en.py"))
    assert copies, "no English example copies found"
    assert copies <= used, sorted(str(path) for path in copies - used)


def _pairs() -> list[tuple[str, GuideBlock, GuideBlock]]:
    pairs = []
    for guide in load_guides():
        zh = {block.name: block for block in guide_blocks(guide, "zh")}
        en = {block.name: block for block in guide_blocks(guide, "en")}
        assert list(zh) == list(en), f"guide {guide.slug!r}: blocks differ between languages: {list(zh)} vs {list(en)}"
        pairs += [(guide.slug, zh[name], en[name]) for name in zh]
    return pairs


@pytest.mark.parametrize(("slug", "zh", "en"), _pairs(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_a_guide_block_is_one_program_in_both_languages(slug: str, zh: GuideBlock, en: GuideBlock) -> None:
    assert zh.side_effect == en.side_effect, f"guide {slug!r} block {zh.name!r}: side_effect differs"
    assert program_shape(zh.code) == program_shape(en.code), (
        f"guide {slug!r} block {zh.name!r}: the English block is not the same program as the Chinese one"
    )
    assert not _cjk_lines(en.code), f"guide {slug!r} block {zh.name!r}: Chinese in English code: {_cjk_lines(en.code)}"


def _english_texts(node: Any, where: str) -> list[tuple[str, str]]:
    """Every `en:` text of a YAML tree, with where it sits (feature id and field)."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en" and isinstance(value, str):
                found.append((where, value))
            else:
                label = f"{where}[{value['id']}]" if isinstance(value, dict) and "id" in value else f"{where}.{key}"
                found += _english_texts(value, label)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = f"{where}[{value['id']}]" if isinstance(value, dict) and "id" in value else f"{where}[{index}]"
            found += _english_texts(value, label)
    return found


@pytest.mark.parametrize("path", [CATALOG_FILE, GUIDES_FILE], ids=lambda p: Path(p).name)
def test_no_english_text_of_the_catalog_or_the_guides_list_has_chinese(path: Path) -> None:
    """Titles, purposes, parameters and the exercises' questions and answers (code included) in English."""
    texts = _english_texts(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert len(texts) > 10
    offending = [f"{where}: {line}" for where, text in texts for line in _cjk_lines(text)]
    assert not offending, "\n".join(offending)


def test_the_chinese_check_sees_chinese_punctuation_and_han() -> None:
    assert _cjk_lines("ok\n“巴黎”\nfine，\nplain") == ["“巴黎”", "fine，"]


@pytest.mark.parametrize(("where", "code"), _chinese_side(), ids=lambda v: v if "\n" not in v else "")
def test_a_chinese_page_sends_prints_and_comments_in_chinese(where: str, code: str) -> None:
    assert not _english_prose(code), f"{where}: English on a Chinese page: {_english_prose(code)}"


def test_the_english_prose_check_sees_sentences_and_labels_but_not_names() -> None:
    code = (
        'client.responses.create(model="gpt-5.4-mini", input="What is new about otters?")  # ask the model\n'
        'print("output items:", [i.type for i in r.output], "response.output_text.delta", "text/event-stream")\n'
        'print("输出项：", f"{n} of {total}")  # 问模型\n'
    )
    assert _english_prose(code) == [
        'line 1: "What is new about otters?"',
        "line 1: # ask the model",
        'line 2: "output items:"',
    ]
    labels = _english_prose('print("query: ", q, "finish_reason：", r, "id:" + x)')
    assert labels == ['line 1: "query: "', 'line 1: "id:"']
