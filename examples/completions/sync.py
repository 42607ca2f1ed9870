from openai import OpenAI

client = OpenAI()

completion = client.completions.create(
    model="gpt-3.5-turbo-instruct",
    prompt="把下面的英文翻译成中文。\n英文：Practice makes perfect.\n中文：",
    max_tokens=32,
    temperature=0,
    stop=["\n"],
)

print(completion.choices[0].text.strip())
print("finish_reason：", completion.choices[0].finish_reason)
