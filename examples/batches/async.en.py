import asyncio
import json

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        body = {"model": "gpt-5.4-mini", "input": "Introduce the Great Wall in one sentence"}
        line = {"custom_id": "q1", "method": "POST", "url": "/v1/responses", "body": body}
        src = await client.files.create(file=("batch.jsonl", json.dumps(line).encode()), purpose="batch")
        batch = await client.batches.create(input_file_id=src.id, endpoint="/v1/responses", completion_window="24h")
        page = await client.batches.list(limit=3)
        print("newest batches:", [(b.endpoint, b.status) for b in page.data])
        print("after cancel:", (await client.batches.cancel(batch.id)).status)
        await client.files.delete(src.id)


asyncio.run(main())
