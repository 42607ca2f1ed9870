import base64

from openai import OpenAI

client = OpenAI()

result = client.images.generate(
    model="gpt-image-1-mini",
    prompt="一只戴宇航员头盔的橘猫，扁平插画风格",
    size="1024x1024",
    quality="low",
)
image = (result.data or [])[0]
png = base64.b64decode(image.b64_json or "")
print("格式：", result.output_format, "| 尺寸：", result.size)
print("解码后的字节数：", len(png), "| PNG 文件头：", png.startswith(b"\x89PNG"))
