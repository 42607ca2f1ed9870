"""What a handler gets: the matched route, decoded body, path params, the store and a seeded synthesizer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from openai_api.mock.bodies import Upload
from openai_api.mock.state.store import Store
from openai_api.mock.wire import MockRequest
from openai_api.sdk.routes import Route, RouteTable
from openai_api.sdk.synthesis import Synthesizer, validates

__all__ = ["Call"]


@dataclass
class Call:
    request: MockRequest
    route: Route
    path_params: dict[str, str]
    body: dict[str, Any]
    files: dict[str, Upload]
    store: Store
    table: RouteTable
    profile: dict[str, Any]
    origin: str = ""  # the id of the HTTP request this call answers (a batch line: its own id)
    synth: Synthesizer = field(init=False)

    def __post_init__(self) -> None:
        model = self.body.get("model")
        self.synth = Synthesizer(self.seed, model if isinstance(model, str) and model else self.default_model)

    @property
    def default_model(self) -> str:
        return str(self.profile.get("default_model", "gpt-5.4-mini"))

    @property
    def seed(self) -> str:
        """Deterministic per request, never per time: the request's id (unique per token and rank in the token's
        history) with its verb, path and query. Not the body: a multipart body carries a random boundary, which
        would make the ids of an uploaded file differ from run to run; and two identical bodies sent twice must
        still create two objects with two ids. Without an origin (a bare call), the body decides."""
        digest = hashlib.sha256()
        digest.update(
            f"{self.origin}|{self.request.method} {self.request.path} {sorted(self.request.query.items())}".encode()
        )
        if not self.origin:
            digest.update(self.request.body)
        return digest.hexdigest()[:16]

    def concrete(self, template: str) -> str:
        """Fill a template's params from this call's path params."""
        out = template
        for name, value in self.path_params.items():
            out = out.replace("{" + name + "}", value)
        return out

    def coerce(self, tp: Any, obj: dict[str, Any] | None = None) -> Any:
        """``obj`` completed into a valid ``tp`` (the stored/echoed fields win where they validate)."""
        if obj is not None:
            obj = {k: v for k, v in obj.items() if not k.startswith("_")}  # private bookkeeping
        if obj is not None and validates(tp, obj):
            return obj
        return self.synth.build(tp, obj or {})

    def coerce_all(self, tp: Any, objs: list[dict[str, Any]]) -> list[Any]:
        """``coerce`` of each object, checked first as one list: stored objects are nearly always valid
        already, and one validation of the list costs a fraction of one per object (``GET /models``
        answers 150 of them)."""
        public = [{k: v for k, v in obj.items() if not k.startswith("_")} for obj in objs]
        if public and validates(list[tp], public):
            return public
        return [self.coerce(tp, obj) for obj in public]
