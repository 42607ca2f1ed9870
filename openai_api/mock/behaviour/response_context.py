"""What a new response continues: a ``previous_response_id`` chain or a conversation, and where its turn is kept.

Why one place: these are the Responses API's two server-side memories. Either gives the model the
earlier items as context (so ``usage.input_tokens`` grows and the reply knows which turn it is), and
the real API refuses a request that names both. A conversation also receives each turn: the turn's
input items, then the response's output items, appended in that order.

Only stored responses can be continued: one created with ``store=False`` is not kept, so naming it
as ``previous_response_id`` fails the way an unknown id does (400 ``previous_response_not_found``).
"""

from __future__ import annotations

from typing import Any

from openai_api.mock.errors import MockError
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers.conversations import add_items, items_collection

__all__ = ["RESPONSES", "conversation_id", "earlier_items", "record_turn"]

RESPONSES = "/responses"  # the store collection of stored responses


def conversation_id(raw: Any) -> str | None:
    """The ``conversation`` param as an id: it may be the id itself or ``{"id": ...}``."""
    if isinstance(raw, dict):
        raw = raw.get("id")
    return raw if isinstance(raw, str) and raw else None


def earlier_items(call: Call) -> list[dict[str, Any]]:
    """The items the model sees before this request's input (none for a fresh exchange)."""
    previous = call.body.get("previous_response_id")
    conversation = conversation_id(call.body.get("conversation"))
    if previous and conversation:
        raise MockError(
            400,
            "Mutually exclusive parameters: Ensure you are only providing one of: "
            "'previous_response_id' or 'conversation'.",
            code="mutually_exclusive_parameters",
        )
    if conversation:
        if not call.store.exists("/conversations", conversation):
            raise MockError(404, f"Conversation with id '{conversation}' not found.", param="conversation")
        return call.store.list(items_collection(conversation))
    if not previous:
        return []
    stored = call.store.get(RESPONSES, str(previous))
    if stored is None:
        raise MockError(
            400,
            f"Previous response with id '{previous}' not found.",
            param="previous_response_id",
            code="previous_response_not_found",
        )
    return (stored.get("_history") or []) + (stored.get("output") or [])


def record_turn(call: Call, new_items: list[dict[str, Any]], output: list[dict[str, Any]]) -> None:
    """Append this turn (input items, then output items) to the request's conversation, if it named one."""
    conversation = conversation_id(call.body.get("conversation"))
    if conversation:
        add_items(call, conversation, [*new_items, *output])
