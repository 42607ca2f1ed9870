"""The built site in a real browser: Debian's Chromium driven by Playwright, the site served on 127.0.0.1.

It does what a reader does: opens the catalog, follows a feature, switches from the sync to the async tab and
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


def test_catalog_to_feature_to_the_other_tab(page: Page, root_url: str) -> None:
    page.goto(f"{root_url}/")
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
    expect(async_result.locator(".oa-output")).to_contain_text("vectors: 2")
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
    expect(first).to_be_visible()
    first.click()
    expect(page).to_have_url(re.compile(re.escape(f"{root_url}/features/{feature}/") + r"(\?.*)?$"))
