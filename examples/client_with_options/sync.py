from openai import OpenAI

client = OpenAI()
patient = client.with_options(timeout=120.0, max_retries=5)

response = patient.responses.create(
    model="gpt-5.4-mini",
    input="用一句话说明为什么网络请求需要设置超时。",
)

print(response.output_text)
print("副本：", patient.timeout, patient.max_retries)
print("原客户端的 max_retries：", client.max_retries)
