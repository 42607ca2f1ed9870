"""`mkdocs serve --dirty`, as `make serve` runs it: a save re-renders only the page saved (and the catalog's
tables), re-runs only the example whose code changed, and leaves the search index whole.

The server runs on a copy of the project (so the test never edits the real pages), on 127.0.0.1, and is stopped
by the test; every wait is a bounded poll of the served page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_api.storage import PROJECT_ROOT

PARTS = ("openai_api", "docs", "examples", "features.yaml", "guides.yaml", "mkdocs.yml")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition: object, what: str, limit: float) -> None:
    deadline = time.monotonic() + limit
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {limit:g} s: {what}")
        time.sleep(0.05)


class Served:
    def __init__(self, project: Path, base: str, log: Path) -> None:
        self.project, self.base, self.log = project, base, log

    def log_after(self, mark: int) -> str:
        return self.log.read_text(encoding="utf-8")[mark:]

    def log_size(self) -> int:
        return len(self.log.read_text(encoding="utf-8"))

    def search_locations(self) -> list[str]:
        return [entry["location"] for entry in json.loads(_get(f"{self.base}/search/search_index.json"))["docs"]]

    def save(self, relative: str, change: object) -> int:
        """Edit a page of the copy; returns where the log stood before, to read the rebuild's lines."""
        mark = self.log_size()
        path = self.project / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
        return mark

    def rebuilt_after(self, mark: int) -> str:
        _wait(lambda: "Reloading browsers" in self.log_after(mark), "the rebuild to finish", 120)
        return self.log_after(mark)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, site_cache: Path) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("serve")
    project = work / "project"
    for part in PARTS:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / part)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DEEPSEEK_"))}
    # the session's results cache: warm when the build tests ran first
    env.update(PYTHONPATH=str(project), OPENAI_API_DOCS_CACHE_DIR=str(site_cache), NO_MKDOCS_2_WARNING="1")
    log = work / "serve.log"
    with log.open("w", encoding="utf-8") as stream:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=stream,
            stderr=subprocess.STDOUT,
        )
    served = Served(project, f"http://127.0.0.1:{port}", log)
    try:
        _wait(lambda: "Serving on" in served.log_after(0) or server.poll() is not None, "the first build", 900)
        assert server.poll() is None, served.log_after(0)[-3000:]
        yield served
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _counts(log: str) -> dict[str, int]:
    return {lang: int(count) for lang, count in re.findall(r"(zh|en): (\d+) page\(s\) to render", log)}


def test_a_saved_guide_is_the_only_page_rendered_again_and_search_stays_whole(served: Served) -> None:
    before = served.search_locations()
    assert any(location.startswith("guides/pagination/") for location in before)
    mark = served.save("docs/guides/pagination.md", lambda text: text + "\nservedmarkerprose\n")
    log = served.rebuilt_after(mark)
    # The saved page, plus the catalog and matrix pages (their tables hold every result); nothing in English.
    assert _counts(log) == {"zh": 3, "en": 2}, log
    assert re.search(r"\d+ examples: 0 executed, 0 from cache", log), log
    assert "servedmarkerprose" in _get(f"{served.base}/guides/pagination/")
    after = served.search_locations()
    assert sorted(after) == sorted(before)  # the unchanged pages keep their entries
    index = _get(f"{served.base}/search/search_index.json")
    assert "servedmarkerprose" in index


def test_a_changed_block_runs_again_alone(served: Served) -> None:
    mark = served.save(
        "docs/guides/pagination.md", lambda text: text.replace("print(", 'print("servedmarkercode")\nprint(', 1)
    )
    log = served.rebuilt_after(mark)
    assert re.search(r"\d+ examples: 1 executed, 0 from cache", log), log
    page = _get(f"{served.base}/guides/pagination/")
    output = page.split("servedmarkercode", 2)
    assert len(output) == 3, "the code shows the new line, and its output printed it"


def test_an_edit_of_the_guides_list_reaches_every_page(served: Served) -> None:
    mark = served.save("guides.yaml", lambda text: text + "\n# a comment: the file changed, its data did not\n")
    log = served.rebuilt_after(mark)
    counts = _counts(log)
    assert counts["zh"] > 40 and counts["en"] > 40, log  # what every page shares changed: all are rendered


def test_a_page_added_then_deleted_is_served_then_gone(served: Served) -> None:
    """A draft page saved under `docs/` is built and served; deleted, its HTML goes too (a dirty build does not
    clean the site folder, so the rebuild removes the pages the previous build had and this one has not)."""
    draft = served.project / "docs" / "servedmarkerdraft.md"
    mark = served.log_size()
    draft.write_text("# Draft\n\nservedmarkerdraft text\n", encoding="utf-8")
    served.rebuilt_after(mark)
    assert "servedmarkerdraft text" in _get(f"{served.base}/servedmarkerdraft/")
    mark = served.log_size()
    draft.unlink()
    served.rebuilt_after(mark)
    assert _get(f"{served.base}/servedmarkerdraft/") == ""  # 404: urlopen raised, nothing was read
