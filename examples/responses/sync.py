from openai import OpenAI

client = OpenAI()

response = client.responses.create(
    model="gpt-5.4-mini",
    instructions="你是一位简洁的 Python 老师，回答不超过两句话。",
    input="列表推导式和普通 for 循环有什么区别？",
)

print(response.status)
print(response.output_text)
