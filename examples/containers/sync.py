from openai import OpenAI

client = OpenAI()
page = client.containers.list(limit=3, order="desc")
for item in page.data:
    print("容器：", item.id, item.name, item.status, item.memory_limit)
    if item.expires_after is not None:
        print("  有效期", item.expires_after.minutes, "分钟，计时起点：", item.expires_after.anchor)
