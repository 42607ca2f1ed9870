"""Conversations keep their items: ``create(items=...)`` and ``items.create`` store them, ``items.list``
returns them in order (``order`` honoured, newest first by default, as the real API).

Why a handler: the generic behaviour would echo the request into a fresh object and list nothing,
so a reader could not see the conversation's memory, which is the point of the feature.
"""

from __future__ import annotations

from typing import Any

from openai.types.conversations import Conversation, ConversationItemList
from openai.types.conversations.conversation_item import ConversationItem

from openai_api.mock.crud import fresh_id, stored_or_demo
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.mock.list_order import default_order
from openai_api.mock.paging import page_payload
from openai_api.sdk.synthesis import EPOCH

_ID_PREFIX = {"message": "msg_", "function_call": "fc_", "function_call_output": "fco_", "reasoning": "rs_"}


def items_collection(conversation_id: str) -> str:
    return f"/conversations/{conversation_id}/items"


def _content(role: str, content: Any) -> list[dict[str, Any]]:
    """String content becomes the typed part the API stores: input_text, or output_text for the assistant."""
    if not isinstance(content, str):
        return [dict(part) for part in content or [] if isinstance(part, dict)]
    if role == "assistant":
        return [{"type": "output_text", "text": content, "annotations": [], "logprobs": []}]
    return [{"type": "input_text", "text": content}]


def _normalise(call: Call, cid: str, raw: dict[str, Any]) -> dict[str, Any]:
    kind = str(raw.get("type") or "message")
    item: dict[str, Any] = {**raw, "type": kind, "status": raw.get("status") or "completed"}
    item["id"] = raw.get("id") or fresh_id(call, items_collection(cid), _ID_PREFIX.get(kind, f"{kind}_"))
    if kind == "message":
        role = str(raw.get("role") or "user")
        item.update(role=role, content=_content(role, raw.get("content")))
    return call.coerce(ConversationItem, item)


def add_items(call: Call, conversation_id: str, raw_items: Any) -> list[dict[str, Any]]:
    """Store new items at the end of the conversation; return them as the API shows them."""
    added = [_normalise(call, conversation_id, raw) for raw in raw_items or [] if isinstance(raw, dict)]
    for item in added:
        call.store.put(items_collection(conversation_id), item["id"], item)
    return added


@handles("POST", "/conversations")
def create(call: Call) -> Any:
    fields = {"id": fresh_id(call, "/conversations", "conv_"), "metadata": call.body.get("metadata") or {}}
    conversation = call.synth.build(Conversation, {**fields, "created_at": EPOCH})
    call.store.put("/conversations", conversation["id"], conversation)
    add_items(call, conversation["id"], call.body.get("items"))
    return conversation


@handles("POST", "/conversations/{conversation_id}/items")
def create_items(call: Call) -> Any:
    cid = call.path_params["conversation_id"]
    added = add_items(call, cid, call.body.get("items"))
    ids = [item["id"] for item in added]
    payload = {"object": "list", "data": added, "has_more": False, "first_id": ids[0] if ids else "", "last_id": ""}
    payload["last_id"] = ids[-1] if ids else ""
    return call.coerce(ConversationItemList, payload)


@handles("GET", "/conversations/{conversation_id}/items")
def list_items(call: Call) -> Any:
    cid = call.path_params["conversation_id"]
    items = [call.coerce(call.route.item, item) for item in call.store.list(items_collection(cid))]
    return page_payload(call.route.page, items, call.request.query, default_order(call.route))


@handles("DELETE", "/conversations/{conversation_id}/items/{item_id}")
def delete_item(call: Call) -> Any:
    """Deleting an item answers with the conversation it was removed from, as the real API does."""
    cid, item_id = call.path_params["conversation_id"], call.path_params["item_id"]
    stored_or_demo(call, items_collection(cid), item_id, ConversationItem)
    call.store.delete(items_collection(cid), item_id)
    return call.coerce(Conversation, stored_or_demo(call, "/conversations", cid, Conversation))
