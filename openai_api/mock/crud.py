"""Generic REST behaviour for every route no specialised handler claims.

The shape of the route decides: POST to a collection creates (echoing the request), GET on a
collection lists with cursor pagination, GET/POST/DELETE on ``/collection/{id}`` retrieve, update
and delete, POST on ``/collection/{id}/verb`` is an action on that object. Anything else (singleton
settings, usage reports, binary content) is synthesized from the route's response type.
"""

from __future__ import annotations

import re
import types
from typing import Any

from openai._legacy_response import HttpxBinaryResponseContent

from openai_api.mock.errors import MockError
from openai_api.mock.handler_call import Call
from openai_api.mock.list_order import default_order
from openai_api.mock.paging import page_payload
from openai_api.mock.ratelimit import as_reply
from openai_api.mock.wire import MockReply
from openai_api.sdk.synthesis import is_model, object_literal, strip

__all__ = ["check_path_objects", "fresh_id", "generic", "item_param", "refuse_transition", "stored_or_demo"]

_ACTION_STATUS = {
    "cancel": "cancelled",
    "pause": "paused",
    "resume": "active",
    "archive": "archived",
    "activate": "active",
    "deactivate": "inactive",
    "complete": "completed",
}


def generic(call: Call) -> MockReply:
    """The generic behaviour's answer, as a reply with the rate-limit headers the real API sends."""
    return as_reply(_generic(call))


def _generic(call: Call) -> Any:
    route = call.route
    if route.cast_to is HttpxBinaryResponseContent or route.cast_to is str:
        return _content(call)
    if route.page is not None:
        return _list(call)
    template = route.template
    ends_with_param = template.endswith("}")
    if route.verb == "POST" and not ends_with_param and _is_collection(call, template):
        return _create(call)
    if ends_with_param:
        if route.verb == "GET":
            return _retrieve(call)
        if route.verb == "DELETE":
            return _delete(call)
        return _update(call)
    if route.verb == "POST" and re.search(r"\}/[a-z_]+$", template):
        return _action(call)
    return _singleton(call)


def item_param(template: str) -> str | None:
    found = re.findall(r"\{([^}]+)\}$", template)
    return found[0] if found else None


def check_path_objects(call: Call) -> None:
    """Every id in the path must name a stored (or demo) object, else 404 like the real API.

    The last param of a GET/DELETE/update on ``/collection/{id}`` is checked by its handler, so
    that the 404 names the object kind; parents are checked here.
    """
    template = call.route.template
    names = call.route.params_names
    for index, name in enumerate(names):
        if index == len(names) - 1 and template.endswith("}"):
            continue
        prefix = template.split("{" + name + "}")[0].rstrip("/")
        value = call.path_params[name]
        if not call.store.exists(call.concrete(prefix), value):
            raise _not_found(name, value)


def stored_or_demo(call: Call, collection: str, key: str, tp: Any) -> dict[str, Any]:
    found = call.store.get(collection, key)
    if found is not None:
        return found
    if call.store.answers_unknown(collection, key):
        obj = _with_id(tp, {}, key)
        call.store.put(collection, key, obj)
        return obj
    raise _not_found(item_param(call.route.template) or "id", key)


def refuse_transition(call: Call, error: MockError) -> None:
    """Raise ``error``, an action the object's status forbids (cancelling a cancelled batch), as the API does;
    except in lenient mode, where the action is made: a suite written for a stateless mock cancels an id in one
    test and completes or cancels the same id again in the next."""
    if not call.store.lenient:
        raise error


def fresh_id(call: Call, collection: str, prefix: str) -> str:
    """A new id not yet used in ``collection``: ids derive from the request, and the same request
    sent twice (two identical uploads, the same message added again) must still make two objects."""
    while True:
        key = call.synth.new_id(prefix)
        if not _taken(call, collection, key):
            return key


def _not_found(param: str, value: str) -> MockError:
    kind = param.removesuffix("_id").replace("_", " ")
    return MockError(404, f"No {kind} found with id '{value}'.", param=param, code="not_found")


def _is_collection(call: Call, template: str) -> bool:
    """POST to T creates when the API has ``T/{id}`` or ``T/{id}/...`` routes (the object is used later)."""
    pattern = re.compile(re.escape(template) + r"/\{[^}]+\}(/|$)")
    return any(pattern.match(r.template) for r in call.table.routes)


def _item_template(call: Call, template: str) -> str | None:
    pattern = re.compile(re.escape(template) + r"/\{[^}]+\}$")
    return next((r.template for r in call.table.routes if pattern.match(r.template)), None)


def _with_id(tp: Any, obj: dict[str, Any], key: str) -> dict[str, Any]:
    model = _model_of(tp)
    if model is not None and "id" in model.model_fields:
        obj.setdefault("id", key)
    return obj


def _model_of(tp: Any) -> Any:
    bare, _ = strip(tp)
    if is_model(bare):
        return bare
    for member in getattr(bare, "__args__", ()):
        found = _model_of(member)
        if found is not None:
            return found
    return None


