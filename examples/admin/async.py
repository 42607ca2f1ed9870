import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        page = await client.admin.organization.projects.list(limit=3)
        print("本页项目数：", len(page.data), "| 还有下一页：", page.has_more)
        for project in page.data:
            print(project.id, project.name, project.status)


asyncio.run(main())
