from openai import OpenAI

client = OpenAI()
model = "gpt-5.4-mini"
page = client.models.list()
ids = sorted(m.id for m in page.data)
print(f"{len(ids)} models, for example: {ids[:3]}")
print(f"{model} available:", model in ids)
if model in ids:
    print("owned by:", client.models.retrieve(model).owned_by)
