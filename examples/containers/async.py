import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        container = await client.containers.create(name="docs-sandbox", memory_limit="1g")
        print("created:", container.name, container.status)
        page = await client.containers.list(name="docs-sandbox", limit=3, order="desc")
        for item in page.data:
            print("listed:", item.name, item.status, item.memory_limit)
        await client.containers.delete(container.id)


asyncio.run(main())
