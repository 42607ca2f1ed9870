from openai import OpenAI

client = OpenAI()
page = client.batches.list(limit=3)
print("最新的批任务：", [(batch.endpoint, batch.status) for batch in page.data])
for batch in page.data:
    counts = batch.request_counts
    if batch.status == "completed" and counts is not None:
        print(batch.id, f"{counts.completed}/{counts.total} 条请求已完成，结果在", batch.output_file_id)
