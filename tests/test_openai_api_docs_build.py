"""The site as MkDocs builds it: executed examples, status.json, strict mode, execution off, live mode, cache."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import openai
import pytest
from conftest import Builder, build_site

from openai_api.core.catalog import CATALOG_FILE, ROOT, load_catalog
from openai_api.core.i18n import LANGS, Lang
from openai_api.docsite.guides import guide_blocks, load_guides, load_pages, page_blocks
from openai_api.docsite.render import breakable, labelled, ui
from openai_api.mock.adapters.asgi import create_app
from openai_api.mock.adapters.server import running_app, running_server
from openai_api.sdk.surface import derive_methods

CATALOG = load_catalog()
HIGH = {feature.id for feature in CATALOG.features if feature.side_effect == "high"}


def status_of(site: Path) -> dict[str, Any]:
    return json.loads((site / "status.json").read_text(encoding="utf-8"))


def results_on(page: Path) -> dict[str, str]:
    """variant -> status, read from the executed-output blocks of a built page."""
    found = re.findall(r'data-variant="(\w+)" data-status="(\w+)"', page.read_text(encoding="utf-8"))
    return dict(found)


@pytest.fixture(scope="module")
def mock_site(
    tmp_path_factory: pytest.TempPathFactory, site_build: Builder
) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    tmp_path = tmp_path_factory.mktemp("mock-build")
    process, site = site_build(tmp_path, "site", OPENAI_API_DOCS_STRICT="1")
    return process, site, tmp_path


def test_strict_mock_build_passes_and_every_example_is_ok(mock_site: Any) -> None:
    process, site, _ = mock_site
    assert process.returncode == 0, process.stderr[-3000:]
    status = status_of(site)
    assert status["target"] == "mock" and status["sdk_version"] == openai.__version__
    assert len(status["examples"]) >= 4 * len(CATALOG.features)
    seen = {(r["feature"], r["variant"], r["lang"]): r for r in status["examples"] if r["target"] == "mock"}
    for feature in CATALOG.features:
        for variant in ("sync", "async"):
            for lang in LANGS:
                record = seen[(feature.id, variant, lang)]
                assert record["status"] == "ok", record
                assert record["target"] == "mock" and record["elapsed_ms"] >= 0
    guides = [r for r in status["examples"] if r["variant"] == "guide"]
    for lang in LANGS:
        expected = sum(len(guide_blocks(guide, lang)) for guide in load_guides())
        expected += sum(len(page_blocks(page, lang)) for page in load_pages())  # the start and troubleshooting pages
        assert len([r for r in guides if r["lang"] == lang]) == expected, lang
    assert all(r["status"] == "ok" for r in guides), [r for r in guides if r["status"] != "ok"]


def test_feature_pages_show_code_output_status_and_target(mock_site: Any) -> None:
    _, site, _ = mock_site
    for feature in CATALOG.features:
        page = site / "features" / feature.id / "index.html"
        assert results_on(page) == {"sync": "ok", "async": "ok"}, feature.id
        text = page.read_text(encoding="utf-8")
        assert text.count('class="oa-output"') == 2
        assert "同步" in text and "异步" in text
        assert "目标：mock" in text and "副作用：" in text  # a Chinese label takes the full-width colon
        shown = html.unescape(re.sub(r"<[^>]+>", "", text))
        assert not re.search(r"(目标|副作用|错误|验证): ", shown)
        english = (site / "en" / "features" / feature.id / "index.html").read_text(encoding="utf-8")
        shown_en = html.unescape(re.sub(r"<[^>]+>", "", english))
        for param in feature.core_params:  # a core parameter's name, then its explanation after the language's colon
            assert f"<code>{param.name}</code>：" in text, param.name
            assert f"<code>{param.name}</code>: " in english, param.name
        for variant in ("sync", "async"):
            for line in CATALOG.example_code(feature, variant).splitlines():
                assert line.strip() in shown, f"{feature.id}/{variant}: code line not shown: {line!r}"
            for line in CATALOG.example_code(feature, variant, "en").splitlines():
                assert line.strip() in shown_en, f"{feature.id}/{variant}: English code line not shown: {line!r}"


def test_catalog_page_lists_the_whole_catalog_with_statuses(mock_site: Any) -> None:
    _, site, _ = mock_site
    for folder in (site, site / "en"):
        catalog = (folder / "catalog" / "index.html").read_text(encoding="utf-8")
        for feature in CATALOG.features:
            assert f"<code>{breakable(feature.id)}</code>" in catalog
            assert f"<code>{breakable(feature.surface)}</code>" in catalog
            assert f'<a href="../features/{feature.id}/">' in catalog
        assert catalog.count('class="oa-status oa-status--ok"') == 2 * len(CATALOG.features)


def test_start_and_troubleshooting_pages_run_their_blocks_in_their_own_language(mock_site: Any) -> None:
    """The learner's pages are hand-written per language: each language's blocks ran (all `ok`), the Chinese
    page's replies quote its Chinese prompts, the English page's its English ones, and the start page links the
    catalog and troubleshooting in its own language."""
    _, site, _ = mock_site
    cjk = re.compile(r"[\u4e00-\u9fff]")
    expected = {"index": 3, "troubleshooting": 7}
    for page, count in expected.items():
        for folder, lang in ((site, "zh"), (site / "en", "en")):
            path = folder / (f"{page}/index.html" if page != "index" else "index.html")
            text = path.read_text(encoding="utf-8")
            statuses = re.findall(r'data-variant="guide" data-status="(\w+)"', text)
            assert statuses == ["ok"] * count, (path, statuses)
            outputs = " ".join(
                html.unescape(o) for o in re.findall(r'<pre class="oa-output"><code>(.*?)</code>', text, re.S)
            )
            assert bool(cjk.search(outputs)) == (lang == "zh"), (path, outputs[:300])
    start = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="catalog/"' in start and 'href="troubleshooting/"' in start
    for page in (html.unescape(start), html.unescape((site / "index.html").read_text(encoding="utf-8"))):
        assert "You said" not in page and "你说的是" not in page  # answers, not echoes of the question


CACHE_MARK = re.compile(r' <span class="oa-cached">[^<]*</span>')


def test_unchanged_rebuild_executes_nothing_and_shows_the_same_pages(mock_site: Any, site_build: Builder) -> None:
    """The first build may have written its pages before their results were in (`docsite.deferred`); the
    rebuild has every result at once. The pages differ only by the rebuild's "cached result" notes."""
    _, first, tmp_path = mock_site
    process, site = site_build(tmp_path, "again")
    assert process.returncode == 0, process.stderr[-3000:]
    assert re.search(r"\d+ examples: 0 executed", process.stderr), process.stderr[-2000:]
    assert all(record["cached"] for record in status_of(site)["examples"])
    # Every page's search entries are those the first build kept, placeholders or not: no Chinese text is cut again.
    assert "jieba's dictionary" not in process.stderr, process.stderr[-2000:]
    pages = sorted(first.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        again = (site / page.relative_to(first)).read_text(encoding="utf-8")
        assert CACHE_MARK.sub("", again) == CACHE_MARK.sub("", page.read_text(encoding="utf-8")), page
    index = "search/search_index.json"
    assert (site / index).read_bytes() == (first / index).read_bytes()
    assert "openai-api: " not in "".join(page.read_text(encoding="utf-8") for page in pages)  # no placeholder left


def test_execution_off_shows_code_and_runs_nothing(tmp_path: Path, site_build: Builder) -> None:
    process, site = site_build(tmp_path, "site", OPENAI_API_DOCS_EXEC="0")
    assert process.returncode == 0, process.stderr[-3000:]
    status = status_of(site)
    assert status["executed"] is False and status["examples"] == []
    page = (site / "features" / "responses" / "index.html").read_text(encoding="utf-8")
    assert "responses" in page and "oa-output" not in page and "OPENAI_API_DOCS_EXEC=0" in page


def test_a_rebuild_with_unchanged_pages_reuses_their_search_entries_and_code(tmp_path: Path) -> None:
    """The search entries, the executed blocks' highlighted code, the pages' converted Markdown and the theme's HTML
    around them are kept beside the results: the second build neither converts a page, nor renders the theme around
    one, nor parses one for the index, nor loads jieba's dictionary (the build's log says when it does), and writes
    the very same index and pages."""
    cache = tmp_path / "cache"
    first, site = build_site(tmp_path, "first", cache=cache, OPENAI_API_DOCS_EXEC="0")
    second, again = build_site(tmp_path, "second", cache=cache, OPENAI_API_DOCS_EXEC="0")
    assert first.returncode == 0 and second.returncode == 0, second.stderr[-3000:]
    assert "jieba's dictionary for the search index loaded" in first.stderr
    assert "jieba's dictionary" not in second.stderr
    converted = re.search(r"pages: (\d+) converted from Markdown, (\d+) kept", first.stderr)
    assert converted is not None and int(converted.group(1)) > 100 and converted.group(2) == "0", first.stderr[-2000:]
    assert f"pages: 0 converted from Markdown, {converted.group(1)} kept" in second.stderr, second.stderr[-2000:]
    themed = f"theme around them: {converted.group(1)} rendered, 0 kept"  # though written to another folder
    assert themed in first.stderr and f"theme around them: 0 rendered, {converted.group(1)} kept" in second.stderr
    index = (site / "search" / "search_index.json").read_bytes()
    assert index == (again / "search" / "search_index.json").read_bytes()
    assert '"location":"guides/pagination/"' in index.decode()
    for page in ("guides/pagination/index.html", "en/features/responses/index.html", "index.html"):
        assert (site / page).read_bytes() == (again / page).read_bytes(), page
    assert len(list((cache / "render").glob("code-*.json"))) == 1
    assert len(list((cache / "render").glob("pages-*.json"))) == 1
    assert len(list((cache / "render").glob("templates-*.json"))) == 1


@pytest.fixture
def broken_catalog(tmp_path: Path) -> Path:
    """A copy of the catalog whose `models` sync example fails after printing."""
    shutil.copy(CATALOG_FILE, tmp_path / "features.yaml")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    example = tmp_path / "examples" / "models" / "sync.py"
    example.write_text(example.read_text(encoding="utf-8") + '\nraise RuntimeError("boom from the test")\n')
    return tmp_path / "features.yaml"


def test_a_failing_example_is_shown_and_does_not_abort_the_build(
    tmp_path: Path, broken_catalog: Path, site_build: Builder
) -> None:
    process, site = site_build(tmp_path, "site", OPENAI_API_CATALOG=str(broken_catalog))
    assert process.returncode == 0, process.stderr[-3000:]
    page = site / "features" / "models" / "index.html"
    assert results_on(page) == {"sync": "unknown_error", "async": "ok"}
    assert "RuntimeError: boom from the test" in page.read_text(encoding="utf-8")


def test_strict_mode_fails_naming_feature_and_variant(
    tmp_path: Path, broken_catalog: Path, site_build: Builder
) -> None:
    process, _ = site_build(tmp_path, "site", OPENAI_API_CATALOG=str(broken_catalog), OPENAI_API_DOCS_STRICT="1")
    assert process.returncode != 0
    assert "feature 'models' variant 'sync': unknown_error: RuntimeError: boom from the test" in process.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("OPENAI_API_DOCS_TARGET", "production", "OPENAI_API_DOCS_TARGET: expected 'mock' or 'live', got 'production'"),
        ("OPENAI_API_DOCS_WORKERS", "0", "OPENAI_API_DOCS_WORKERS: expected a whole number from 1 to 16, got '0'"),
        ("OPENAI_API_DOCS_STRICT", "maybe", "OPENAI_API_DOCS_STRICT: expected y/n"),
    ],
)
def test_a_bad_build_setting_is_a_clear_error(
    tmp_path: Path, name: str, value: str, message: str, site_build: Builder
) -> None:
    process, _ = site_build(tmp_path, "site", **{name: value})
    assert process.returncode != 0
    assert message in process.stderr
    assert "Traceback" not in process.stderr


