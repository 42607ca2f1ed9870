"""The built site in a real browser: Debian's Chromium driven by Playwright, the site served on 127.0.0.1.

It does what a reader does: lands on the start page (in both languages, on a desktop and on a phone), opens the
catalog, follows a feature, switches from the sync to the async tab and
reads the other executed output and its status badge, searches a Chinese term and lands on its page — and it
fails on any console error. Playwright never downloads a browser here: it launches /usr/bin/chromium.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Builder
from playwright.sync_api import ConsoleMessage, Page, expect, sync_playwright
from starlette.staticfiles import StaticFiles

from openai_api.core.catalog import load_catalog
from openai_api.mock.adapters.server import running_app

CHROMIUM = "/usr/bin/chromium"
CATALOG = load_catalog()
# What Chromium needs on a closed network, headless, as root (see the env skill's notes on this machine).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, site_build: Builder) -> Path:
    process, folder = site_build(tmp_path_factory.mktemp("browser"), "site")
    assert process.returncode == 0, process.stderr[-3000:]
    return folder


@pytest.fixture(scope="module")
def root_url(site: Path) -> Iterator[str]:
    with running_app(StaticFiles(directory=site, html=True)) as base_url:
        yield base_url.removesuffix("/v1")


@pytest.fixture
def page(root_url: str) -> Iterator[Page]:
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does)"
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()

            def on_console(message: ConsoleMessage) -> None:
                if message.type == "error":
                    errors.append(message.text)

            page.on("console", on_console)
            page.on("pageerror", lambda error: errors.append(str(error)))
            yield page
        finally:
            with contextlib.suppress(Exception):
                browser.close()
    assert errors == [], errors


CJK = re.compile(r"[\u3400-\u9fff]")
START = {  # language prefix -> (title, nav entries in order, admonition words, troubleshooting title)
    "": ("从这里开始", ["从这里开始", "功能目录", "常见错误排查", "供应商兼容矩阵"], "模拟服务", "常见错误排查"),
    "/en": (
        "Start here",
        ["Start here", "Feature catalog", "Troubleshooting", "Provider compatibility matrix"],
        "this project's own simulator",
        "Troubleshooting",
    ),
}


def _no_page_overflow(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


@pytest.mark.parametrize("prefix", list(START), ids=["zh", "en"])
def test_the_start_page_is_a_way_in(page: Page, root_url: str, prefix: str) -> None:
    """The root of each language is the start page: it says the outputs came from the mock, its three blocks
    ran `ok` and printed in the page's language, the nav starts with the learning path's fixed pages, the learning
    path lists nine steps, and its links reach the catalog and troubleshooting."""
    title, nav, mock_words, troubleshooting = START[prefix]
    page.goto(f"{root_url}{prefix}/")
    expect(page.locator("h1")).to_contain_text(title)
    expect(page.locator(".admonition.note")).to_contain_text(mock_words)
    results = page.locator('.oa-result[data-variant="guide"]')
    expect(results).to_have_count(3)
    expect(results.locator(".oa-status")).to_have_text(["ok"] * 3)
    outputs = " ".join(results.locator(".oa-output").all_inner_texts())
    assert bool(CJK.search(outputs)) == (prefix == ""), outputs
    first_nav = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")
    assert [text.strip() for text in first_nav.all_inner_texts()[:4]] == nav
    expect(page.locator("h2:has-text('7.') + p + ol > li")).to_have_count(9)
    for status in ("ok", "unsupported_by_provider", "auth_error", "skipped_by_policy", "unknown_error"):
        expect(page.locator("table td code", has_text=re.compile(f"^{status}$"))).to_have_count(1)

    page.locator("article a[href='troubleshooting/']").first.click()
    expect(page).to_have_url(f"{root_url}{prefix}/troubleshooting/")
    expect(page.locator("h1")).to_contain_text(troubleshooting)
    expect(page.locator('.oa-result[data-variant="guide"] .oa-status')).to_have_text(["ok"] * 7)

    page.goto(f"{root_url}{prefix}/")
    page.locator("article a[href='catalog/']").first.click()
    expect(page).to_have_url(f"{root_url}{prefix}/catalog/")
    expect(page.locator("table.oa-catalog tbody tr")).to_have_count(len(CATALOG.features))


@pytest.mark.parametrize("prefix", list(START), ids=["zh", "en"])
def test_the_start_page_fits_a_phone(page: Page, root_url: str, prefix: str) -> None:
    """At 390 px the start page does not scroll sideways: its tables and code scroll inside themselves."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{root_url}{prefix}/")
    expect(page.locator("h1")).to_contain_text(START[prefix][0])
    assert _no_page_overflow(page)


