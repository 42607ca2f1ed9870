from openai import OpenAI

client = OpenAI()

with client.with_streaming_response.responses.create(
    model="gpt-5.4-mini",
    input="Explain in one sentence what lazy reading is.",
) as response:
    print("status:", response.status_code, response.headers.get("content-type"))
    print("request id:", response.request_id)
    result = response.parse()

print(result.output_text)
