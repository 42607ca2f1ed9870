import asyncio
import json

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        row = {"messages": [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hello!"}]}
        jsonl = "\n".join([json.dumps(row)] * 10).encode()
        train = await client.files.create(file=("train.jsonl", jsonl), purpose="fine-tune")
        job = await client.fine_tuning.jobs.create(model="gpt-4.1-mini-2025-04-14", training_file=train.id)
        page = await client.fine_tuning.jobs.list(limit=3)
        print("newest jobs:", [(j.model, j.status) for j in page.data])
        print("after cancel:", (await client.fine_tuning.jobs.cancel(job.id)).status)
        await client.files.delete(train.id)


asyncio.run(main())
