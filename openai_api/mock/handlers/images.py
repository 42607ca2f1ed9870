"""POST /images/generations, /images/edits, /images/variations: real pictures, and the response fields the
real API fills for the model family.

Why per family: GPT Image models answer with ``b64_json`` only and report the effective
``size``/``quality``/``background``/``output_format`` (resolving ``auto``) plus token ``usage``;
DALL·E models answer with ``url`` or ``b64_json`` (and a ``revised_prompt`` for dall-e-3) and none
of those fields. The picture has the pixel size the response states and is encoded in the ``output_format`` it
states (PNG, WebP, JPEG, SVG, or a GIF of ``frame_count`` frames; DALL·E models always PNG), as a program that
checks the file's header expects.
"""

from __future__ import annotations

import base64
from typing import Any

from openai_api.mock.content.images import dimensions, gif_timing, image_bytes, resolved_background
from openai_api.mock.content.replies import count_tokens
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.mock.handlers.provenance import remember_generated
from openai_api.sdk.synthesis import EPOCH

_GPT_IMAGE_ONLY = {"background", "output_format", "output_compression", "moderation", "quality", "input_fidelity"}
# output image tokens of GPT Image models by quality and size (the published per-image token table)
_OUTPUT_TOKENS = {
    "low": {"1024x1024": 272, "1024x1536": 408, "1536x1024": 400},
    "medium": {"1024x1024": 1056, "1024x1536": 1584, "1536x1024": 1568},
    "high": {"1024x1024": 4160, "1024x1536": 6240, "1536x1024": 6208},
}
_INPUT_IMAGE_TOKENS = 323  # what one input image costs an edit at the default fidelity


def _model(call: Call) -> str:
    given = call.body.get("model")
    if isinstance(given, str) and given:
        return given
    return "gpt-image-1" if _GPT_IMAGE_ONLY & call.body.keys() else "dall-e-2"


def _setting(call: Call, name: str, auto: str) -> str:
    value = call.body.get(name)
    return auto if value in (None, "", "auto") else str(value)


def _images(call: Call, prompt: str, input_images: int = 0) -> Any:
    n = int(call.body.get("n") or 1)
    model = _model(call)
    size = _setting(call, "size", "1024x1024")
    width, height = dimensions(size)
    output_format = _setting(call, "output_format", "png") if model.startswith("gpt-image") else "png"
    background = resolved_background(call.body.get("background"), output_format)
    frames, frame_ms = gif_timing(call.body)
    made = [image_bytes(f"{prompt}#{i}", width, height, output_format, frames, frame_ms) for i in range(n)]
    for picture in made:
        remember_generated(call, picture, model)
    pictures = [base64.b64encode(picture).decode() for picture in made]
    if not model.startswith("gpt-image"):
        return _dall_e(call, model, prompt, pictures)
    quality = _setting(call, "quality", "medium")
    text_tokens = count_tokens(prompt)
    image_tokens = _INPUT_IMAGE_TOKENS * input_images
    out_tokens = n * _OUTPUT_TOKENS.get(quality, _OUTPUT_TOKENS["medium"]).get(size, 1056)
    usage = {
        "input_tokens": text_tokens + image_tokens,
        "input_tokens_details": {"text_tokens": text_tokens, "image_tokens": image_tokens},
        "output_tokens": out_tokens,
        "output_tokens_details": {"text_tokens": 0, "image_tokens": out_tokens},
        "total_tokens": text_tokens + image_tokens + out_tokens,
    }
    response = {
        "created": EPOCH,
        "data": [{"b64_json": picture} for picture in pictures],
        "background": background,
        "output_format": output_format,
        "quality": quality,
        "size": size,
        "usage": usage,
    }
    return call.coerce(call.route.cast_to, response)


def _dall_e(call: Call, model: str, prompt: str, pictures: list[str]) -> Any:
    revised = {"revised_prompt": prompt} if model == "dall-e-3" else {}
    if call.body.get("response_format") == "b64_json":
        data = [{"b64_json": picture, **revised} for picture in pictures]
    else:
        data = [
            {"url": f"https://images.example.com/mock/{call.synth.new_id('img-')}.png", **revised} for _ in pictures
        ]
    return call.coerce(call.route.cast_to, {"created": EPOCH, "data": data})


@handles("POST", "/images/generations")
def generate(call: Call) -> Any:
    return _images(call, str(call.body.get("prompt") or ""))


@handles("POST", "/images/edits")
def edit(call: Call) -> Any:
    images = [name for name in call.files if name.startswith("image")]
    return _images(call, str(call.body.get("prompt") or "edit"), max(1, len(images)))


@handles("POST", "/images/variations")
def variation(call: Call) -> Any:
    return _images(call, "variation")
