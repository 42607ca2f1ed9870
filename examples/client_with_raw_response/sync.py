from openai import OpenAI

client = OpenAI()

raw = client.with_raw_response.responses.create(
    model="gpt-5.4-mini",
    input="用一句话解释什么是 HTTP 状态码。",
)

print("状态码：", raw.status_code, raw.headers.get("content-type"))
print("x-request-id：", raw.headers.get("x-request-id"))

response = raw.parse()
print(response.output_text)
