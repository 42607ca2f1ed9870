"""Conversations: items kept in order per conversation, each turn of `responses.create(conversation=...)` appended
and used as context, and the errors the API gives for unknown or conflicting references."""

from __future__ import annotations

from typing import Any

import openai
import pytest
from openai import OpenAI

MODEL = "gpt-5.4-mini"


def _texts(items: list[Any]) -> list[tuple[str, str]]:
    return [(item.role, item.content[0].text) for item in items if item.type == "message"]


def test_a_conversation_collects_each_turn_and_the_model_sees_it(client: OpenAI) -> None:
    conversation = client.conversations.create(items=[{"type": "message", "role": "developer", "content": "Be brief."}])
    first = client.responses.create(model=MODEL, conversation=conversation.id, input="My name is Lin.")
    second = client.responses.create(model=MODEL, conversation={"id": conversation.id}, input="What is my name?")
    items = client.conversations.items.list(conversation.id, order="asc").data
    assert _texts(items) == [
        ("developer", "Be brief."),
        ("user", "My name is Lin."),
        ("assistant", first.output_text),
        ("user", "What is my name?"),
        ("assistant", second.output_text),
    ]
    assert [items[2].id, items[4].id] == [first.output[0].id, second.output[0].id]  # output items keep their ids
    assert first.conversation is not None and first.conversation.id == conversation.id
    assert second.conversation is not None and second.conversation.id == conversation.id
    # the earlier items are context, exactly as a previous_response_id chain gives them
    assert first.usage is not None and second.usage is not None
    assert second.usage.input_tokens > first.usage.input_tokens
    assert second.output_text == "Your name is Lin."  # the answer uses the earlier turn the conversation carries
    alone = client.responses.create(model=MODEL, input="What is my name?")
    assert "don't know your name" in alone.output_text  # without that turn, the name is unknown
    chained_first = client.responses.create(model=MODEL, input="My name is Lin.")
    chained = client.responses.create(model=MODEL, previous_response_id=chained_first.id, input="What is my name?")
    assert chained.output_text == second.output_text


def test_an_unknown_conversation_is_404(client: OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as err:
        client.responses.create(model=MODEL, conversation="conv_x", input="hi")
    assert err.value.body == {
        "message": "Conversation with id 'conv_x' not found.",
        "type": "invalid_request_error",
        "param": "conversation",
        "code": None,
    }


def test_conversation_and_previous_response_id_together_are_refused(client: OpenAI) -> None:
    conversation = client.conversations.create()
    first = client.responses.create(model=MODEL, input="hi")
    with pytest.raises(openai.BadRequestError) as err:
        client.responses.create(model=MODEL, conversation=conversation.id, previous_response_id=first.id, input="x")
    assert err.value.type == "invalid_request_error"
    assert "'previous_response_id'" in err.value.message and "'conversation'" in err.value.message
    assert client.conversations.items.list(conversation.id).data == []  # nothing was appended


def test_conversation_items_are_stored_and_listed_in_order(client: OpenAI) -> None:
    conversation = client.conversations.create(
        items=[{"role": "user", "content": "我叫小林，周末想去爬山。"}], metadata={"topic": "weekend"}
    )
    assert conversation.id.startswith("conv_") and conversation.metadata == {"topic": "weekend"}
    added = client.conversations.items.create(
        conversation.id,
        items=[{"role": "user", "content": "提醒：我不吃辣。"}, {"role": "assistant", "content": "好的，记住了。"}],
    )
    assert len(added.data) == 2 and added.first_id == added.data[0].id and added.last_id == added.data[1].id
    ascending = [i.model_dump() for i in client.conversations.items.list(conversation.id, order="asc").data]
    texts = [(i["role"], i["content"][0]["text"]) for i in ascending]
    assert texts == [
        ("user", "我叫小林，周末想去爬山。"),
        ("user", "提醒：我不吃辣。"),
        ("assistant", "好的，记住了。"),
    ]
    assert all(i["id"].startswith("msg_") and i["type"] == "message" for i in ascending)
    assert [i["content"][0]["type"] for i in ascending] == ["input_text", "input_text", "output_text"]
    newest_first = client.conversations.items.list(conversation.id).data  # the real default order is desc
    assert [i.id for i in newest_first] == [i["id"] for i in reversed(ascending)]
    second_id = ascending[1]["id"]
    assert client.conversations.items.retrieve(second_id, conversation_id=conversation.id).id == second_id


def test_conversations_do_not_share_items_and_repeat_items_get_new_ids(client: OpenAI) -> None:
    first = client.conversations.create(items=[{"role": "user", "content": "hi"}])
    client.conversations.delete(first.id)
    second = client.conversations.create(items=[{"role": "user", "content": "hi"}])  # the identical request
    assert second.id != first.id
    client.conversations.items.create(second.id, items=[{"role": "user", "content": "again"}])
    client.conversations.items.create(second.id, items=[{"role": "user", "content": "again"}])
    assert len(client.conversations.items.list(second.id).data) == 3


def test_deleting_an_item_answers_with_the_conversation(client: OpenAI) -> None:
    conversation = client.conversations.create(items=[{"role": "user", "content": "a"}])
    item_id = str(client.conversations.items.list(conversation.id).data[0].id)
    assert client.conversations.items.delete(item_id, conversation_id=conversation.id).id == conversation.id
    assert client.conversations.items.list(conversation.id).data == []
