import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        request = client.with_streaming_response.responses.create(
            model="gpt-5.4-mini",
            input="用一句话介绍什么是惰性读取（lazy reading）。",
        )
        async with request as response:
            print("状态码：", response.status_code, response.headers.get("content-type"))
            print("请求 id：", response.request_id)
            result = await response.parse()

    print(result.output_text)


asyncio.run(main())
