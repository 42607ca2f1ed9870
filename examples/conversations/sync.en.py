from openai import OpenAI

client = OpenAI()
conversation = client.conversations.create(
    items=[{"role": "user", "content": "My name is Lin, and I want to go hiking this weekend."}],
    metadata={"topic": "weekend"},
)
cid = conversation.id
client.conversations.items.create(cid, items=[{"role": "user", "content": "Reminder: I don't eat spicy food."}])
page = client.conversations.items.list(cid, order="asc")
for item in page.data:
    if item.type == "message":
        print(item.role, "".join(p.text for p in item.content if p.type == "input_text"))
print("deleted:", client.conversations.delete(cid).deleted)
