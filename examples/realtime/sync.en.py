from openai import OpenAI

client = OpenAI()

secret = client.realtime.client_secrets.create(
    session={
        "type": "realtime",
        "model": "gpt-realtime",
        "instructions": "You are a concise English voice assistant.",
    },
    expires_after={"anchor": "created_at", "seconds": 600},
)

print("ephemeral key prefix:", secret.value[:3])
print("session type:", secret.session.type)
