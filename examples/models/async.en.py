import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        model = "gpt-5.4-mini"
        page = await client.models.list()
        ids = sorted(m.id for m in page.data)
        print(f"{len(ids)} models, for example: {ids[:3]}")
        print(f"{model} available:", model in ids)
        if model in ids:
            print("owned by:", (await client.models.retrieve(model)).owned_by)


asyncio.run(main())
