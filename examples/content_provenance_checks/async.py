import asyncio
import base64

from openai import AsyncOpenAI

png = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


async def main() -> None:
    async with AsyncOpenAI() as client:
        check = await client.content_provenance_checks.create(file=("pixel.png", png, "image/png"))
    for result in check.results:
        print(result.type, "->", result.outcome)
        if result.type == "c2pa":
            print("  清单验证状态：", result.validation_state)


asyncio.run(main())
