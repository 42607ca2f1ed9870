"""Cached results follow the code that made them: editing any module the results depend on re-executes.

The package is copied to a temporary folder and a build-like executor runs in a child process against the copy,
so the edits below touch the copy only. Why folders and not a list of files: a list goes stale the day a module
is added (the surface module was once missing from it, and edits to it served stale results).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from openai_api.storage import PACKAGE_DIR, folder_fingerprint

_RUN_ONCE = """
from pathlib import Path
import sys
from openai_api.core.providers import target_for
from openai_api.docsite.execution.executor import Executor
from openai_api.docsite.execution.results_cache import ResultCache

executor = Executor(target_for("mock", {}), include_side_effects=False, cache=ResultCache(Path(sys.argv[1])))
try:
    result = executor.result("models", "sync", 'print("hello from the example")\\n')
finally:
    executor.close()
print(result.status, executor.executed)
"""


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("copy")
    shutil.copytree(PACKAGE_DIR, root / "openai_api", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PACKAGE_DIR.parent / "features.yaml", root / "features.yaml")
    shutil.copytree(PACKAGE_DIR.parent / "examples", root / "examples")
    return root


def _run(root: Path, cache: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("OPENAI_API_CATALOG", None)
    done = subprocess.run(
        [sys.executable, "-c", _RUN_ONCE, str(cache)], cwd=root, env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited by the fingerprint test\n", encoding="utf-8")


def test_editing_a_module_of_the_execution_path_re_executes(package_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _run(package_copy, cache) == "ok 1"
    assert _run(package_copy, cache) == "ok 0", "an unchanged package must reuse the cached result"
    _touch(package_copy / "openai_api" / "mock" / "content" / "replies.py")
    assert _run(package_copy, cache) == "ok 1", "an edit to the mock must re-execute"
    _touch(package_copy / "openai_api" / "sdk" / "surface.py")
    assert _run(package_copy, cache) == "ok 1", "an edit to the SDK readers must re-execute"
    _touch(package_copy / "openai_api" / "docsite" / "render.py")
    assert _run(package_copy, cache) == "ok 0", "page rendering cannot change a result: nothing re-executes"


def test_a_folder_fingerprint_sees_edits_additions_and_removals(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.py").write_text("A = 1\n", encoding="utf-8")
    first = folder_fingerprint("sub", base=folder)
    (folder / "sub" / "a.py").write_text("A = 2\n", encoding="utf-8")
    edited = folder_fingerprint("sub", base=folder)
    (folder / "sub" / "b.yaml").write_text("b: 1\n", encoding="utf-8")
    added = folder_fingerprint("sub", base=folder)
    (folder / "sub" / "b.yaml").unlink()
    assert len({first, edited, added}) == 3
    assert folder_fingerprint("sub", base=folder) == edited
