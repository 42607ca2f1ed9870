"""Chinese prose wrapped in the Markdown source reads without stray spaces; English and code keep their breaks."""

from __future__ import annotations

import markdown

from openai_api.docsite.cjk_breaks import join_cjk_breaks


def _html(source: str) -> str:
    return markdown.Markdown(extensions=["openai_api.docsite.cjk_breaks", "pymdownx.superfences"]).convert(source)


def test_a_line_break_inside_chinese_prose_is_dropped_not_turned_into_a_space() -> None:
    source = "结构化输出、流式事件、\n分页、带真实**错误**\n结构的报错。\n\n- 第一项\n  续行\n"
    assert _html(source) == (
        "<p>结构化输出、流式事件、分页、带真实<strong>错误</strong>结构的报错。</p>\n<ul>\n<li>第一项续行</li>\n</ul>"
    )


def test_full_width_punctuation_takes_no_space_and_english_keeps_its_own() -> None:
    html = _html("整段写完。\nResponses 和 Chat Completions\n都支持 `stream`\n，但形状不同。Words\nstay apart.")
    assert (
        html
        == "<p>整段写完。Responses 和 Chat Completions\n都支持 <code>stream</code>，但形状不同。Words\nstay apart.</p>"
    )


def test_code_blocks_keep_every_line_break() -> None:
    source = '```python\nprint("第一行")\n"第二行"\n```\n'
    html = _html(source)
    assert '"第一行"</span><span class="p">)</span>\n<span class="s2">"第二行"' in html
    kept = '<pre>第一行\n第二行</pre><script>a = "一"\n"二"</script><textarea>三\n四</textarea>'
    assert join_cjk_breaks(kept + "<p>五\n六</p>") == kept + "<p>五六</p>"
