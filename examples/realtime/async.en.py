import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        secret = await client.realtime.client_secrets.create(
            session={
                "type": "realtime",
                "model": "gpt-realtime",
                "instructions": "You are a concise English voice assistant.",
            },
            expires_after={"anchor": "created_at", "seconds": 600},
        )
        print("ephemeral key prefix:", secret.value[:3])
        print("session type:", secret.session.type)


asyncio.run(main())
