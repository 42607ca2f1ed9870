from openai import OpenAI

client = OpenAI()
store = client.vector_stores.create(
    name="产品手册",
    metadata={"team": "docs"},
    expires_after={"anchor": "last_active_at", "days": 1},
)
page = client.vector_stores.list(limit=3, order="desc")
for vs in page.data:
    print(vs.name, vs.status, f"{vs.file_counts.total} 个文件")
print("已删除：", client.vector_stores.delete(store.id).deleted)
