import asyncio
import io
import zipfile

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        skill_md = "---\nname: haiku\ndescription: Write a haiku.\n---\nReply with one 5-7-5 haiku.\n"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("haiku/SKILL.md", skill_md)
        skill = await client.skills.create(files=("haiku.zip", buffer.getvalue(), "application/zip"))
        page = await client.skills.list(limit=3, order="desc")
        print("newest skills:", [(s.name, s.latest_version) for s in page.data])
        print("deleted:", (await client.skills.delete(skill.id)).deleted)


asyncio.run(main())