def _create(call: Call) -> Any:
    route = call.route
    overrides = {**call.path_params, **{k: v for k, v in call.body.items() if k != "id"}}
    item_template = _item_template(call, route.template) or ""
    key_name = item_param(item_template)
    obj = call.coerce(route.cast_to, overrides)
    key = obj.get("id") if isinstance(obj, dict) else None
    if key_name and isinstance(call.body.get(key_name), str):  # e.g. vector store files keyed by file_id
        key = call.body[key_name]
        obj = call.coerce(route.cast_to, {**obj, "id": key})
    elif isinstance(obj, dict) and isinstance(key, str) and _taken(call, call.request.path, key):
        key = obj["id"] = fresh_id(call, call.request.path, key[:-24])
    if isinstance(obj, dict) and key is not None:
        call.store.put(call.request.path, str(key), obj)
    return obj


def _taken(call: Call, collection: str, key: str) -> bool:
    return call.store.get(collection, key) is not None or call.store.was_deleted(collection, key)


_PAGING_KEYS = {"limit", "after", "before", "order", "page"}


def _list(call: Call) -> Any:
    route = call.route
    if route.verb == "POST" or route.template.endswith("}"):
        items = [call.synth.build(route.item, {**call.path_params})]
    else:
        stored = [obj for obj in call.store.peek(call.request.path) if _matches(obj, call.request.query)]
        items = call.coerce_all(route.item, _by_creation(stored))
    return page_payload(route.page, items, call.request.query, default_order(route))


def _by_creation(stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Oldest first: by ``created_at`` when every object has one, ties (and the rest) in insertion order."""
    if all(isinstance(obj.get("created_at"), int | float) for obj in stored):
        return sorted(stored, key=lambda obj: obj["created_at"])
    return stored


def _matches(obj: dict[str, Any], query: dict[str, str]) -> bool:
    """Simple filters the list endpoints take (``purpose=batch``, ``name=...``) against stored fields."""
    for key, wanted in query.items():
        if key in _PAGING_KEYS or "[" in key:
            continue
        value = obj.get(key)
        if isinstance(value, str) and value != wanted:
            return False
    return True


def _retrieve(call: Call) -> Any:
    key, collection = _key(call)
    obj = stored_or_demo(call, collection, key, call.route.cast_to)
    return call.coerce(call.route.cast_to, {**call.path_params, **obj})


def _update(call: Call) -> Any:
    key, collection = _key(call)
    stored_or_demo(call, collection, key, call.route.cast_to)
    merged = call.store.update(collection, key, call.body) or {}
    return call.coerce(call.route.cast_to, {**call.path_params, **merged})


def _delete(call: Call) -> Any:
    key, collection = _key(call)
    stored_or_demo(call, collection, key, call.route.cast_to)
    call.store.delete(collection, key)
    if call.route.cast_to in (None, type(None), types.NoneType):
        return MockReply(204)
    return call.coerce(call.route.cast_to, _with_id(call.route.cast_to, {"deleted": True}, key))


def _key(call: Call) -> tuple[str, str]:
    name = item_param(call.route.template) or ""
    key = call.path_params[name]
    return key, call.request.path[: -len(key) - 1] if call.request.path.endswith(key) else call.request.path


def _action(call: Call) -> Any:
    """POST /collection/{id}/verb: load the object, apply the verb's status, answer the route's type."""
    parent_template, verb = call.route.template.rsplit("/", 1)
    parent_path = call.concrete(parent_template)
    name = item_param(parent_template) or ""
    key = call.path_params.get(name, "")
    collection = parent_path[: -len(key) - 1] if key else parent_path
    if not call.store.exists(collection, key):
        raise _not_found(name, key)
    stored = call.store.get(collection, key) or {}
    if call.route.cast_to in (None, type(None), types.NoneType):
        return MockReply(204)
    same_kind = object_literal(_model_of(call.route.cast_to)) == stored.get("object")
    changes = {"status": _ACTION_STATUS[verb]} if verb in _ACTION_STATUS else {}
    base = {**stored, **changes} if same_kind else {**changes}
    result = call.coerce(call.route.cast_to, {**call.path_params, **call.body, **base})
    if same_kind and isinstance(result, dict):
        call.store.put(collection, key, result)
    return result


def _singleton(call: Call) -> Any:
    """Settings-like endpoints (GET/POST the same path): POST merges, GET reads back."""
    route = call.route
    if route.cast_to in (None, type(None), types.NoneType):
        return MockReply(204)
    collection = "singletons"
    stored = call.store.get(collection, call.request.path) or {}
    if route.verb in {"POST", "PUT", "PATCH"}:
        stored.update(call.body)
        obj = call.coerce(route.cast_to, {**call.path_params, **stored})
        if isinstance(obj, dict):
            call.store.put(collection, call.request.path, obj)
        return obj
    return call.coerce(route.cast_to, {**call.path_params, **stored})


def _content(call: Call) -> MockReply:
    """Binary/text content: uploaded bytes when the path names an uploaded file, else a stand-in."""
    for name, value in call.path_params.items():
        if name.endswith("_id") and value in call.store.blobs:
            return MockReply(200, {"content-type": "application/octet-stream"}, call.store.blobs[value])
    check_path_objects_all(call)
    text = f"Mock content for {call.request.path}\n".encode()
    return MockReply(200, {"content-type": "application/octet-stream"}, text)


def check_path_objects_all(call: Call) -> None:
    template = call.route.template
    for name in call.route.params_names:
        prefix = template.split("{" + name + "}")[0].rstrip("/")
        value = call.path_params[name]
        if not call.store.exists(call.concrete(prefix), value):
            raise _not_found(name, value)
