import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        model = "gpt-5.4-mini"
        page = await client.models.list()
        ids = sorted(m.id for m in page.data)
        print(f"{len(ids)} 个模型，例如：{ids[:3]}")
        print(f"{model} 是否可用：", model in ids)
        if model in ids:
            print("所有者：", (await client.models.retrieve(model)).owned_by)


asyncio.run(main())
