import base64

from openai import OpenAI

client = OpenAI()

result = client.images.generate(
    model="gpt-image-1-mini",
    prompt="An orange cat wearing an astronaut helmet, flat illustration style",
    size="1024x1024",
    quality="low",
)
image = (result.data or [])[0]
png = base64.b64decode(image.b64_json or "")
print("format:", result.output_format, "| size:", result.size)
print("decoded bytes:", len(png), "| PNG signature:", png.startswith(b"\x89PNG"))
