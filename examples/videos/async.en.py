import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        page = await client.videos.list(limit=3, order="desc")
        print("videos on this page:", len(page.data), "| has more:", page.has_more)
        for video in page.data:
            print(video.id, video.model, video.status, f"{video.progress}%")


asyncio.run(main())
