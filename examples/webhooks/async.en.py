import asyncio
import base64
import hmac
import time

from openai import AsyncOpenAI, InvalidWebhookSignatureError

secret = "whsec_ZGVtby13ZWJob29rLXNlY3JldC0xMjM0NTY="
payload = '{"id":"evt_demo","type":"response.completed","created_at":1767225600,"data":{"id":"resp_demo"}}'
msg_id, ts = "msg_demo", str(int(time.time()))
key = base64.b64decode(secret.removeprefix("whsec_"))
sig = base64.b64encode(hmac.digest(key, f"{msg_id}.{ts}.{payload}".encode(), "sha256")).decode()
headers = {"webhook-id": msg_id, "webhook-timestamp": ts, "webhook-signature": f"v1,{sig}"}


async def main() -> None:
    async with AsyncOpenAI() as client:
        event = client.webhooks.unwrap(payload, headers, secret=secret)
        print("verified:", event.type, event.id)
        try:
            client.webhooks.verify_signature(payload.replace("demo", "evil"), headers, secret=secret)
        except InvalidWebhookSignatureError as err:
            print("tampered payload rejected:", err)


asyncio.run(main())
