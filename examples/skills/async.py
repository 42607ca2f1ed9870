import asyncio
import io
import zipfile

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        skill_md = "---\nname: haiku\ndescription: 写一首俳句。\n---\n只回复一首 5-7-5 音节的俳句。\n"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("haiku/SKILL.md", skill_md)
        skill = await client.skills.create(files=("haiku.zip", buffer.getvalue(), "application/zip"))
        page = await client.skills.list(limit=3, order="desc")
        print("最新的技能：", [(s.name, s.latest_version) for s in page.data])
        print("已删除：", (await client.skills.delete(skill.id)).deleted)


asyncio.run(main())
