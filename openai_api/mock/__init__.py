"""An embedded mock of the OpenAI API, derived from the installed ``openai`` SDK.

Every example on the site runs against it at docs-build time. Entry points:

- ``openai_api.mock.server.running_server(profile="openai", api=None)``: context manager yielding a base URL
  ("http://127.0.0.1:PORT/v1") of a fresh mock (or of ``api``, a ``MockAPI`` the caller keeps to look into
  its state afterwards) served by uvicorn in a background thread. ``running_app(app)`` serves any ASGI app
  the same way.
- ``python -m openai_api.mock --port 4010 [--host 127.0.0.1] [--profile openai|deepseek]``.
- ``openai_api.mock.transport.mock_transport(api)``, ``mock_client(**kw)``, ``async_mock_client(**kw)``:
  the same mock in process, with no socket.
- ``openai_api.mock.core.MockAPI``: the one implementation behind all of these.
- ``openai_api.mock.realtime``: Realtime over WebSocket, server mode only (``client.realtime.connect``, text);
  the other WebSocket ``connect`` endpoints answer an ``error`` event and a clean close.
- ``openai_api.mock.args.build_args(name, method)``: minimal valid arguments for any SDK method
  (``sdk_test_args.yaml`` holds what a type cannot tell); ``openai_api.mock.sdk_calls``: call any method
  by name, read its result to the end, check it is of the annotated kind (what the site and tests use).
- ``openai_api.mock.webhooks.signed_event(event_type, data, secret)``: ``(payload, headers)`` of a webhook
  delivery signed like OpenAI's, for ``client.webhooks.unwrap`` / ``verify_signature``.

Requests are checked like the real API: a missing Required param, a top-level param of the wrong JSON
type (``invalid_type``) or outside its Literal (``invalid_value``) answers 400 naming the ``param``.
The ``deepseek`` profile also refuses model names other than ``deepseek-chat`` / ``deepseek-reasoner``
with DeepSeek's own 400 (``Model Not Exist``); ``profiles.yaml`` says so per profile.

Behaviour readers rely on, as the real API has it: ``responses.create(conversation=...)`` appends the turn
(input, then output items) to the conversation and sees its earlier items as context (404 for an unknown
conversation; 400 together with ``previous_response_id``); a ``store=False`` response is not kept (not
retrievable, not usable as ``previous_response_id``); ``tool_choice`` is obeyed (forced, required, none,
allowed_tools) by Responses and Chat; ``text.format`` is echoed; image inputs cost input tokens
(``image_tokens``); a batch whose input file is invalid ends ``failed`` with line errors; lists answer in each
endpoint's real default order (``list_order``: files, vector stores, conversation items newest first);
``audio.speech`` answers MP3 unless another format is asked for (``speech_audio``); Realtime sends the GA
event sequence.

Any non-empty bearer token is accepted; a missing one answers 401 ``invalid_api_key``.
Each bearer token has its own state: a store seeded with the fixtures on the token's first request, and
its own request counter. One server can so run many examples side by side, each with its own key
(``sk-mock-files-sync``): an example sees only what it created, and the same calls under a fresh token
get byte-identical answers (object ids, ``x-request-id``s) whatever other tokens did before or meanwhile.
``MockAPI.store_for(token)`` shows a token's state.
Ids ending in ``_demo`` (``file_demo``, ``alert_demo``, ...) name objects that always exist until
deleted, so examples can read objects they did not create.

Fault injection, per request (``extra_headers=``) or per client (``default_headers=``):

- ``x-mock-status: 429`` (or any 4xx/5xx): answer that status with an OpenAI error envelope;
  429 and 5xx carry ``retry-after`` / ``retry-after-ms`` (10 ms, or ``x-mock-retry-after-ms``), so
  the SDK's retries are fast. Pass ``max_retries=0`` to see the error at once.
- ``x-mock-delay-ms: N``: wait N milliseconds before answering (timeouts, spinners); every attempt waits.
- ``x-mock-drop: 1``: close the connection without answering (the SDK raises APIConnectionError).
- ``x-mock-fail-times: N``: fail only the first N attempts of a call, then answer normally, so the SDK's
  retries visibly succeed ("failed twice, then the retry succeeded"). Stateless: it reads the
  ``x-stainless-retry-count`` header the SDK numbers each attempt with (0, 1, 2, ...). A failing attempt
  answers ``x-mock-status`` (503 when absent), or drops the connection with ``x-mock-drop: 1``;
  ``with_raw_response`` shows ``retries_taken``. Give ``max_retries`` >= N for the call to succeed.

Every response has a deterministic ``x-request-id`` (``req_...``): from the token's request count, verb and path.

Routes are derived from the SDK once and cached in ``<repo>/.cache/openai_api/mock-routes/`` (keyed by the
SDK version and the deriving code), so a new process answers its first request in well under a second;
delete the directory to force a fresh derivation.
"""
