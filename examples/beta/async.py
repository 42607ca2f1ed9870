import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        page = await client.beta.assistants.list(limit=3, order="desc")
        print("本页助手数：", len(page.data))
        for assistant in page.data:
            print(assistant.id, assistant.name, assistant.model)


asyncio.run(main())
