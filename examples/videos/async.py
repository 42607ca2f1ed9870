import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        page = await client.videos.list(limit=3, order="desc")
        print("本页视频数：", len(page.data), "| 还有下一页：", page.has_more)
        for video in page.data:
            print(video.id, video.model, video.status, f"{video.progress}%")


asyncio.run(main())
