"""Each card's sync example, run against the mock, prints what its card teaches (tests/card_facts.yaml).

Why: the output under an example is the lesson a learner reads; an output that contradicts its card (a store
"created with no files" listing one file, silence transcribed into a sentence) teaches the wrong thing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from openai_api.core.catalog import load_catalog
from openai_api.core.runner import execute
from openai_api.core.status import Status

CATALOG = load_catalog()
FACTS: dict[str, dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "card_facts.yaml").read_text("utf-8"))


def test_every_card_has_its_fact() -> None:
    assert sorted(FACTS) == sorted(f.id for f in CATALOG.features)
    assert all(FACTS[card].get("shows") for card in FACTS)


@pytest.mark.parametrize("card", [f.id for f in CATALOG.features])
def test_the_example_shows_what_its_card_teaches(
    card: str, mock_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", f"sk-mock-card-facts-{card}")
    code = CATALOG.example_code(CATALOG.feature(card), "sync")
    status, _, output, detail, _, _ = execute(code, label=f"card-facts-{card}")
    assert status == Status.OK, f"{card}: {status} {detail}"
    for pattern in FACTS[card]["shows"]:
        assert re.search(pattern, output, re.M), f"{card}: the output does not show {pattern!r}:\n{output}"
    for pattern in FACTS[card].get("never") or []:
        assert not re.search(pattern, output, re.M), f"{card}: the output shows {pattern!r}:\n{output}"
