import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        conversation = await client.conversations.create(
            items=[{"role": "user", "content": "我叫小林，周末想去爬山。"}], metadata={"topic": "周末"}
        )
        cid = conversation.id
        await client.conversations.items.create(cid, items=[{"role": "user", "content": "提醒：我不吃辣。"}])
        page = await client.conversations.items.list(cid, order="asc")
        for item in page.data:
            if item.type == "message":
                print(item.role, "".join(p.text for p in item.content if p.type == "input_text"))
        print("已删除：", (await client.conversations.delete(cid)).deleted)


asyncio.run(main())
