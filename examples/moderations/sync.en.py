from openai import OpenAI

client = OpenAI()

result = client.moderations.create(
    model="omni-moderation-latest",
    input=["What lovely weather today, let's have a picnic in the park!", "Come here again and I'll break your legs."],
)

for item in result.results:
    hits = [name for name, hit in item.categories.model_dump(by_alias=True).items() if hit]
    print("flagged:", item.flagged, hits)
