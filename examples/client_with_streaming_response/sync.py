from openai import OpenAI

client = OpenAI()

with client.with_streaming_response.responses.create(
    model="gpt-5.4-mini",
    input="用一句话介绍什么是惰性读取（lazy reading）。",
) as response:
    print("状态码：", response.status_code, response.headers.get("content-type"))
    print("请求 id：", response.request_id)
    result = response.parse()

print(result.output_text)
