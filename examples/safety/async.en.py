import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        alert = await client.safety.alerts.retrieve("alert_demo")
        print(alert.id, alert.error_type, "| request paused:", alert.request_paused)
        print("response:", alert.response_id, "| reason:", alert.reason)
        case = await client.safety.cases.retrieve("case_demo")
        print(case.id, case.notice.type, "| reason:", case.reason)


asyncio.run(main())
