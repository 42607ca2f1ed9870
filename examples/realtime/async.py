import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        secret = await client.realtime.client_secrets.create(
            session={
                "type": "realtime",
                "model": "gpt-realtime",
                "instructions": "你是一个简洁的中文语音助手。",
            },
            expires_after={"anchor": "created_at", "seconds": 600},
        )
        print("临时密钥前缀：", secret.value[:3])
        print("会话类型：", secret.session.type)


asyncio.run(main())
