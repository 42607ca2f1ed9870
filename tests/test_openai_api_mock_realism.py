"""Realism of the mock: what a reader of the examples sees must match what OpenAI would answer.

Every test goes through the unmodified SDK with strict response validation, so a shape the real
API would not send fails here before it reaches the docs.
"""

from __future__ import annotations

import array
import asyncio
import base64
import io
import json
import math
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable

import openai
import pytest
from conftest import gif_frames, picture_header
from openai import OpenAI
from openai.types.moderation import Categories

from openai_api.mock import data as mock_data
from openai_api.mock.adapters.transport import async_mock_client
from openai_api.mock.content.image_formats import gif_image, jpeg_image, webp_image
from openai_api.mock.content.images import _adler32_combine, image_bytes, png_centre, png_image
from openai_api.mock.content.replies import is_chinese
from openai_api.mock.content.tones import tone_samples
from openai_api.mock.core import MockAPI
from openai_api.mock.ratelimit import RATE_LIMIT_HEADERS

# --- conversations -------------------------------------------------------------------------------


# --- decisions -----------------------------------------------------------------------------------


def test_decision_answers_every_question_in_order_with_its_kind(client: OpenAI) -> None:
    decision = client.decisions.create(
        model="gpt-6-luna",
        input="耳机左边没声音，联系客服三天都没人回，我要退货退款。",
        questions=[
            {"type": "predicate", "name": "complaint", "instructions": "这条留言是在投诉吗？"},
            {"type": "predicate", "name": "wants_refund", "instructions": "用户是否明确要求退款？"},
            {"type": "predicate", "name": "praise", "instructions": "Is the customer praising the product?"},
            {
                "type": "choice",
                "name": "team",
                "instructions": "Which team should handle it?",
                "choices": [
                    {"value": "billing", "description": "账单、发票"},
                    {"value": "after_sales", "description": "退货、退款、维修"},
                ],
            },
            {
                "type": "score",
                "name": "severity",
                "instructions": "How severe is this?",
                "levels": [{"label": "minor"}, {"label": "moderate"}, {"label": "blocking"}],
            },
        ],
    )
    names = [a.name for a in decision.answers]
    assert names == ["complaint", "wants_refund", "praise", "team", "severity"]
    complaint, refund, praise, team, severity = decision.answers
    assert complaint.type == "predicate" and refund.type == "predicate" and praise.type == "predicate"
    assert complaint.probability > 0.8 and refund.probability > 0.8 and praise.probability < 0.2
    assert team.type == "choice" and team.choice == "after_sales"
    assert [p.value for p in team.probabilities] == ["billing", "after_sales"]
    assert abs(sum(p.probability for p in team.probabilities) - 1) < 1e-3 and team.confidence > 0.5
    assert severity.type == "score" and 0 <= severity.score <= 2
    assert [(p.label, p.value) for p in severity.probabilities] == [("minor", 0), ("moderate", 1), ("blocking", 2)]
    assert decision.model == "gpt-6-luna" and decision.usage.input_tokens > 0
    assert decision.usage.total_tokens == decision.usage.input_tokens + decision.usage.output_tokens
    dumped = decision.model_dump()
    assert "questions" not in dumped and "input" not in dumped  # nothing request-only echoed


def test_decision_is_deterministic_and_unnamed_questions_answer_null(client: OpenAI) -> None:
    args = {
        "model": "gpt-6-luna",
        "input": [{"role": "user", "content": "I love it, thanks!"}],
        "questions": [{"type": "choice", "instructions": "Mood?", "choices": [{"value": True}, {"value": False}]}],
    }
    first, second = client.decisions.create(**args), client.decisions.create(**args)
    assert first == second
    answer = first.answers[0]
    assert answer.name is None and answer.type == "choice" and answer.choice is True


_ANGER = {
    "en": ("How unhappy is the user?", ["calm", "annoyed", "furious"]),
    "zh": ("用户有多不满？", ["平静", "恼火", "愤怒"]),
}


def _anger(client: OpenAI, lang: str, text: str) -> tuple[float, int]:
    """The decisions card's exercise: the anger score of ``text`` and the index of its most likely level."""
    instructions, labels = _ANGER[lang]
    decision = client.decisions.create(
        model="gpt-6-luna",
        input=text,
        questions=[
            {
                "type": "score",
                "name": "anger",
                "instructions": instructions,
                "levels": [{"label": label} for label in labels],
            }
        ],
    )
    answer = decision.answers[0]
    assert answer.type == "score" and [p.label for p in answer.probabilities] == labels
    top = max(answer.probabilities, key=lambda p: p.probability)
    return answer.score, top.value


