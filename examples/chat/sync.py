from openai import OpenAI

client = OpenAI()

completion = client.chat.completions.create(
    model="gpt-5.4-mini",
    messages=[
        {"role": "system", "content": "你是一位耐心的编程助教，回答控制在两句话以内。"},
        {"role": "user", "content": "Python 里的 GIL 是什么？"},
    ],
)

print(completion.choices[0].message.content)
print("finish_reason：", completion.choices[0].finish_reason)
