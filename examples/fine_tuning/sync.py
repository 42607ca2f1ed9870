from openai import OpenAI

client = OpenAI()
page = client.fine_tuning.jobs.list(limit=3)
print("最新的任务：", [(job.id, job.status) for job in page.data])
done = [job for job in page.data if job.status == "succeeded"]
if done:
    job = client.fine_tuning.jobs.retrieve(done[0].id)
    print("调用时传 model =", job.fine_tuned_model)
    print("训练 token 数：", job.trained_tokens, "| 训练轮数：", job.hyperparameters.n_epochs)