@pytest.mark.parametrize(
    ("en", "zh", "level", "score"),
    [
        # the card's exercise: a silent earbud, no reply for days, disappointment: three signs, the top level
        (
            "The left earbud is silent and support hasn't replied in three days. So disappointing.",
            "耳机左边没声音，联系客服三天都没人回，太失望了。",
            2,
            1.7082,
        ),
        ("The left earbud is silent.", "耳机左边没声音。", 1, 0.9155),  # one sign: the middle level
        ("Thanks, the earbuds arrived on time and sound great.", "谢谢，耳机按时到了，音质很好。", 0, 0.2918),
    ],
)
def test_decision_scores_the_same_text_alike_in_english_and_chinese(
    client: OpenAI, en: str, zh: str, level: int, score: float
) -> None:
    en_score, en_level = _anger(client, "en", en)
    zh_score, zh_level = _anger(client, "zh", zh)
    assert en_level == zh_level == level
    assert en_score == pytest.approx(score, abs=1e-3) and zh_score == pytest.approx(score, abs=1e-3)


def test_decision_predicates_agree_across_languages_on_the_cards_example(client: OpenAI) -> None:
    def probabilities(text: str, complaint: str, refund: str) -> list[float]:
        decision = client.decisions.create(
            model="gpt-6-luna",
            input=text,
            questions=[
                {"type": "predicate", "name": "complaint", "instructions": complaint},
                {"type": "predicate", "name": "wants_refund", "instructions": refund},
            ],
        )
        return [a.probability for a in decision.answers if a.type == "predicate"]

    en = probabilities(
        "The left earbud is silent, support hasn’t replied in three days: I want to return it for a refund.",
        "Is this message a complaint?",
        "Does the user explicitly ask for a refund?",
    )
    zh = probabilities(
        "耳机左边没声音，联系客服三天都没人回，我要退货退款。", "这条留言是在投诉吗？", "用户是否明确要求退款？"
    )
    assert en == zh == [0.95, 0.861]
    calm = probabilities("Thanks, it works perfectly.", "Is this message a complaint?", "Does the user want a refund?")
    assert calm == [0.06, 0.06]


def test_decision_cues_are_spelled_in_english_and_chinese() -> None:
    cues = mock_data.decisions()["cues"]
    assert set(cues) == {"complaint", "refund", "urgent"}
    for name, family in cues.items():
        for spellings in [family["asks"], *family["signs"]]:
            chinese = [s for s in spellings if re.search(r"[\u4e00-\u9fff]", s)]
            english = [s for s in spellings if s.isascii()]
            assert chinese and english, (name, spellings)
            assert len(chinese) + len(english) == len(spellings), (name, spellings)


# --- moderations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你再敢来，我就打断你的腿。", {"violence", "harassment", "harassment/threatening"}),
        ("I am going to kill you", {"violence", "harassment", "harassment/threatening"}),
        ("I want to kill myself", {"self-harm", "self-harm/intent"}),
        ("我不想活了，想自杀", {"self-harm", "self-harm/intent"}),
        ("You are a worthless idiot", {"harassment"}),
        ("你这个白痴", {"harassment"}),
    ],
)
def test_harmful_text_is_flagged_with_its_categories(client: OpenAI, text: str, expected: set[str]) -> None:
    result = client.moderations.create(model="omni-moderation-latest", input=text).results[0]
    hits = {name for name, hit in result.categories.model_dump(by_alias=True).items() if hit}
    assert result.flagged is True and hits == expected
    scores = result.category_scores.model_dump(by_alias=True)
    assert all(scores[c] > 0.8 for c in expected) and all(scores[c] < 0.01 for c in scores if c not in expected)


def test_every_moderation_rule_names_api_categories_in_both_languages() -> None:
    """The rules are data (`mock/data/moderations.yaml`): a misspelt category would score nothing the SDK reads,
    and a rule with one language's phrases only would judge the same text differently by language."""
    known = {field.alias or name for name, field in Categories.model_fields.items()}
    rules = mock_data.moderations()["rules"]
    assert rules
    for rule in rules:
        assert set(rule["scores"]) <= known, rule["scores"]
        assert all(0.5 < score < 1 for score in rule["scores"].values()), rule["scores"]
        assert any(is_chinese(p) for p in rule["phrases"]) and any(not is_chinese(p) for p in rule["phrases"]), rule


