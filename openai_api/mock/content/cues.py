"""Cue words as the mock's data files write them (the cue families of `decisions.yaml`, the `enum_cues` of
`language.yaml`): one spelling rule for both, so a cue reads the same wherever it is listed.

A spelling with a Chinese character is found anywhere; any other is a whole word, a trailing ``*`` letting it go
on ("crash*" finds "crashes"). The text is compared as `normalised` gives it: lower case, full-width forms and
typographic apostrophes folded.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["cue_pattern", "normalised"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def cue_pattern(cue: str) -> re.Pattern[str]:
    """A cue's pattern, for a `normalised` text."""
    if _CJK.search(cue):
        return re.compile(re.escape(cue))
    stem, open_end = (cue[:-1], True) if cue.endswith("*") else (cue, False)
    ending = r"[a-z0-9']*" if open_end else ""
    return re.compile(rf"(?<![a-z0-9]){re.escape(stem.lower())}{ending}(?![a-z0-9])")


def normalised(text: str) -> str:
    """Lower case, with full-width forms and typographic apostrophes folded ("hasn’t" reads as "hasn't")."""
    return unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
