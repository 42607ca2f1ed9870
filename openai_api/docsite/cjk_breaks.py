"""A Markdown extension (``openai_api.docsite.cjk_breaks`` in mkdocs.yml) that removes the line breaks between two
Chinese characters in a page's prose.

Why: the Chinese pages' Markdown is wrapped at a line length like the English, and Markdown turns a line break
inside a paragraph into a space. Between two English words that is the space they need; between two Chinese
characters it is a gap in the middle of a sentence ("流式事件、 分页"), which Chrome and Safari show (Firefox hides it).
A built site had 288 of them on 23 Chinese pages. Code blocks are left as written: ``pre``, ``script``, ``style``
and ``textarea`` keep every line break; an inline ``code`` span is prose's, and a break after it joins as after a
word.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

__all__ = ["CjkBreaksExtension", "join_cjk_breaks", "makeExtension"]

# Chinese, Japanese and Korean characters and their punctuation (、。，“”（）：, full-width forms).
_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef“”‘’"
_KEPT = re.compile(r"(<(?:pre|script|style|textarea)\b.*?</(?:pre|script|style|textarea)>)", re.DOTALL | re.IGNORECASE)
_PUNCTUATION = "\u3000-\u303f\uff00-\uffef“”‘’"  # full-width punctuation: no space after it in any script
_CLOSING = "，。、；：！？）」』】》”’…"  # and none before the punctuation that closes
# A line break (and the indentation after it) between two such characters, after full-width punctuation ("写完。"
# then "Responses") or before closing punctuation, inline tags on either side staying (a break between two
# blocks is no space in the text, and stays).
_INLINE = r"(?:</?(?:a|abbr|b|code|del|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|u)\b[^<>\n]*>)*"
_BREAK = re.compile(
    rf"(?:(?<=[{_CJK}])(?P<a>{_INLINE})\n[ \t]*(?P<b>{_INLINE})(?=[{_CJK}])"
    rf"|(?<=[{_PUNCTUATION}])(?P<c>{_INLINE})\n[ \t]*(?P<d>{_INLINE})(?=[^\s<])"
    rf"|(?<=[^\s>])(?P<e>{_INLINE})\n[ \t]*(?P<f>{_INLINE})(?=[{_CLOSING}]))"
)


def _joined(found: re.Match[str]) -> str:
    return "".join(found.group(name) or "" for name in "abcdef")


def join_cjk_breaks(html: str) -> str:
    """``html`` without the line breaks between two CJK characters, after full-width punctuation and before closing
    punctuation, outside code blocks."""
    parts = _KEPT.split(html)  # prose, kept block, prose, ...
    return "".join(part if index % 2 else _BREAK.sub(_joined, part) for index, part in enumerate(parts))


class _Joiner(Postprocessor):
    def run(self, text: str) -> str:
        return join_cjk_breaks(text)


class CjkBreaksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        # after the raw HTML and the escapes are put back (priorities 30 to 10), so it sees the page as it will be
        md.postprocessors.register(_Joiner(md), "openai_api_cjk_breaks", 5)


def makeExtension(**kwargs: object) -> CjkBreaksExtension:  # the name Python-Markdown looks up
    return CjkBreaksExtension(**kwargs)
