"""A YAML file is parsed once per content: the kept entry gives the same data, an edit is parsed again, and a
damaged entry counts as absent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from openai_api import storage
from openai_api.mock.data import _HERE as MOCK_DATA
from openai_api.storage import load_yaml, read_yaml_file

DOCUMENT = "models:\n  - {id: gpt-5.4-mini, created: 2026-01-01, price: 0.25, tags: [a, b], note: null}\n"


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The `yaml` cache folder, in this test's own folder."""
    monkeypatch.setattr(storage, "cache_folder", lambda name: tmp_path / "cache" / name)
    return tmp_path / "cache" / "yaml"


def _unparsable(text: str) -> Any:
    raise AssertionError("parsed again although the kept entry was usable")


def test_a_kept_document_is_the_parsed_one(kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fixtures.yaml"
    path.write_text(DOCUMENT, encoding="utf-8")
    model = {"id": "gpt-5.4-mini", "created": dt.date(2026, 1, 1), "price": 0.25, "tags": ["a", "b"], "note": None}
    expected = {"models": [model]}
    assert read_yaml_file(path) == expected == load_yaml(DOCUMENT)
    assert [p.name.split("-")[0] for p in kept.iterdir()] == ["fixtures"]
    monkeypatch.setattr(storage, "load_yaml", _unparsable)
    assert read_yaml_file(path) == expected


def test_an_edited_file_is_parsed_again_and_its_old_entry_dropped(kept: Path, tmp_path: Path) -> None:
    path = tmp_path / "profiles.yaml"
    path.write_text("openai: {serve: ['*']}\n", encoding="utf-8")
    read_yaml_file(path)
    path.write_text("openai: {serve: ['/models']}\n", encoding="utf-8")
    assert read_yaml_file(path) == {"openai": {"serve": ["/models"]}}
    assert len(list(kept.iterdir())) == 1


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95"])
def test_a_damaged_entry_is_ignored_and_written_again(kept: Path, tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "replies.yaml"
    path.write_text(DOCUMENT, encoding="utf-8")
    read_yaml_file(path)
    (entry,) = kept.iterdir()
    entry.write_bytes(damage)
    assert read_yaml_file(path) == load_yaml(DOCUMENT)
    assert entry.read_bytes() != damage


def test_every_data_file_of_the_mock_reads_as_its_yaml(kept: Path) -> None:
    for path in sorted(MOCK_DATA.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert read_yaml_file(path) == load_yaml(text), path.name  # parsed and kept
        assert read_yaml_file(path) == load_yaml(text), path.name  # read back
    assert len(list(kept.iterdir())) == len(list(MOCK_DATA.glob("*.yaml")))
