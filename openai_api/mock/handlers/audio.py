"""Audio: speech returns real audio in the asked format (MP3 by default, as the real API; ``speech_audio``);
transcriptions/translations accept the upload and answer every response_format (json, text, srt, vtt,
verbose_json, diarized_json)."""

from __future__ import annotations

from typing import Any

from openai.types.audio import (
    Transcription,
    TranscriptionDiarized,
    TranscriptionVerbose,
    Translation,
    TranslationVerbose,
)

from openai_api.mock.content.replies import count_tokens
from openai_api.mock.content.speech import speech_audio
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.mock.wire import MockReply


@handles("POST", "/audio/speech")
def speech(call: Call) -> MockReply:
    fmt = call.body.get("response_format")
    data, content_type = speech_audio(str(call.body.get("input") or ""), str(fmt) if fmt else None)
    return MockReply(200, {"content-type": content_type}, data)


def _heard(call: Call) -> str:
    upload = call.files.get("file")
    name = upload.filename if upload else "audio"
    size = len(upload.data) if upload else 0
    return f"This is a mock transcription of {name} ({size} bytes)."


def _answer(call: Call, text: str, plain: type, verbose: type, diarized: type | None) -> Any:
    fmt = str(call.body.get("response_format") or "json")
    segment = {"id": 0, "start": 0.0, "end": 2.0, "text": text}
    if fmt == "text":
        return MockReply(200, {"content-type": "text/plain; charset=utf-8"}, text.encode())
    if fmt == "srt":
        return MockReply(200, {"content-type": "text/plain"}, f"1\n00:00:00,000 --> 00:00:02,000\n{text}\n".encode())
    if fmt == "vtt":
        return MockReply(
            200, {"content-type": "text/vtt"}, f"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n{text}\n".encode()
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
