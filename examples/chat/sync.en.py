from openai import OpenAI

client = OpenAI()

completion = client.chat.completions.create(
    model="gpt-5.4-mini",
    messages=[
        {"role": "system", "content": "You are a patient programming tutor; answer in at most two sentences."},
        {"role": "user", "content": "What is the GIL in Python?"},
    ],
)

print(completion.choices[0].message.content)
print("finish_reason:", completion.choices[0].finish_reason)