def test_a_list_input_gets_one_result_per_string(client: OpenAI) -> None:
    result = client.moderations.create(input=["今天天气真好，一起去公园野餐吧！", "你再敢来，我就打断你的腿。"])
    assert [r.flagged for r in result.results] == [False, True]
    assert all(0 < s < 0.01 for s in result.results[0].category_scores.model_dump().values())


def test_multimodal_parts_are_one_input(client: OpenAI) -> None:
    result = client.moderations.create(
        input=[{"type": "text", "text": "a cat"}, {"type": "image_url", "image_url": {"url": "https://x/cat.png"}}]
    )
    assert len(result.results) == 1
    applied = result.results[0].category_applied_input_types.model_dump(by_alias=True)
    assert applied["violence"] == ["text", "image"] and applied["harassment"] == ["text"]


# --- uploads and files -----------------------------------------------------------------------------


def test_upload_parts_complete_into_a_file_with_their_bytes(client: OpenAI) -> None:
    data = b"hello from a multi-part upload\n" * 4
    upload = client.uploads.create(bytes=len(data), filename="notes.txt", mime_type="text/plain", purpose="assistants")
    assert upload.status == "pending" and upload.expires_at > upload.created_at and upload.file is None
    parts = [client.uploads.parts.create(upload.id, data=data[i : i + 64]) for i in range(0, len(data), 64)]
    assert all(p.id.startswith("part_") and p.upload_id == upload.id for p in parts)
    done = client.uploads.complete(upload.id, part_ids=[p.id for p in parts])
    assert done.status == "completed" and done.file is not None
    assert (done.file.filename, done.file.bytes, done.file.purpose) == ("notes.txt", len(data), "assistants")
    assert client.files.content(done.file.id).read() == data
    with pytest.raises(openai.BadRequestError):
        client.uploads.cancel(upload.id)  # a completed upload cannot be cancelled


def test_upload_size_mismatch_and_cancel(client: OpenAI) -> None:
    upload = client.uploads.create(bytes=10, filename="a.txt", mime_type="text/plain", purpose="assistants")
    part = client.uploads.parts.create(upload.id, data=b"short")
    with pytest.raises(openai.BadRequestError):
        client.uploads.complete(upload.id, part_ids=[part.id])
    assert client.uploads.cancel(upload.id).status == "cancelled"


def test_files_keep_name_and_bytes_and_filter_by_purpose(client: OpenAI) -> None:
    first = client.files.create(file=("requests.jsonl", b'{"a": 1}\n'), purpose="batch")
    again = client.files.create(file=("requests.jsonl", b'{"a": 1}\n'), purpose="batch")  # the identical upload
    client.files.create(file=("notes.txt", b"x"), purpose="assistants")
    assert first.id != again.id and first.filename == "requests.jsonl"
    assert [f.filename for f in client.files.list(purpose="batch")] == ["requests.jsonl", "requests.jsonl"]
    assert client.files.content(first.id).read() == b'{"a": 1}\n'


# --- images ----------------------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_gpt_image_generation_reports_its_settings_and_usage(client: OpenAI) -> None:
    result = client.images.generate(model="gpt-image-1-mini", prompt="一只橘猫", size="1024x1536", quality="low")
    assert (result.output_format, result.size, result.quality, result.background) == (
        "png",
        "1024x1536",
        "low",
        "opaque",
    )
    assert result.data and result.data[0].b64_json and result.data[0].url is None
    assert _png_size(base64.b64decode(result.data[0].b64_json)) == (1024, 1536)
    assert result.usage is not None and result.usage.output_tokens == 408
    assert result.usage.total_tokens == result.usage.input_tokens + result.usage.output_tokens


def _png_rows(data: bytes) -> list[bytes]:
    """The filtered rows of a one-IDAT RGB PNG; `zlib.decompress` checks the stream's Adler-32 on the way."""
    width, height = _png_size(data)
    (length,) = struct.unpack(">I", data[33:37])
    assert data[37:41] == b"IDAT"
    raw = zlib.decompress(data[41 : 41 + length])
    stride = 3 * width + 1
    assert len(raw) == height * stride
    return [raw[y * stride : (y + 1) * stride] for y in range(height)]