def test_live_build_against_a_real_local_server(tmp_path: Path, site_build: Builder) -> None:
    key, admin_key = "sk-live-test-0123456789abcdef", "sk-admin-live-test-fedcba9876"
    with running_server(profile="openai") as base_url:
        process, site = site_build(
            tmp_path,
            "site",
            OPENAI_API_DOCS_TARGET="live",
            OPENAI_API_KEY=key,
            OPENAI_ADMIN_KEY=admin_key,
            OPENAI_BASE_URL=base_url,
        )
    assert process.returncode == 0, process.stderr[-3000:]
    status = status_of(site)
    assert status["target"] == "openai" and status["target_kind"] == "live"
    # Surface calls and the matrix's DeepSeek column always run on the mock; the examples ran live.
    examples = [r for r in status["examples"] if r["target"] == "openai" and r["variant"] in ("sync", "async")]
    assert len(examples) == 2 * len(LANGS) * len(CATALOG.features)
    for record in examples:
        expected = "skipped_by_policy" if record["feature"] in HIGH else "ok"
        assert record["status"] == expected, record
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".js", ".xml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert key[:5] not in text and admin_key[:13] not in text, path


def test_an_unchanged_live_rebuild_makes_no_api_call(tmp_path: Path, site_build: Builder) -> None:
    """A maintainer's `mkdocs serve` reload against a paid API must cost nothing: results come from the cache."""
    calls: list[str] = []
    mock = create_app("openai")

    async def counting(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            calls.append(scope["path"])
        await mock(scope, receive, send)

    key = "sk-live-cache-test-5566778899"
    env = {"OPENAI_API_DOCS_TARGET": "live", "OPENAI_API_KEY": key, "OPENAI_ADMIN_KEY": "sk-admin-cache-test-12345"}
    with running_app(counting) as base_url:
        first, _ = site_build(tmp_path, "first", OPENAI_BASE_URL=base_url, **env)
        calls_after_first = len(calls)
        second, site = site_build(tmp_path, "second", OPENAI_BASE_URL=base_url, **env)
        calls_after_second = len(calls)
    assert first.returncode == 0 and second.returncode == 0, second.stderr[-3000:]
    assert calls_after_first > 0
    assert calls_after_second == calls_after_first
    records = status_of(site)["examples"]
    assert records and all(record["cached"] for record in records)
    page = (site / "features" / "chat" / "index.html").read_text(encoding="utf-8")
    assert "缓存结果，记录于" in page


class _Resources(HTMLParser):
    """Collects the URLs a page loads by itself: scripts, stylesheets, fonts, icons, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video"} and values.get("src"):
            self.urls.append(values["src"] or "")
        if tag == "link" and values.get("href") and values.get("rel") not in {"canonical", "alternate"}:
            self.urls.append(values["href"] or "")


def test_no_page_loads_anything_from_another_host(mock_site: Any) -> None:
    _, site, _ = mock_site
    pages = list(site.rglob("*.html"))
    assert len(pages) > len(CATALOG.features)
    for page in pages:
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [url for url in parser.urls if urlsplit(url).netloc or url.startswith("//")]
        assert external == [], (page.relative_to(site), external)
    for stylesheet in site.rglob("*.css"):
        assert "fonts.googleapis" not in stylesheet.read_text(encoding="utf-8"), stylesheet


def test_the_resource_check_sees_external_scripts_styles_and_fonts() -> None:
    parser = _Resources()
    parser.feed(
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//fonts.example/f.css">'
        '<link rel="preload" href="assets/font.woff2"><a href="https://example.com/">a link is not a resource</a>'
    )
    assert parser.urls == ["https://cdn.example/x.js", "//fonts.example/f.css", "assets/font.woff2"]


def test_every_page_exists_in_both_languages_with_a_switcher(mock_site: Any) -> None:
    _, site, _ = mock_site
    for feature in CATALOG.features:
        zh = (site / "features" / feature.id / "index.html").read_text(encoding="utf-8")
        en = (site / "en" / "features" / feature.id / "index.html").read_text(encoding="utf-8")
        assert '<html lang="zh"' in zh and '<html lang="en"' in en
        assert feature.title.zh in zh and feature.title.en in en
        assert results_on(site / "en" / "features" / feature.id / "index.html") == {"sync": "ok", "async": "ok"}
        assert "Target: mock" in en and "Output" in en
        assert f'href="../../en/features/{feature.id}/" hreflang="en"' in zh  # the switcher, to the same page
        assert f'href="../../../features/{feature.id}/" hreflang="zh"' in en
        pages: tuple[tuple[str, Lang], ...] = ((zh, "zh"), (en, "en"))
        for text, lang in pages:
            category = html.escape(CATALOG.categories[feature.category](lang))
            assert f'class="md-tag">{category}' in text, (feature.id, lang)
            article = text.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
            shown = [html.unescape(tag) for tag in re.findall(r'<span class="md-tag">([^<]*)</span>', article)]
            expected = {
                CATALOG.categories[feature.category](lang),
                ui("stability", lang, feature.stability),
                f"{labelled('col_side_effect', lang)}{ui('side_effect', lang, feature.side_effect)}",
            }  # a set: the beta card's category and stability are both "预览", one tag
            assert len(shown) == len(set(shown)) and set(shown) == expected, (feature.id, lang, shown)
            assert "oa-chip" not in article, (feature.id, lang, "the tags are shown once, not again as chips")


def _same_code_in_both_languages() -> int:
    """How many card examples and guide blocks have one program text for both languages (no strings to translate)."""
    cards = sum(
        CATALOG.example_code(feature, variant, "zh") == CATALOG.example_code(feature, variant, "en")
        for feature in CATALOG.features
        for variant in ("sync", "async")
    )
    blocks = sum(
        zh.code.strip("\n") == en.code.strip("\n")
        for guide in load_guides()
        for zh, en in zip(guide_blocks(guide, "zh"), guide_blocks(guide, "en"), strict=True)
    )
    return cards + blocks


def test_each_language_runs_its_own_code_and_the_same_code_runs_once(mock_site: Any) -> None:
    process, site, _ = mock_site
    passes = re.findall(r"(\d+) examples: (\d+) executed, (\d+) from cache", process.stderr)
    records = status_of(site)["examples"]
    # One report when both language passes are done: the English pass shows its own results (its prompts are
    # English), and status.json holds both languages'.
    assert len(passes) == 1, passes
    shown, ran, cached = map(int, passes[0])
    assert shown == len(records), passes
    # Every result shown either ran or came from the cache, except where both languages run the very same code:
    # results are keyed by the code, so that code ran once and both pages show its result.
    assert ran + cached == shown - _same_code_in_both_languages(), passes
    examples = [r for r in records if r["variant"] in ("sync", "async") and r["target"] == "mock"]
    assert len(examples) == 2 * len(LANGS) * len(CATALOG.features)
    assert {r["lang"] for r in examples} == set(LANGS)
    assert {r["lang"] for r in records if r["variant"] == "surface"} == {None}
    translated = [f for f in CATALOG.features if CATALOG.example_path(f, "sync", "en").name == "sync.en.py"]
    assert translated, "no card has an English example file"
    for feature in ("responses", "chat"):  # a reply to a Chinese question, then to the English one
        outputs = {r["lang"]: r["output"] for r in examples if r["feature"] == feature and r["variant"] == "sync"}
        assert CJK.search(outputs["zh"]) and not CJK.search(outputs["en"]), (feature, outputs)


CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
SWITCHER_LABEL = "中文"  # the language switcher's name for Chinese, which an English page rightly shows


def article_text(page: Path) -> str:
    """The text of a page's article body (no header, navigation or language switcher), tags stripped."""
    bodies = re.findall(r"<article\b[^>]*>(.*?)</article>", page.read_text(encoding="utf-8"), re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", "".join(bodies)))


def test_english_pages_have_no_chinese_in_their_articles(mock_site: Any) -> None:
    """Code, prompts, replies, exercises and notes of every English page in English (the switcher aside)."""
    _, site, _ = mock_site
    pages = sorted((site / "en").rglob("*.html"))
    assert len(pages) > len(CATALOG.features)
    found = {}
    for page in pages:
        text = article_text(page).replace(SWITCHER_LABEL, "")
        lines = [line.strip()[:120] for line in text.splitlines() if CJK.search(line)]
        if lines:
            found[str(page.relative_to(site))] = lines[:3]
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
    assert article_text(site / "en" / "features" / "responses" / "index.html").strip()


def test_chinese_prose_has_no_line_break_between_two_chinese_characters(mock_site: Any) -> None:
    """A line break in the Markdown source between two Chinese characters would show as a space mid-sentence."""
    _, site, _ = mock_site
    pages = [page for page in site.rglob("*.html") if page.relative_to(site).parts[0] != "en"]
    assert len(pages) > len(CATALOG.features)
    gaps = {}
    for page in pages:
        prose = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        found = re.findall(
            r".{0,12}[\u3001-\u303f\u4e00-\u9fff\uff01-\uffef]\n\s*[\u3001-\u303f\u4e00-\u9fff].{0,12}", prose
        )
        if found:
            gaps[str(page.relative_to(site))] = found[:3]
    assert not gaps, json.dumps(gaps, ensure_ascii=False, indent=1)
    assert "流式事件、分页" in (site / "mock" / "index.html").read_text(encoding="utf-8")


def test_edit_this_page_opens_the_catalog_entry(tmp_path: Path, site_build: Builder) -> None:
    config = ROOT / "mkdocs.edit-link-test.yml"
    config.write_text("INHERIT: mkdocs.yml\nrepo_url: https://example.invalid/team/openai_api\n", encoding="utf-8")
    try:
        process, site = site_build(tmp_path, "site", "-f", str(config), OPENAI_API_DOCS_EXEC="0")
    finally:
        config.unlink()
    assert process.returncode == 0, process.stderr[-3000:]
    lines = CATALOG_FILE.read_text(encoding="utf-8").splitlines()
    for feature in CATALOG.features:
        for folder in (site, site / "en"):
            text = (folder / "features" / feature.id / "index.html").read_text(encoding="utf-8")
            found = re.search(r'href="https://example\.invalid/team/openai_api/blob/main/features\.yaml#L(\d+)"', text)
            assert found, (folder, feature.id)
            assert lines[int(found.group(1)) - 1].strip() == f"- id: {feature.id}"


def test_every_sdk_method_has_a_row_and_a_mock_call(mock_site: Any) -> None:
    """Derived from the SDK here, not from the build's cache: a method the site missed fails this test."""
    _, site, _ = mock_site
    methods = derive_methods()
    assert len(methods) >= 400
    records = {r["method"]: r for r in status_of(site)["examples"] if r["variant"] == "surface"}
    pages: dict[str, str] = {}
    for method in methods:
        resource = method.name.split(".")[0]
        if resource not in pages:
            pages[resource] = (site / "features" / resource / "index.html").read_text(encoding="utf-8")
        assert f'<tr data-method="{method.name}">' in pages[resource], method.name
        record = records[method.name]
        assert record["status"] == "ok", record  # WebSocket methods included: called over a real socket
    assert len(records) == len(methods)


def test_the_matrix_shows_both_mock_profiles_and_the_committed_reports(mock_site: Any) -> None:
    _, site, _ = mock_site
    reports = sorted((ROOT / "docs" / "reports").glob("*.json"))
    assert reports, "at least one committed probe report"
    for page, lang in ((site / "matrix" / "index.html", "zh"), (site / "en" / "matrix" / "index.html", "en")):
        text = page.read_text(encoding="utf-8")
        rows = dict(re.findall(r'<tr data-feature="(\w+)">(.*?)</tr>', text, re.S))
        assert set(rows) == {feature.id for feature in CATALOG.features}, lang
        cells = {fid: re.findall(r"oa-status--(\w+)", row) for fid, row in rows.items()}
        assert all(len(found) == 2 + len(reports) for found in cells.values())
        assert cells["chat"][:2] == ["ok", "ok"] and cells["models"][:2] == ["ok", "ok"]
        assert cells["embeddings"][:2] == ["ok", "unsupported_by_provider"]
        assert cells["files"][:2] == ["ok", "unsupported_by_provider"]
        for report in reports:
            data = json.loads(report.read_text(encoding="utf-8"))
            assert f"{report.name}, {data['generated_at'][:10]}, SDK {data['sdk_version']}" in text
    records = [r for r in status_of(site)["examples"] if r["target"] == "mock-deepseek"]
    assert len(records) == len(CATALOG.features)


def test_client_azure_background_and_limit_sections_run_ok_in_both_languages(mock_site: Any) -> None:
    """The sections on client configuration (Azure included), background responses, the chat stream helper,
    cache retention and the length errors ran `ok` on the mock in each language, and their outputs show what the
    text says: Azure's deployment path, the queued -> in_progress -> completed polls, the two length errors."""
    _, site, _ = mock_site
    # Each language prints its own labels (a Chinese one ends in "："); the API's values are the same in both.
    expected = {
        "clients": ["/openai/deployments/my-gpt-deployment/chat/completions", "api-version=2024-10-21"],
        "reasoning": ["queued", "in_progress", "completed"],
        "errors": [
            "400 context_length_exceeded param{colon}messages",
            "LengthFinishReasonError | finish_reason{colon}length",
            "ContentFilterFinishReasonError | finish_reason{colon}content_filter",
        ],
        "streaming": ["content.done", "finish_reason"],
        "prompt-caching": ["{retention_zero}"],
    }
    words = {
        "zh": {"colon": "： ", "retention_zero": "保留时间：24h，命中缓存：0"},
        "en": {"colon": ": ", "retention_zero": "retention=24h cached=0"},
    }
    for guide, templates in expected.items():
        for lang, folder in (("zh", site / "guides"), ("en", site / "en" / "guides")):
            needles = [template.format(**words[lang]) for template in templates]
            text = (folder / guide / "index.html").read_text(encoding="utf-8")
            statuses = re.findall(r'data-variant="guide" data-status="(\w+)"', text)
            assert statuses and set(statuses) == {"ok"}, (guide, folder, statuses)
            outputs = " ".join(
                html.unescape(o) for o in re.findall(r'<pre class="oa-output"><code>(.*?)</code>', text, re.S)
            )
            for needle in needles:
                assert needle in outputs, (guide, folder, needle)
