import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        response = await client.responses.create(
            model="gpt-5.4-mini",
            instructions="You are a concise Python teacher; answer in no more than two sentences.",
            input="What is the difference between a list comprehension and a plain for loop?",
        )

    print(response.status)
    print(response.output_text)


asyncio.run(main())
