"""``MockAPI``: the single implementation of the mock OpenAI API (adapters only translate I/O).

A request goes: fault injection -> auth -> profile filter -> route match (derived from the SDK) ->
body decode and params check (Required keys, JSON types, Literal values: ``validation``; the profile's
model names, when it lists ``unknown_model``) -> a specialised
handler (realistic chat, responses, embeddings, ...) or the generic REST behaviour -> a reply with an
``x-request-id``. Any exception that is not a deliberate ``MockError`` becomes a 500 envelope that says
it is a bug in the mock, never a crash.

State (objects, request ids) is kept per bearer token (``tenants``): one ``MockAPI`` serves many
examples side by side, each seeing only what it created, with ids that do not depend on the others.
"""

from __future__ import annotations

import fnmatch
import logging
import traceback
from typing import Any

from openai_api.mock import crud
from openai_api.mock.bodies import decode_body
from openai_api.mock.content.models import listed_models
from openai_api.mock.data import fixtures, profiles
from openai_api.mock.errors import MockError, error_reply
from openai_api.mock.faults import read_faults
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handler_for
from openai_api.mock.state.store import Store
from openai_api.mock.state.tenants import Tenants
from openai_api.mock.validation import check_required, check_types
from openai_api.mock.wire import MockReply, MockRequest, json_reply
from openai_api.sdk.model_names import params_model_names, sdk_model_names
from openai_api.sdk.routes import Route, RouteTable, build_route_table

__all__ = ["MockAPI"]

log = logging.getLogger("openai_api.mock")


class MockAPI:
    """One mock API instance: a profile ("openai" or "deepseek"), shared routes, a state per token."""

    def __init__(self, profile: str = "openai", lenient: bool = False) -> None:
        known = profiles()
        if profile not in known:
            raise ValueError(f"unknown profile {profile!r}; known: {', '.join(sorted(known))}")
        self.profile_name = profile
        self.lenient = lenient  # every id and model name exists, for suites written for stateless mocks (Prism)
        self.profile: dict[str, Any] = known[profile]
        self.table: RouteTable = build_route_table()
        self._seeded: Store | None = None
        self._tenants = Tenants(self._new_store)

    def store_for(self, token: str) -> Store:
        """The state of bearer token ``token`` (fresh and seeded if it made no request yet)."""
        return self._tenants.get(token).store

    def tokens(self) -> list[str]:
        """Bearer tokens that made requests (or were looked at), in order of first use."""
        return self._tenants.tokens()

    def _new_store(self) -> Store:
        """A new token's store: a copy of one seeded once per instance (`Store.copy`), so a token costs no
        seeding of its own (a build runs over a thousand tokens: one per example and per surface call)."""
        if self._seeded is None:  # called under the tenants' lock
            self._seeded = Store()
            self._seed_fixtures(self._seeded)
        return self._seeded.copy()

    def _seed_fixtures(self, store: Store) -> None:
        store.lenient = self.lenient
        for model in self.profile.get("models") or listed_models():
            store.put("/models", model["id"], {"object": "model", "owned_by": "system", **model})
        for collection, objects in (fixtures().get("objects") or {}).items():
            for obj in objects:
                store.put(collection, obj["id"], obj)

    def serves(self, route: Route) -> bool:
        return any(fnmatch.fnmatchcase(route.template, pattern) for pattern in self.profile.get("serve", ["*"]))

    def handle(self, request: MockRequest) -> MockReply:
        """Answer one request. Never raises."""
        token = request.api_key()
        tenant = self._tenants.get(token)
        request_id = tenant.request_id(request.method, request.path)
        faults = read_faults(request)
        try:
            reply = faults.error() or self._dispatch(request, token, tenant.store, request_id)
        except MockError as exc:
            reply = exc.reply()
        except Exception as exc:  # a bug in the mock: say so instead of crashing the caller
            log.error("mock bug on %s %s\n%s", request.method, request.path, traceback.format_exc())
            reply = error_reply(500, f"Bug in the OpenAI mock (not in your code): {exc!r}", "mock_bug")
        reply.headers.setdefault("x-request-id", request_id)
        reply.delay_s = faults.delay_s
        reply.drop = faults.drop
        return reply

    def _dispatch(self, request: MockRequest, token: str, store: Store, request_id: str) -> MockReply:
        if not token:
            raise MockError(
                401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header "
                "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                code="invalid_api_key",
            )
        match = self.table.match(request.method, request.path, request.query)
        if match is None or not self.serves(match.route):
            return self._not_found(request)
        decoded = decode_body(request.header("content-type"), request.body)
        route = match.route
        if route.verb != "GET" and route.params_in == "body":
            check_required(route.params, decoded.fields, route.params_names)
            check_types(route.params, decoded.fields, route.params_names, text=route.multipart)
        elif route.params_in == "query":
            check_types(route.params, request.query, route.params_names, text=True)
        if request.deployment is None:  # on Azure the "model" is the caller's own deployment name
            self._check_model(decoded.fields, route, store)
        call = Call(
            request,
            route,
            match.path_params,
            decoded.fields,
            decoded.files,
            store,
            self.table,
            self.profile,
            request_id,
        )
        crud.check_path_objects(call)
        handler = handler_for(route.verb, route.template, crud.generic)
        result = handler(call)
        return result if isinstance(result, MockReply) else json_reply(200, result)

    def _check_model(self, body: dict[str, Any], route: Route, store: Store) -> None:
        """A model name the account does not have is refused, as the API does: a profile with ``unknown_model``
        answers its provider's error for names outside its ``models``; otherwise a name neither listed by the
        mock (``/models``: the fixtures and fine-tuned models), nor spelled out by the SDK's model literals,
        nor a fine-tuned ``ft:`` name is answered 404 ``model_not_found``, except in lenient mode, where every name
        exists as every id does (a suite written for a stateless mock sends placeholders such as ``model="model"``)."""
        rule = self.profile.get("unknown_model")
        model = body.get("model")
        if not isinstance(model, str):
            return
        if rule:
            if model not in {str(m["id"]) for m in self.profile.get("models") or []}:
                status = int(rule.get("status", 400))
                raise MockError(status, str(rule.get("message")), type_=rule.get("type"), code=rule.get("code"))
            return
        if (
            store.lenient
            or model.startswith("ft:")
            or store.get("/models", model) is not None
            or model in sdk_model_names()
        ):
            return
        if route.params_ref is not None and model in params_model_names(route.params):
            return
        raise MockError(
            404, f"The model `{model}` does not exist or you do not have access to it.", code="model_not_found"
        )

    def _not_found(self, request: MockRequest) -> MockReply:
        custom = self.profile.get("not_found")
        if custom:
            return error_reply(
                int(custom.get("status", 404)), str(custom.get("message")), custom.get("type"), None, custom.get("code")
            )
        message = f"Invalid URL ({request.method} /v1{request.path})"
        return error_reply(404, message, "invalid_request_error", None, "unknown_url")
