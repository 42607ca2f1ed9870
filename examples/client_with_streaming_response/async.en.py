import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        request = client.with_streaming_response.responses.create(
            model="gpt-5.4-mini",
            input="Explain in one sentence what lazy reading is.",
        )
        async with request as response:
            print("status:", response.status_code, response.headers.get("content-type"))
            print("request id:", response.request_id)
            result = await response.parse()

    print(result.output_text)


asyncio.run(main())
