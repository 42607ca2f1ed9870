from openai import OpenAI

client = OpenAI()
data = ("来自分块上传的问候\n" * 4).encode()
upload = client.uploads.create(bytes=len(data), filename="notes.txt", mime_type="text/plain", purpose="assistants")
chunks = [data[i : i + 64] for i in range(0, len(data), 64)]
parts = [client.uploads.parts.create(upload.id, data=chunk) for chunk in chunks]
upload = client.uploads.complete(upload.id, part_ids=[part.id for part in parts])
print(f"{len(parts)} 个分块 ->", upload.status, upload.file.filename if upload.file else None)
if upload.file:
    print("文件已删除：", client.files.delete(upload.file.id).deleted)