@pytest.mark.parametrize(("width", "height"), [(1024, 1536), (1536, 1024), (256, 256), (3, 2), (1, 1)])
def test_generated_pngs_decode_to_their_gradient_whatever_was_generated_before(width: int, height: int) -> None:
    """The rows below the first are compressed once per size and reused: a second picture of the same size, from
    another prompt, must still be a valid stream with its own first row and the same rows below it."""
    cat, dog = png_image("a cat", width, height), png_image("a dog", width, height)
    cat_rows, dog_rows = _png_rows(cat), _png_rows(dog)
    assert cat_rows[1:] == dog_rows[1:]
    assert [row[0] for row in cat_rows] == [0] + [2] * (height - 1)  # filters: none, then "Up"
    if width > 1:
        assert cat_rows[0] != dog_rows[0]  # each prompt's own colours
    assert png_image("a cat", width, height) == cat


def test_adler32_of_two_parts_is_the_adler32_of_both() -> None:
    samples = [b"", b"a", b"PNG" * 7, bytes(range(256)) * 300, b"\xff" * 70000, b"\x00\x02" * 40000]
    for first in samples:
        for second in samples:
            assert _adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second)) == zlib.adler32(
                first + second
            )


@pytest.mark.parametrize(("rate", "period"), [(24000, 600), (44100, 2205), (16000, 400), (8000, 200)])
def test_a_tone_is_its_period_repeated_and_as_long_as_asked(rate: int, period: int) -> None:
    samples = array.array("h", tone_samples(2.5, rate))
    if sys.byteorder == "big":
        samples.byteswap()
    assert len(samples) == int(rate * 2.5)
    assert samples[:5].tolist() == [int(3000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(5)]
    assert samples[period : 2 * period] == samples[:period] and max(samples) <= 3000 and min(samples) >= -3000
    assert len(tone_samples(0.001, rate)) == 2 * int(rate * 0.001) and tone_samples(0.0, rate) == b""


def test_auto_settings_resolve_like_the_real_api(client: OpenAI) -> None:
    result = client.images.generate(model="gpt-image-1", prompt="cat", size="auto", quality="auto", n=2)
    assert (result.size, result.quality, result.output_format) == ("1024x1024", "medium", "png")
    assert result.data is not None and len(result.data) == 2


def test_image_edit_counts_the_input_image(client: OpenAI) -> None:
    image = base64.b64decode(client.images.generate(model="gpt-image-1", prompt="cat").data[0].b64_json or "")  # type: ignore[index]
    edited = client.images.edit(model="gpt-image-1", image=("cat.png", image, "image/png"), prompt="add a hat")
    assert edited.usage is not None and edited.usage.input_tokens_details.image_tokens > 0
    assert edited.size == "1024x1024" and edited.output_format == "png"


@pytest.mark.parametrize("output_format", ["png", "webp", "jpeg", "gif", "svg"])
def test_generated_images_are_encoded_in_the_output_format_reported(client: OpenAI, output_format: str) -> None:
    result = client.images.generate(
        model="gpt-image-1-mini",
        prompt="晨雾中的西湖断桥",
        size="1024x1536",
        quality="low",
        output_format=output_format,  # type: ignore[arg-type]
        output_compression=80,
        n=2,
    )
    assert result.output_format == output_format and result.data is not None and len(result.data) == 2
    for image in result.data:
        assert picture_header(base64.b64decode(image.b64_json or "")) == (output_format, 1024, 1536)


@pytest.mark.parametrize(
    ("given", "output_format"), [("png", "webp"), ("webp", "jpeg"), ("jpeg", "png"), ("png", "gif"), ("jpeg", "svg")]
)
def test_edited_images_are_encoded_in_the_output_format_reported(
    client: OpenAI, given: str, output_format: str
) -> None:
    source = client.images.generate(model="gpt-image-1", prompt="cat", output_format=given)  # type: ignore[arg-type]
    image = base64.b64decode((source.data or [])[0].b64_json or "")
    assert picture_header(image) == (given, 1024, 1024)
    edited = client.images.edit(
        model="gpt-image-1",
        image=(f"cat.{given}", image, f"image/{given}"),
        prompt="add a hat",
        size="1536x1024",
        output_format=output_format,  # type: ignore[arg-type]
    )
    assert (edited.output_format, edited.size) == (output_format, "1536x1024") and edited.data
    assert picture_header(base64.b64decode(edited.data[0].b64_json or "")) == (output_format, 1536, 1024)
    assert edited.usage is not None and edited.usage.input_tokens_details.image_tokens > 0


def test_a_transparent_background_is_kept_only_in_a_format_with_an_alpha_channel(client: OpenAI) -> None:
    """As on the real API: `transparent` with JPEG is a 400 naming `background`; PNG and WebP keep it; `auto` is
    reported as `opaque`."""
    for output_format in ("png", "webp"):
        kept = client.images.generate(
            model="gpt-image-1", prompt="a sticker of a cat", background="transparent", output_format=output_format
        )
        assert (kept.background, kept.output_format) == ("transparent", output_format)
    auto = client.images.generate(model="gpt-image-1", prompt="cat", background="auto", output_format="jpeg")
    assert (auto.background, auto.output_format) == ("opaque", "jpeg")
    with pytest.raises(openai.BadRequestError) as refused:
        client.images.generate(model="gpt-image-1", prompt="cat", background="transparent", output_format="jpeg")
    assert refused.value.body == {
        "message": "Invalid value for 'background': 'transparent' is not supported with output_format 'jpeg'; "
        "use 'png' or 'webp', or an opaque background.",
        "type": "invalid_request_error",
        "param": "background",
        "code": "invalid_value",
    }


def test_a_gif_is_an_animation_of_the_frames_asked_for(client: OpenAI) -> None:
    """Nine frames of 200 ms unless `frame_count` / `frame_duration_ms` say, looping, each a picture of its own."""
    default = client.images.generate(model="gpt-image-2", prompt="一只跳舞的猫", output_format="gif", size="1024x1024")
    loops, frames = gif_frames(base64.b64decode((default.data or [])[0].b64_json or ""))
    assert loops and len(frames) == 9 and {delay for _, delay, _ in frames} == {200}
    assert len({colour for colour, _, _ in frames}) == 9 and all(len(set(pixels)) == 1 for _, _, pixels in frames)
    asked = client.images.generate(
        model="gpt-image-2", prompt="cat", output_format="gif", size="1024x1536", frame_count=3, frame_duration_ms=120
    )
    data = base64.b64decode((asked.data or [])[0].b64_json or "")
    assert picture_header(data) == ("gif", 1024, 1536)
    loops, frames = gif_frames(data)
    assert loops and [delay for _, delay, _ in frames] == [120, 120, 120]
    refusals = {
        1: ("integer_below_min_value", "integer below minimum value. Expected a value >= 2, but got 1 instead."),
        17: ("integer_above_max_value", "integer above maximum value. Expected a value <= 16, but got 17 instead."),
    }
    for count, (code, words) in refusals.items():
        with pytest.raises(openai.BadRequestError) as refused:
            client.images.generate(model="gpt-image-2", prompt="cat", output_format="gif", frame_count=count)
        assert refused.value.code == code and refused.value.param == "frame_count"
        assert refused.value.body == {
            "message": f"Invalid 'frame_count': {words}",
            "type": "invalid_request_error",
            "param": "frame_count",
            "code": code,
        }


@pytest.mark.parametrize(("width", "height"), [(1, 1), (3, 2), (17, 33), (4096, 4096)])
def test_a_gif_frame_decodes_to_its_size_in_one_colour(width: int, height: int) -> None:
    """4096 x 4096 runs the LZW table full twice over, so the codes go through clear codes at 12 bits."""
    colours = [(1, 2, 3), (250, 128, 0)]
    loops, frames = gif_frames(gif_image(colours, width, height, frame_ms=50))
    assert loops and [(colour, delay) for colour, delay, _ in frames] == [(c, 50) for c in colours]
    assert [pixels for _, _, pixels in frames] == [bytes(width * height), bytes([1]) * width * height]
    one = gif_image([(9, 9, 9)], width, height, frame_ms=200)
    assert picture_header(one) == ("gif", width, height) and gif_frames(one)[0] is False


def _webp_colour(data: bytes) -> tuple[int, int, int, int]:
    """The ARGB of a one-colour VP8L image: no transform, no colour cache, no meta codes, and five simple prefix
    codes of one symbol each (green, red, blue, alpha, distance), read bit by bit, least significant first."""
    bits, position = int.from_bytes(data[25:], "little"), 0

    def read(count: int) -> int:
        nonlocal position
        value = (bits >> position) & ((1 << count) - 1)
        position += count
        return value

    assert (read(1), read(1), read(1)) == (0, 0, 0)  # transform, colour cache, meta prefix codes
    symbols = []
    for _ in range(5):
        assert (read(1), read(1)) == (1, 0)  # a simple code of one symbol
        symbols.append(read(8 if read(1) else 1))
    green, red, blue, alpha, distance = symbols
    assert distance == 0 and 8 * len(data[25:]) - position < 8  # nothing left but the last byte's padding
    return alpha, red, green, blue


@pytest.mark.parametrize(("width", "height"), [(1, 1), (3, 2), (17, 33), (1024, 1536), (1536, 1024), (16384, 2)])
def test_webp_and_jpeg_are_one_colour_files_of_any_size(width: int, height: int) -> None:
    colour = png_centre("a cat", width, height)
    webp = image_bytes("a cat", width, height, "webp")
    assert picture_header(webp) == ("webp", width, height) and len(webp) <= 40
    assert _webp_colour(webp) == (255, *colour)
    jpeg = image_bytes("a cat", width, height, "jpeg")
    assert picture_header(jpeg) == ("jpeg", width, height)
    assert jpeg != jpeg_image((colour[0] ^ 64, colour[1], colour[2]), width, height)  # the colour is in the bytes
    assert image_bytes("a cat", width, height, "png") == png_image("a cat", width, height)


def test_the_webp_and_jpeg_colour_is_the_pngs_centre_pixel() -> None:
    width, height = 64, 300  # the "Up" rows brighten the centre: one step every two rows
    rows = _png_rows(png_image("a dog", width, height))
    pixel = bytearray(rows[0][1:])
    for row in rows[1 : height // 2 + 1]:
        pixel = bytearray((a + b) & 0xFF for a, b in zip(pixel, row[1:], strict=True))
    x = width // 2
    assert png_centre("a dog", width, height) == tuple(pixel[3 * x : 3 * x + 3])
    assert png_centre("a dog", width, height) != png_centre("a cat", width, height)


@pytest.mark.parametrize(
    ("encode", "size"),
    [
        *[(webp_image, size) for size in [(0, 1), (1, 0), (16385, 1), (1, 16385)]],
        *[(jpeg_image, size) for size in [(0, 1), (1, 0), (65536, 1), (1, 65536)]],
    ],
)
def test_encoders_refuse_sizes_their_headers_cannot_hold(
    encode: Callable[[tuple[int, int, int], int, int], bytes], size: tuple[int, int]
) -> None:
    with pytest.raises(ValueError):
        encode((1, 2, 3), *size)


# --- batches and fine-tuning -------------------------------------------------------------------------


def test_fine_tuning_job_lifecycle(client: OpenAI) -> None:
    row = {"messages": [{"role": "user", "content": "你好"}, {"role": "assistant", "content": "你好！"}]}
    train = client.files.create(file=("train.jsonl", "\n".join([json.dumps(row)] * 10).encode()), purpose="fine-tune")
    job = client.fine_tuning.jobs.create(model="gpt-4.1-mini-2025-04-14", training_file=train.id, suffix="docs")
    assert job.id.startswith("ftjob-") and job.status == "validating_files" and job.fine_tuned_model is None
    assert [j.status for j in client.fine_tuning.jobs.list(limit=3) if j.id == job.id] == ["validating_files"]
    assert client.fine_tuning.jobs.retrieve(job.id).status == "running"
    done = client.fine_tuning.jobs.retrieve(job.id)
    assert (
        done.status == "succeeded"
        and done.fine_tuned_model == f"ft:gpt-4.1-mini-2025-04-14:mock-org:docs:{job.id[-8:]}"
    )
    assert done.trained_tokens and done.finished_at and done.result_files
    with pytest.raises(openai.BadRequestError):
        client.fine_tuning.jobs.cancel(job.id)
    other = client.fine_tuning.jobs.create(model="gpt-4.1-mini-2025-04-14", training_file=train.id)
    assert client.fine_tuning.jobs.cancel(other.id).status == "cancelled"


# --- containers, skills, realtime ---------------------------------------------------------------------


def test_new_container_is_running(client: OpenAI) -> None:
    container = client.containers.create(name="docs-sandbox", memory_limit="1g")
    assert container.status == "running" and container.expires_after is not None
    listed = client.containers.list(name="docs-sandbox").data
    assert [(c.name, c.status, c.memory_limit) for c in listed] == [("docs-sandbox", "running", "1g")]
    assert client.containers.list(name="other").data == []


def _skill_zip(name: str, description: str) -> bytes:
    """A skill bundle whose bytes depend on its arguments only: a zip entry carries a time, and one taken from the
    clock made two bundles built a moment apart differ (at a two-second boundary)."""
    buffer = io.BytesIO()
    entry = zipfile.ZipInfo(f"{name}/SKILL.md", date_time=(2026, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(entry, f"---\nname: {name}\ndescription: {description}\n---\nBody.\n")
    return buffer.getvalue()


def test_skill_metadata_comes_from_skill_md(client: OpenAI) -> None:
    bundle = _skill_zip("haiku", "Write a haiku.")
    skill = client.skills.create(files=("haiku.zip", bundle, "application/zip"))
    assert (skill.name, skill.description, skill.default_version, skill.latest_version) == (
        "haiku",
        "Write a haiku.",
        "1",
        "1",
    )
    version = client.skills.versions.create(skill.id, files=("haiku.zip", _skill_zip("haiku", "v2"), "application/zip"))
    assert version.version == "2" and version.skill_id == skill.id and version.description == "v2"
    assert client.skills.retrieve(skill.id).latest_version == "2"
    assert client.skills.content.retrieve(skill.id).read() == _skill_zip("haiku", "v2")


def test_skill_md_without_front_matter_is_rejected(client: OpenAI) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x/SKILL.md", "no front matter")
    with pytest.raises(openai.BadRequestError):
        client.skills.create(files=("x.zip", buffer.getvalue(), "application/zip"))


def test_realtime_client_secret_is_an_ephemeral_key(client: OpenAI) -> None:
    secret = client.realtime.client_secrets.create(
        session={"type": "realtime", "model": "gpt-realtime", "instructions": "简洁"},
        expires_after={"anchor": "created_at", "seconds": 600},
    )
    assert secret.value.startswith("ek_") and len(secret.value) > 20
    assert secret.session.type == "realtime" and secret.session.model == "gpt-realtime"
    assert secret.expires_at == 1767225600 + 600


# --- fixtures ------------------------------------------------------------------------------------------


def test_account_fixtures_are_listed(client: OpenAI) -> None:
    projects = client.admin.organization.projects.list().data
    assert [p.name for p in projects] == ["Default project", "Customer support bot"]
    assert all(p.id.startswith("proj_") and p.status == "active" for p in projects)
    assistants = client.beta.assistants.list().data
    assert len(assistants) == 1 and assistants[0].id.startswith("asst_") and assistants[0].name
    videos = client.videos.list().data
    assert [(v.model, v.status, v.progress) for v in videos] == [("sora-2", "completed", 100)]
    assert client.videos.retrieve(videos[0].id).seconds == "8"


# --- rate-limit headers ------------------------------------------------------------------------------------


def test_successful_replies_carry_rate_limit_headers(client: OpenAI) -> None:
    raw = client.with_raw_response.responses.create(model="gpt-5.4-mini", input="hi")
    for name, value in RATE_LIMIT_HEADERS.items():
        assert raw.headers.get(name) == value
    generic = client.with_raw_response.vector_stores.create(name="x")  # the generic REST behaviour
    assert generic.headers.get("x-ratelimit-remaining-requests") == "9999"
    with client.with_streaming_response.chat.completions.create(
        model="gpt-5.4-mini", messages=[{"role": "user", "content": "hi"}], stream=True
    ) as streamed:
        assert streamed.headers.get("x-ratelimit-limit-tokens") == RATE_LIMIT_HEADERS["x-ratelimit-limit-tokens"]


def test_async_client_sees_the_same_behaviour() -> None:
    async def main() -> tuple[str, str]:
        async with async_mock_client(MockAPI(), _strict_response_validation=True, max_retries=0) as aclient:
            conversation = await aclient.conversations.create(items=[{"role": "user", "content": "hi"}])
            items = await aclient.conversations.items.list(conversation.id)
            batch = await aclient.batches.create(
                input_file_id="file_demo", endpoint="/v1/responses", completion_window="24h"
            )
            return items.data[0].type, batch.status

    assert asyncio.run(main()) == ("message", "validating")
