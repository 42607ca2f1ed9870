from openai import OpenAI

client = OpenAI()

alert = client.safety.alerts.retrieve("alert_demo")
print(alert.id, alert.error_type, "| 已登记暂停：", alert.request_paused)
print("响应 id：", alert.response_id, "| 原因：", alert.reason)

case = client.safety.cases.retrieve("case_demo")
print(case.id, case.notice.type, "| 原因：", case.reason)
