"""The commands that end their process with them freeze what it holds first, so that the interpreter's collections on
the way out have nothing to traverse (`sdk.loading.frozen_for_exit`): the probe's command line, and the docs build's
last event. Functions called from Python (the probe's `main`, a build) freeze nothing."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

from openai_api.docsite.plugin import ExamplesPlugin
from openai_api.probe import cli


@pytest.fixture
def frozen_count() -> Iterator[int]:
    """The count before the test; after it, everything is unfrozen (as the collector's own test does)."""
    try:
        yield gc.get_freeze_count()
    finally:
        gc.unfreeze()


def test_the_probe_command_freezes_what_it_holds_even_when_it_exits_early(
    frozen_count: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["openai_api.main", "--help"])
    with pytest.raises(SystemExit) as ended:
        cli.run_as_command()
    assert ended.value.code == 0
    assert "--scope" in capsys.readouterr().out
    assert gc.get_freeze_count() > frozen_count


def test_the_probe_function_freezes_nothing(
    frozen_count: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert gc.get_freeze_count() == frozen_count


def test_the_docs_build_freezes_what_it_holds_when_the_command_ends(frozen_count: int) -> None:
    ExamplesPlugin().on_shutdown()
    assert gc.get_freeze_count() > frozen_count
