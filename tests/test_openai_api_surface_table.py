"""The API-surface table groups a large resource's methods by sub-resource, each group a collapsible section."""

from __future__ import annotations

import re

from openai_api.docsite.render import SURFACE_GROUPING_THRESHOLD, surface_table
from openai_api.sdk.surface import methods_of


def test_a_large_resource_is_grouped_by_sub_resource_with_every_method_once() -> None:
    methods = methods_of("vector_stores")
    assert len(methods) > SURFACE_GROUPING_THRESHOLD
    page = surface_table(methods, None, "en")
    groups = re.findall(r'<details class="oa-surface-group" open data-group="([\w.]+)">', page)
    assert groups == ["vector_stores", "vector_stores.file_batches", "vector_stores.files"]  # the resource first
    shown = re.findall(r'<tr data-method="([\w.]+)">', page)
    assert sorted(shown) == sorted(m.name for m in methods)
    for group in groups:  # each section holds exactly its own methods, and says how many
        section = page.split(f'data-group="{group}">', 1)[1].split("</details>", 1)[0]
        members = [name for name in re.findall(r'<tr data-method="([\w.]+)">', section)]
        assert members and all(name.rpartition(".")[0] == group for name in members)
        assert f"· {len(members)} methods</summary>" in section
    assert "个方法" in surface_table(methods, None, "zh")


def test_a_small_resource_stays_one_table() -> None:
    methods = methods_of("models")
    assert len(methods) <= SURFACE_GROUPING_THRESHOLD
    page = surface_table(methods, None, "en")
    assert "<details" not in page and page.count('<table class="oa-surface">') == 1
