import json

from openai import OpenAI

client = OpenAI()
body = {"model": "gpt-5.4-mini", "input": "用一句话介绍杭州"}
line = {"custom_id": "q1", "method": "POST", "url": "/v1/responses", "body": body}
jsonl = json.dumps(line, ensure_ascii=False).encode()
uploaded = client.files.create(file=("requests.jsonl", jsonl), purpose="batch")
page = client.files.list(purpose="batch", limit=5, order="desc")
print("最新的批处理文件：", [f.filename for f in page.data])
print("内容：", client.files.content(uploaded.id).text[:48])
print("已删除：", client.files.delete(uploaded.id).deleted)
