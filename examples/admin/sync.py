from openai import OpenAI

client = OpenAI()

page = client.admin.organization.projects.list(limit=3)
print("本页项目数：", len(page.data), "| 还有下一页：", page.has_more)
for project in page.data:
    print(project.id, project.name, project.status)
