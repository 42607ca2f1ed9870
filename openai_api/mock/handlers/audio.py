"""Audio: speech returns real audio in the asked format (MP3 by default, as the real API; ``speech_audio``);
transcriptions/translations accept the upload and answer every response_format (json, text, srt, vtt,
verbose_json, diarized_json).

What is "heard": speech this token had the mock synthesise comes back as the sentence it was made from (a
round trip reads like the real one); a WAV file without sound is silence, so its transcript is empty, as the
API's is (a model that "hears" words in silence hallucinates); other audio gets the reply bank's
transcription fallback."""

from __future__ import annotations

import hashlib
import io
import wave
from typing import Any

from openai.types.audio import (
    Transcription,
    TranscriptionDiarized,
    TranscriptionVerbose,
    Translation,
    TranslationVerbose,
)

from openai_api.mock.content.replies import count_tokens, fallback_text
from openai_api.mock.content.speech import speech_audio
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.mock.wire import MockReply


@handles("POST", "/audio/speech")
def speech(call: Call) -> MockReply:
    fmt = call.body.get("response_format")
    text = str(call.body.get("input") or "")
    data, content_type = speech_audio(text, str(fmt) if fmt else None)
    call.store.put(_SPOKEN, hashlib.sha256(data).hexdigest(), {"text": text})
    return MockReply(200, {"content-type": content_type}, data)


_SPOKEN = "/audio/speech"  # what this token's synthesised audio said, by the audio's hash
_SILENT_PEAK = 64  # 16-bit samples below this are no sound (about -54 dBFS)


def _silent(data: bytes) -> bool:
    """Whether ``data`` is a WAV file whose samples never rise above the noise floor."""
    try:
        with wave.open(io.BytesIO(data)) as wav:
            width, frames = wav.getsampwidth(), wav.readframes(wav.getnframes())
    except (wave.Error, EOFError):
        return False
    if width != 2:
        return not any(frames.strip(b"\x80" if width == 1 else b"\x00"))
    samples = memoryview(frames).cast("h")
    return max((abs(s) for s in samples), default=0) < _SILENT_PEAK


def _heard(call: Call) -> str:
    upload = call.files.get("file")
    data = upload.data if upload else b""
    spoken = call.store.get(_SPOKEN, hashlib.sha256(data).hexdigest())
    if spoken is not None:
        return str(spoken["text"])
    if not data or _silent(data):
        return ""
    return fallback_text("transcription", str(call.body.get("language") or ""))


def _answer(call: Call, text: str, plain: type, verbose: type, diarized: type | None) -> Any:
    fmt = str(call.body.get("response_format") or "json")
    segment = {"id": 0, "start": 0.0, "end": 2.0, "text": text}
    if fmt == "text":
        return MockReply(200, {"content-type": "text/plain; charset=utf-8"}, text.encode())
    if fmt == "srt":
        return MockReply(
            200, {"content-type": "text/plain; charset=utf-8"}, f"1\n00:00:00,000 --> 00:00:02,000\n{text}\n".encode()
        )
    if fmt == "vtt":
        return MockReply(
            200,
            {"content-type": "text/vtt; charset=utf-8"},
            f"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n{text}\n".encode(),
        )
    if fmt == "verbose_json":
        return call.synth.build(verbose, {"text": text, "language": "english", "duration": 2.0, "segments": [segment]})
    if fmt == "diarized_json" and diarized is not None:
        seg = dict(segment, speaker="A", type="transcript.text.segment", id="seg_0")
        return call.synth.build(diarized, {"text": text, "duration": 2.0, "segments": [seg]})
    return call.synth.build(plain, {"text": text, "usage": {"type": "tokens", "input_tokens": count_tokens(text)}})


@handles("POST", "/audio/transcriptions")
def transcription(call: Call) -> Any:
    return _answer(call, _heard(call), Transcription, TranscriptionVerbose, TranscriptionDiarized)


@handles("POST", "/audio/translations")
def translation(call: Call) -> Any:
    return _answer(call, _heard(call), Translation, TranslationVerbose, None)
