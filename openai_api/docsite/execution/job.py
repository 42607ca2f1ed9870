"""One unit of work sent from the executor to a worker process: a line of JSON on the worker's stdin.

Why a model both sides import: the executor writes it and the worker reads it, in two processes; a field
renamed on one side is caught by validation at once, with the field's name, instead of a `KeyError` in a
child whose stderr nobody reads.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

SideEffect = Literal["none", "low", "high"]


class Job(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["example", "guide", "surface"]
    feature: str  # a catalog feature id, a guide block's name, or the resource of a surface job
    variant: str  # "sync" / "async" for cards, "guide", "surface"
    code: str = ""
    page: str | None = None  # guide jobs: the guide's slug
    side_effect: SideEffect = "none"  # guide jobs: the block's side-effect level
    include_side_effects: bool = False
