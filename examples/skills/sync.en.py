import io
import zipfile

from openai import OpenAI

client = OpenAI()
skill_md = "---\nname: haiku\ndescription: Write a haiku.\n---\nReply with one 5-7-5 haiku.\n"
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w") as archive:
    archive.writestr("haiku/SKILL.md", skill_md)
skill = client.skills.create(files=("haiku.zip", buffer.getvalue(), "application/zip"))
page = client.skills.list(limit=3, order="desc")
print("newest skills:", [(s.name, s.latest_version) for s in page.data])
print("deleted:", client.skills.delete(skill.id).deleted)
