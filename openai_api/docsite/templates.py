"""The theme's templates, compiled once per process instead of once per language pass and per rebuild.

MkDocs makes a new Jinja environment for every build — the i18n plugin's second language is a second build,
and so is every `mkdocs serve` rebuild — and each one parsed and compiled Material's templates again, and
walked the theme's folders (thousands of icon files) to list them. The templates do not change under a running
build, so their compiled code is kept in memory (Jinja's bytecode cache, checked against each file's time)
and the list of the theme's files is kept per folder list and filter. The compiled code is also kept on disk beside the
results cache (`render/jinja/`), so a new build process does not compile them again (about 0.4 s per build); Jinja
stores each template's source checksum and the Python version with its code and compiles again when either differs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.theme import Theme

from openai_api.storage import write_atomic


class _KeptBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.folder: Path | None = None  # where compiled templates are kept between processes

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            with contextlib.suppress(OSError):
                code = (self.folder / f"{bucket.key}.jinja").read_bytes()
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja when the source or Python changed since

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            with contextlib.suppress(OSError):  # a read-only cache folder costs a compile per build, nothing more
                write_atomic(self.folder / f"{bucket.key}.jinja", code)


_BYTECODE = _KeptBytecodeCache()
_LISTED: dict[tuple[Any, ...], list[str]] = {}


def share_compiled_templates(theme: Theme, folder: Path | None = None) -> None:
    """Make every environment this theme hands out share the compiled templates and the template list; keep the
    compiled templates in `folder` too, when given."""
    if folder is not None:
        _BYTECODE.folder = folder
    make_env: Callable[[], jinja2.Environment] = theme.get_env
    if getattr(make_env, "shares_templates", False):
        return

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = _BYTECODE
        loader = env.loader
        # each folder once: the i18n plugin's later language passes list one of its folders twice, which lists the
        # same names
        folders = (
            tuple(dict.fromkeys(str(f) for f in loader.searchpath))
            if isinstance(loader, jinja2.FileSystemLoader)
            else None
        )
        list_templates = env.list_templates

        def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
            """The same names for the same folders and the same filter (MkDocs passes a fresh closure of the
            same code each build, which depends only on the theme's settings)."""
            if folders is None:
                return list_templates(extensions, filter_func)
            key = (folders, repr(extensions), getattr(filter_func, "__code__", filter_func))
            if key not in _LISTED:
                _LISTED[key] = list_templates(extensions, filter_func)
            return list(_LISTED[key])

        setattr(env, "list_templates", listed)  # noqa: B010  # an instance override
        return env

    setattr(get_env, "shares_templates", True)  # noqa: B010
    setattr(theme, "get_env", get_env)  # noqa: B010
