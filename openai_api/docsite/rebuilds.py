"""Which pages a `mkdocs serve --dirty` rebuild renders again: those whose source text changed since the last
build of this server, and all of them when something every page depends on changed.

Why not MkDocs' own test (a source file newer than its HTML): generated pages are rewritten only when their
text changes, but the catalog and guide tables of contents, the navigation and the results are shared by every
page, and a page's HTML is not newer than its source merely because it was built in another language pass.
So the decision is made on content: a digest of each page's source, and a digest of everything shared (the
MkDocs configuration, the navigation, the list of pages, the catalog and guides files, and the execution
fingerprint, since results depend on it). A full `mkdocs build` ignores all this: it renders every page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from mkdocs.structure.files import File


def digest(*parts: str | bytes) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode() if isinstance(part, str) else part)
        sha.update(b"\0")
    return sha.hexdigest()


class Rebuilds:
    """The digests of the last successful build, per language pass, and the pages skipped in the current one."""

    def __init__(self) -> None:
        self._shared: dict[str, str] = {}  # language -> digest of what every page depends on
        self._pages: dict[str, dict[str, str]] = {}  # language -> source path -> digest of its text
        self._outputs: dict[str, set[str]] = {}  # language -> output files of its pages in the last build
        self._pending: dict[str, tuple[str, dict[str, str], set[str]]] = {}  # the current pass's, until it succeeds
        self.skipped: dict[str, list[str]] = {}  # language -> output files of the pages this pass leaves as they are

    def mark(self, lang: str, files: Iterable[File], shared: str, always: tuple[str, ...]) -> int:
        """Tell each documentation page of this pass whether it must be rendered; returns how many are.
        `always` names text whose presence makes a page depend on every result (the catalog's tables)."""
        pages = [file for file in files if file.is_documentation_page()]
        same_site = self._shared.get(lang) == shared
        built = self._pages.get(lang, {}) if same_site else {}
        digests: dict[str, str] = {}
        skipped: list[str] = []
        for file in pages:
            assert file.abs_src_path is not None
            with open(file.abs_src_path, "rb") as source:
                text = source.read()
            digests[file.src_uri] = page_digest = digest(text)
            changed = built.get(file.src_uri) != page_digest or any(marker.encode() in text for marker in always)
            if not changed:
                skipped.append(file.dest_uri)
            setattr(file, "is_modified", (lambda value: lambda: value)(changed))  # noqa: B010  # an instance override
        self._pending[lang] = (shared, digests, {file.dest_uri for file in pages})
        self.skipped[lang] = skipped
        return len(pages) - len(skipped)

    def built(self, lang: str) -> list[str]:
        """This language's pass succeeded: what it rendered is what the next one compares with. Returns the output
        files of the pages the previous build had and this one has not (a deleted page), which a dirty build
        leaves in the site unless they are removed."""
        if lang not in self._pending:
            return []
        self._shared[lang], self._pages[lang], outputs = self._pending.pop(lang)
        gone = sorted(self._outputs.get(lang, set()) - outputs)
        self._outputs[lang] = outputs
        return gone

    def forget(self) -> None:
        """A failed build may have left pages half-done: the next one renders everything."""
        self._shared.clear()
        self._pages.clear()
        self._pending.clear()  # the outputs of the last good build stay known: a deleted page still goes
