from openai import OpenAI

client = OpenAI()

page = client.beta.assistants.list(limit=3, order="desc")
print("assistants on this page:", len(page.data))
for assistant in page.data:
    print(assistant.id, assistant.name, assistant.model)
