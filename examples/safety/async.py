import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        alert = await client.safety.alerts.retrieve("alert_demo")
        print(alert.id, alert.error_type, "| 已登记暂停：", alert.request_paused)
        print("响应 id：", alert.response_id, "| 原因：", alert.reason)
        case = await client.safety.cases.retrieve("case_demo")
        print(case.id, case.notice.type, "| 原因：", case.reason)


asyncio.run(main())
