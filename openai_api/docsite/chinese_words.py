"""jieba's word dictionary, kept as a pickle in the project's cache instead of jieba's own `marshal` file.

Why: Material's search plugin cuts each page's Chinese text into words with jieba, whose first cut loads a prefix
dictionary of about half a million entries. From jieba's cache file (a `marshal` dump) that takes about 1.0 s of
CPU, as long as building it from `dict.txt`; the same dictionary unpickles in about 0.3 s. A build loads it when a
page's search entries are not kept from an earlier build (a new clone's first build, a cold one, the first build
of `make serve`), on the renderer's critical path.

How: the default tokenizer's `initialize` is replaced on that one object, so the dictionary is still loaded only
when a page is cut; a dictionary other than jieba's own (`set_dictionary`, the search plugin's `jieba_dict`)
goes to jieba's own `initialize`. The pickle is keyed by a hash of `dict.txt` (a new jieba release gets its own)
and built by jieba's own `gen_pfdict`, so the words and frequencies are jieba's, not a copy of them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from openai_api.storage import cache_folder, write_atomic

log = get_plugin_logger(__name__)

_Dictionary = tuple[dict[str, int], int]  # every word and prefix with its frequency (0 for a prefix), their total


def use_kept_dictionary(folder: Path | None = None, tokenizer: Any = None) -> bool:
    """From now on `tokenizer` (jieba's default one, which the search plugin cuts with) loads its dictionary from
    `folder` (the `jieba` cache by default). False when jieba is not installed (the search then has no Chinese
    segmentation to speed up)."""
    try:
        import jieba
    except ImportError:
        return False
    tokenizer = jieba.dt if tokenizer is None else tokenizer
    tokenizer.initialize = functools.partial(
        _initialize, tokenizer, tokenizer.initialize, folder or cache_folder("jieba")
    )
    return True


def _initialize(tokenizer: Any, original: Callable[..., None], folder: Path, dictionary: str | None = None) -> None:
    if dictionary is not None or tokenizer.dictionary is not None:  # not jieba's own dictionary
        original(dictionary)
        return
    with tokenizer.lock:
        if not tokenizer.initialized:
            started = time.perf_counter()
            tokenizer.FREQ, tokenizer.total = _kept_dictionary(tokenizer, folder)
            tokenizer.initialized = True
            # As jieba's own loading says it loaded: a build that finds every page's search entries kept loads none.
            log.info("jieba's dictionary for the search index loaded in %.2f s", time.perf_counter() - started)


def _kept_dictionary(tokenizer: Any, folder: Path) -> _Dictionary:
    """jieba's prefix dictionary from the pickle kept for this `dict.txt`, built by jieba and kept if missing."""
    import jieba

    raw = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME).read_bytes()
    kept = folder / f"dictionary-{hashlib.sha256(raw).hexdigest()[:16]}.pickle"
    with contextlib.suppress(Exception):  # missing, torn or foreign: build it again
        freq, total = pickle.loads(kept.read_bytes())
        if isinstance(freq, dict) and isinstance(total, int):
            return freq, total
    built: _Dictionary = tokenizer.gen_pfdict(io.BytesIO(raw))
    with contextlib.suppress(OSError):  # a read-only checkout still gets its words, only not kept
        write_atomic(kept, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in folder.glob("dictionary-*.pickle"):
            if stale != kept:
                stale.unlink(missing_ok=True)
    return built
