from openai import OpenAI

client = OpenAI()

page = client.videos.list(limit=3, order="desc")
print("videos on this page:", len(page.data), "| has more:", page.has_more)
for video in page.data:
    print(video.id, video.model, video.status, f"{video.progress}%")
