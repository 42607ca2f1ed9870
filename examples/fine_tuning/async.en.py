import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        page = await client.fine_tuning.jobs.list(limit=3)
        print("newest jobs:", [(job.id, job.status) for job in page.data])
        done = [job for job in page.data if job.status == "succeeded"]
        if done:
            job = await client.fine_tuning.jobs.retrieve(done[0].id)
            print("call it with model =", job.fine_tuned_model)
            print("trained tokens:", job.trained_tokens, "| epochs:", job.hyperparameters.n_epochs)


asyncio.run(main())
