import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        page = await client.batches.list(limit=3)
        print("newest batches:", [(batch.endpoint, batch.status) for batch in page.data])
        for batch in page.data:
            counts = batch.request_counts
            if batch.status == "completed" and counts is not None:
                print(batch.id, f"{counts.completed}/{counts.total} requests done, results in", batch.output_file_id)


asyncio.run(main())
