"""The package's architecture, checked: each concern is a folder, and imports between them run one way.

Allowed: `sdk` depends on nothing of the project; `core` and `mock` on `sdk`; `docsite` and `probe` on `core`,
`sdk` and `mock`; every layer may use `storage`. A module that reaches against the direction fails here with its
file, line and the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from openai_api.storage import PACKAGE_DIR

ALLOWED: dict[str, set[str]] = {
    "sdk": set(),
    "core": {"sdk"},
    "mock": {"sdk"},
    "docsite": {"core", "sdk", "mock"},
    "probe": {"core", "sdk", "mock"},
    "storage": set(),
    "main": {"probe"},
}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "openai_api" else None


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] if node.module == "openai_api" else []
            found += [(node.lineno, name) for name in names] or [(node.lineno, node.module)]
    return found


def violations(package: Path = PACKAGE_DIR) -> list[str]:
    problems = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        own = relative.parts[0].removesuffix(".py")
        if own == "__init__":
            continue
        for line, module in _imports(path):
            other = _layer(module)
            if other in (None, own, "storage") or other in ALLOWED.get(own, set()):
                continue
            problems.append(f"openai_api/{relative.as_posix()}:{line}: {own} must not import {module}")
    return problems


def test_every_module_lives_in_a_concern_folder() -> None:
    top = sorted(p.name for p in PACKAGE_DIR.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists())
    assert top == ["__init__.py", "core", "docsite", "main.py", "mock", "probe", "sdk", "storage.py"]


def test_imports_run_one_way() -> None:
    assert violations() == []


def test_a_wrong_direction_is_reported(tmp_path: Path) -> None:
    (tmp_path / "sdk").mkdir()
    (tmp_path / "sdk" / "reader.py").write_text("from openai_api.mock.core import MockAPI\n", encoding="utf-8")
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "runner.py").write_text("import openai_api.sdk.routes\n", encoding="utf-8")
    assert violations(tmp_path) == ["openai_api/sdk/reader.py:1: sdk must not import openai_api.mock.core"]


@pytest.mark.parametrize("folder", ["core", "sdk", "mock", "docsite", "probe"])
def test_each_folder_says_what_it_is_for(folder: str) -> None:
    docstring = ast.get_docstring(ast.parse((PACKAGE_DIR / folder / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and len(docstring) > 40
