import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        decision = await client.decisions.create(
            model="gpt-6-luna",
            input="耳机左边没声音，联系客服三天都没人回，我要退货退款。",
            questions=[
                {"type": "predicate", "name": "complaint", "instructions": "这条留言是在投诉吗？"},
                {"type": "predicate", "name": "wants_refund", "instructions": "用户是否明确要求退款？"},
            ],
        )
    for answer in decision.answers:
        print(answer.name, round(answer.probability, 2) if answer.type == "predicate" else answer.type)


asyncio.run(main())
