import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    async with AsyncOpenAI() as client:
        data = ("hello from a multi-part upload\n" * 4).encode()
        upload = await client.uploads.create(
            bytes=len(data), filename="notes.txt", mime_type="text/plain", purpose="assistants"
        )
        chunks = [data[i : i + 64] for i in range(0, len(data), 64)]
        parts = await asyncio.gather(*(client.uploads.parts.create(upload.id, data=c) for c in chunks))
        upload = await client.uploads.complete(upload.id, part_ids=[part.id for part in parts])
        print(f"{len(parts)} parts ->", upload.status, upload.file.filename if upload.file else None)
        if upload.file:
            print("file deleted:", (await client.files.delete(upload.file.id)).deleted)


asyncio.run(main())
