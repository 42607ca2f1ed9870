"""The installed SDK's version, read from its package metadata.

Why not `openai.__version__`: importing the SDK costs about a second of CPU, and the parts that only need its
version — cache keys, the site's status file, a page being rendered — should not pay it.
"""

from __future__ import annotations

import functools
from importlib.metadata import version


@functools.cache
def sdk_version() -> str:
    return version("openai")
