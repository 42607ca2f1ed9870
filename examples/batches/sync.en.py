import json

from openai import OpenAI

client = OpenAI()
body = {"model": "gpt-5.4-mini", "input": "Introduce the Great Wall in one sentence"}
line = {"custom_id": "q1", "method": "POST", "url": "/v1/responses", "body": body}
src = client.files.create(file=("batch.jsonl", json.dumps(line).encode()), purpose="batch")
batch = client.batches.create(input_file_id=src.id, endpoint="/v1/responses", completion_window="24h")
page = client.batches.list(limit=3)
print("newest batches:", [(b.endpoint, b.status) for b in page.data])
print("after cancel:", client.batches.cancel(batch.id).status)
client.files.delete(src.id)
