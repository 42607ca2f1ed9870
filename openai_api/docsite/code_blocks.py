"""The HTML of an executed block's code, highlighted once per text and kept between builds.

Why: each executed block went through markdown-exec, which builds a fresh Markdown instance and has Pygments
highlight the code — a third of an execution-off build. The code's HTML depends only on its text and on the
Markdown configuration, so it is kept (in memory, and on disk beside the results cache, one file per
configuration) with a slot where the block's output goes; the output is put in on every build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from openai_api.docsite.kept import KeptMap, configuration

OUTPUT_SLOT = '<div class="openai-api-output-slot"></div>'
_PACKAGES = ("markdown", "pymdown-extensions", "pygments", "markdown-exec", "mkdocs-material")


class CodeBlocks:
    def __init__(self) -> None:
        self._kept = KeptMap()

    def keep_in(self, folder: Path, markdown_config: Any) -> None:
        """A build starts: keep the blocks in `folder`, in the file for this Markdown configuration."""
        self._kept.new_build()
        self._kept.open_for(folder, "code", configuration([version(name) for name in _PACKAGES], markdown_config))

    def html(self, code: str, output: str, render: Callable[[str], str]) -> str:
        """The block's code as `render` makes it (called with the slot, once per text), with `output` put in."""
        key = hashlib.sha256(code.encode()).hexdigest()
        shell = self._kept.get(key)
        if not isinstance(shell, str) or OUTPUT_SLOT not in shell:
            shell = render(OUTPUT_SLOT)
            self._kept.put(key, shell)
        return shell.replace(OUTPUT_SLOT, output, 1)

    def save(self, *, whole_build: bool = True) -> None:
        self._kept.save(whole_build=whole_build)
