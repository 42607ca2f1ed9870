"""One unit of work sent from the executor to a worker process: a line of JSON on the worker's stdin.

Why a model both sides import: the executor writes it and the worker reads it, in two processes; a field
renamed on one side is caught by validation at once, with the field's name, instead of a `KeyError` in a
child whose stderr nobody reads.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

SideEffect = Literal["none", "low", "high"]

# What makes an example spend its time waiting rather than computing: a pause of its own, a poll (its loop reads
# the poll hint, or an SDK `*_and_poll` / `poll` helper sleeps), a background response, the mock's fault
# headers, whose failures the SDK retries after a back-off and whose delays a timeout is shown against, or a server
# of its own (`serve_forever`), whose shutdown waits for the end of its poll interval (half a second).
_WAITS = re.compile(
    r"sleep\(|poll-after|_and_poll\(|\.poll\(|background=True|serve_forever\b"
    r"|x-mock-(?:status|delay-ms|drop|fail-times|retry-after-ms)"
)


class Job(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["example", "guide", "surface"]
    feature: str  # a catalog feature id, a guide block's name, or the resource of a surface job
    variant: str  # "sync" / "async" for cards, "guide", "surface"
    code: str = ""
    page: str | None = None  # guide jobs: the guide's slug
    side_effect: SideEffect = "none"  # guide jobs: the block's side-effect level
    include_side_effects: bool = False

    @property
    def waits(self) -> bool:
        """Whether the example mostly waits, read from its code (see `_WAITS`): the executor gives such jobs a
        worker of their own, so their pauses never hold up the examples that compute. A guess costs little
        either way: a quick job on that worker still runs at once, a missed one waits in the ordinary queue."""
        return bool(_WAITS.search(self.code))