_SPLIT_WORDS = """() => {
    const split = [];
    const cells = document.querySelectorAll(
        "table.oa-surface td:first-child code, table.oa-surface td:nth-child(2) code"
    );
    for (const code of cells) {
        for (const node of code.childNodes) {
            if (node.nodeType !== Node.TEXT_NODE || !node.textContent) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            if (range.getClientRects().length > 1) split.push(node.textContent);
        }
    }
    return [cells.length, split];
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_surface_identifiers_wrap_only_between_their_parts(page: Page, root_url: str, width: int) -> None:
    """Method names and HTTP paths of the API-surface table may wrap only after a `.` or `/` (each part between
    those is its own text node): a part whose text spans two lines was broken inside a word. The page itself never
    scrolls sideways; a wide table scrolls in its own frame."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{root_url}/en/features/responses/")
    expect(page.locator("table.oa-surface tbody tr").first).to_be_visible()
    cells, split = page.evaluate(_SPLIT_WORDS)
    assert cells >= 10 and split == [], split
    assert _no_page_overflow(page)
    if width >= 1280:  # on a desktop the table fits its column: nothing to scroll even inside its frame
        assert _frames_fit(page)


def _frames_fit(page: Page) -> bool:
    return bool(
        page.evaluate("[...document.querySelectorAll('.oa-table-scroll')].every(e => e.scrollWidth <= e.clientWidth)")
    )


@pytest.mark.parametrize("path", ["/en/catalog/", "/matrix/", "/en/features/admin/", "/features/beta/"])
def test_generated_tables_fit_a_desktop_column(page: Page, root_url: str, path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{root_url}{path}")
    expect(page.locator(".oa-table-scroll table").first).to_be_visible()
    assert _frames_fit(page)


@pytest.mark.parametrize("path", ["/catalog/", "/en/catalog/", "/matrix/", "/en/troubleshooting/"])
def test_tables_fit_a_phone(page: Page, root_url: str, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{root_url}{path}")
    expect(page.locator("article table").first).to_be_visible()
    assert _no_page_overflow(page)


def test_catalog_to_feature_to_the_other_tab(page: Page, root_url: str) -> None:
    page.goto(f"{root_url}/catalog/")
    rows = page.locator("table.oa-catalog tbody tr")
    expect(rows).to_have_count(len(CATALOG.features))
    expect(page.locator("table.oa-catalog .oa-status--ok")).to_have_count(2 * len(CATALOG.features))

    page.locator("table.oa-catalog a", has_text="Embeddings").click()
    expect(page).to_have_url(f"{root_url}/features/embeddings/")
    sync_result = page.locator('.oa-result[data-variant="sync"]')
    async_result = page.locator('.oa-result[data-variant="async"]')
    expect(sync_result).to_be_visible()
    expect(async_result).to_be_hidden()

    page.locator(".tabbed-labels label", has_text="异步").first.click()
    expect(async_result).to_be_visible()
    expect(sync_result).to_be_hidden()
    expect(async_result.locator(".oa-status")).to_have_text("ok")
    expect(async_result.locator(".oa-output")).to_contain_text("向量数： 2")
    expect(page.locator(".highlight code").nth(1)).to_contain_text("await client.embeddings.create")


def test_switching_language_keeps_the_page(page: Page, root_url: str) -> None:
    page.goto(f"{root_url}/features/embeddings/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    expect(page).to_have_url(f"{root_url}/en/features/embeddings/")
    expect(page.locator("h1")).to_contain_text("Embeddings: turning text into vectors")
    page.locator(".tabbed-labels label", has_text="Async").first.click()
    expect(page.locator('.oa-result[data-variant="async"] .oa-status')).to_have_text("ok")
    expect(page.locator('.oa-result[data-variant="async"] .oa-result__label')).to_have_text("Output")


def test_the_tab_choice_follows_the_reader_to_the_next_page(page: Page, root_url: str) -> None:
    page.goto(f"{root_url}/features/chat/")
    page.locator(".tabbed-labels label", has_text="异步").first.click()
    page.goto(f"{root_url}/features/completions/")
    expect(page.locator('.oa-result[data-variant="async"]')).to_be_visible()


@pytest.mark.parametrize(
    ("term", "feature"),
    [("临时密钥", "realtime"), ("余弦相似度", "embeddings"), ("分片上传", "uploads")],
)
def test_searching_a_chinese_term_lands_on_its_page(page: Page, root_url: str, term: str, feature: str) -> None:
    page.goto(f"{root_url}/")
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(term)
    first = page.locator(".md-search-result__item a").first
    # The first search fetches the whole index and builds it in a web worker: seconds on a loaded machine.
    expect(first).to_be_visible(timeout=30_000)
    first.click()
    expect(page).to_have_url(re.compile(re.escape(f"{root_url}/features/{feature}/") + r"(\?.*)?$"))
