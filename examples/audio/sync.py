import io
import wave

from openai import OpenAI

client = OpenAI()

buffer = io.BytesIO()
with wave.open(buffer, "wb") as wav:
    wav.setnchannels(1)
    wav.setsampwidth(2)
    wav.setframerate(16000)
    wav.writeframes(b"\x00\x00" * 16000)

transcript = client.audio.transcriptions.create(
    model="gpt-4o-mini-transcribe",
    file=("silence.wav", buffer.getvalue(), "audio/wav"),
)
print("上传的 WAV 字节数：", len(buffer.getvalue()))
print("转写文本：", repr(transcript.text))
