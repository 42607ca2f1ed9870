import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        raw = await client.with_raw_response.responses.create(
            model="gpt-5.4-mini",
            input="Explain in one sentence what an HTTP status code is.",
        )

    print("status:", raw.status_code, raw.headers.get("content-type"))
    print("x-request-id:", raw.headers.get("x-request-id"))

    response = raw.parse()
    print(response.output_text)


asyncio.run(main())
