import json

from openai import OpenAI

client = OpenAI()
row = {"messages": [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hello!"}]}
jsonl = "\n".join([json.dumps(row)] * 10).encode()
train = client.files.create(file=("train.jsonl", jsonl), purpose="fine-tune")
job = client.fine_tuning.jobs.create(model="gpt-4.1-mini-2025-04-14", training_file=train.id)
page = client.fine_tuning.jobs.list(limit=3)
print("newest jobs:", [(j.model, j.status) for j in page.data])
print("after cancel:", client.fine_tuning.jobs.cancel(job.id).status)
client.files.delete(train.id)
