"""Webhook deliveries as OpenAI signs them, so ``client.webhooks.unwrap/verify_signature`` run for real.

Why: the mock does not call anybody's URL, but an example of a webhook receiver needs a payload and
headers that the SDK accepts. OpenAI signs like Standard Webhooks: HMAC-SHA256 over
``"{webhook-id}.{webhook-timestamp}.{body}"`` with the secret (base64 after ``whsec_``), sent as
``webhook-signature: v1,<base64>``. Changing one byte of the payload makes the SDK reject it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

__all__ = ["signature", "signed_event"]


def signed_event(
    event_type: str, data: dict[str, Any], secret: str, *, timestamp: int | None = None
) -> tuple[str, dict[str, str]]:
    """``(payload, headers)`` of a webhook event of ``event_type`` carrying ``data``, signed with ``secret``.

    The event id is derived from its content, so the same call gives the same id; ``timestamp``
    defaults to now, because the SDK refuses deliveries older than its tolerance (5 minutes).
    """
    created = int(time.time()) if timestamp is None else timestamp
    digest = hashlib.sha256(json.dumps([event_type, data], sort_keys=True).encode()).hexdigest()[:24]
    event = {"id": f"evt_{digest}", "object": "event", "created_at": created, "type": event_type, "data": data}
    payload = json.dumps(event, separators=(",", ":"))
    webhook_id = f"wh_{digest}"
    headers = {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(created),
        "webhook-signature": f"v1,{signature(secret, webhook_id, created, payload)}",
        "content-type": "application/json",
    }
    return payload, headers


def signature(secret: str, webhook_id: str, timestamp: int, payload: str) -> str:
    """The base64 HMAC-SHA256 of one delivery, as in ``webhook-signature`` after ``v1,``."""
    key = base64.b64decode(secret.removeprefix("whsec_")) if secret.startswith("whsec_") else secret.encode()
    mac = hmac.new(key, f"{webhook_id}.{timestamp}.{payload}".encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()
