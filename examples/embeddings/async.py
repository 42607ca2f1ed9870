import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        result = await client.embeddings.create(
            model="text-embedding-3-small",
            input=["如何重置登录密码？", "忘记密码了怎么办"],
            dimensions=256,
        )

    first = result.data[0].embedding
    print("向量数：", len(result.data), "维数：", len(first))
    print("前三个分量：", [round(x, 4) for x in first[:3]])
    print("消耗 token 数：", result.usage.total_tokens)


asyncio.run(main())
