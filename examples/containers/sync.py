from openai import OpenAI

client = OpenAI()
container = client.containers.create(name="docs-sandbox", memory_limit="1g")
print("created:", container.name, container.status)
page = client.containers.list(name="docs-sandbox", limit=3, order="desc")
for item in page.data:
    print("listed:", item.name, item.status, item.memory_limit)
client.containers.delete(container.id)
