import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        page = await client.containers.list(limit=3, order="desc")
        for item in page.data:
            print("container:", item.id, item.name, item.status, item.memory_limit)
            if item.expires_after is not None:
                print("  expires", item.expires_after.minutes, "minutes after", item.expires_after.anchor)


asyncio.run(main())
