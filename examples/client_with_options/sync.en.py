from openai import OpenAI

client = OpenAI()
patient = client.with_options(timeout=120.0, max_retries=5)

response = patient.responses.create(
    model="gpt-5.4-mini",
    input="Explain in one sentence why network requests need a timeout.",
)

print(response.output_text)
print("copy:", patient.timeout, patient.max_retries)
print("original max_retries:", client.max_retries)
