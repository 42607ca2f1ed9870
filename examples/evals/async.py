import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        schema = {"type": "object", "properties": {"input": {"type": "string"}, "answer": {"type": "string"}}}
        evaluation = await client.evals.create(
            name="capital-quiz",
            data_source_config={"type": "custom", "item_schema": schema, "include_sample_schema": True},
            testing_criteria=[
                {
                    "type": "string_check",
                    "name": "答案完全一致",
                    "operation": "eq",
                    "input": "{{sample.output_text}}",
                    "reference": "{{item.answer}}",
                }
            ],
        )
        page = await client.evals.list(limit=3, order="desc", order_by="created_at")
        print("最新的评测：", [e.name for e in page.data])
        print("已删除：", (await client.evals.delete(evaluation.id)).deleted)


asyncio.run(main())
