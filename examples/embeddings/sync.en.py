from openai import OpenAI

client = OpenAI()

result = client.embeddings.create(
    model="text-embedding-3-small",
    input=["How do I reset my login password?", "What if I forgot my password"],
    dimensions=256,
)

first = result.data[0].embedding
print("vectors:", len(result.data), "dimensions:", len(first))
print("first values:", [round(x, 4) for x in first[:3]])
print("tokens used:", result.usage.total_tokens)
