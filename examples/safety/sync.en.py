from openai import OpenAI

client = OpenAI()

alert = client.safety.alerts.retrieve("alert_demo")
print(alert.id, alert.error_type, "| request paused:", alert.request_paused)
print("response:", alert.response_id, "| reason:", alert.reason)

case = client.safety.cases.retrieve("case_demo")
print(case.id, case.notice.type, "| reason:", case.reason)
