from openai import OpenAI

client = OpenAI()

result = client.moderations.create(
    model="omni-moderation-latest",
    input=["今天天气真好，一起去公园野餐吧！", "你再敢来，我就打断你的腿。"],
)

for item in result.results:
    hits = [name for name, hit in item.categories.model_dump(by_alias=True).items() if hit]
    print("flagged：", item.flagged, hits)
