import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        page = await client.admin.organization.projects.list(limit=3)
        print("projects on this page:", len(page.data), "| has more:", page.has_more)
        for project in page.data:
            print(project.id, project.name, project.status)


asyncio.run(main())
