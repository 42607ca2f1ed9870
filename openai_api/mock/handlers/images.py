"""POST /images/generations, /images/edits, /images/variations: real small PNGs in b64_json."""

from __future__ import annotations

import base64
from typing import Any

from ..call import Call
from ..media import png
from ..synth import EPOCH
from . import handles


def _images(call: Call, prompt: str) -> Any:
    n = int(call.body.get("n") or 1)
    data = [{"b64_json": base64.b64encode(png(f"{prompt}#{i}")).decode(), "revised_prompt": prompt} for i in range(n)]
    return call.coerce(call.route.cast_to, {"created": EPOCH, "data": data})


@handles("POST", "/images/generations")
def generate(call: Call) -> Any:
    return _images(call, str(call.body.get("prompt") or ""))


@handles("POST", "/images/edits")
def edit(call: Call) -> Any:
    return _images(call, str(call.body.get("prompt") or "edit"))


@handles("POST", "/images/variations")
def variation(call: Call) -> Any:
    return _images(call, "variation")
