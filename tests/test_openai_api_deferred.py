"""Results not in when their page is rendered: the page is written with placeholders, filled in at the end."""

from __future__ import annotations

import os
from pathlib import Path

from openai_api.docsite.deferred import Deferred


def test_placeholders_are_filled_in_the_pages_written_with_them(tmp_path: Path) -> None:
    deferred = Deferred()
    asked: list[str] = []

    def later(html: str) -> str:
        def make() -> str:
            asked.append(html)
            return html

        return deferred.placeholder(make)

    first = f"<p>{later('<pre>one</pre>')}</p><p>{later('<pre>two</pre>')}</p>"
    plain = "<p>nothing pending</p>"
    pages = {"a.html": first, "b.html": plain}
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        os.chmod(tmp_path / name, 0o644)
        deferred.written(tmp_path / name, text)
    assert asked == []  # nothing is computed while pages are rendered

    deferred.fill()

    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "<p><pre>one</pre></p><p><pre>two</pre></p>"
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == plain
    assert asked == ["<pre>one</pre>", "<pre>two</pre>"]
    assert (tmp_path / "a.html").stat().st_mode & 0o777 == 0o644  # a web server still reads it


def test_a_build_that_failed_leaves_nothing_to_fill_in_the_next(tmp_path: Path) -> None:
    deferred = Deferred()
    text = deferred.placeholder(lambda: "late")
    (tmp_path / "a.html").write_text(text, encoding="utf-8")
    deferred.written(tmp_path / "a.html", text)
    deferred.forget()  # the build failed
    deferred.fill()
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == text
