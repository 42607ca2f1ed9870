"""An embedded mock of the OpenAI API, derived from the installed ``openai`` SDK.

Every example on the site runs against it at docs-build time. Entry points:

- ``openai_api.mock.server.running_server(profile="openai")``: context manager yielding a base URL
  ("http://127.0.0.1:PORT/v1") of a fresh mock served by uvicorn in a background thread.
- ``python -m openai_api.mock --port 4010 [--host 127.0.0.1] [--profile openai|deepseek]``.
- ``openai_api.mock.transport.mock_transport(api)``, ``mock_client(**kw)``, ``async_mock_client(**kw)``:
  the same mock in process, with no socket.
- ``openai_api.mock.core.MockAPI``: the one implementation behind all of these.

Any non-empty bearer token is accepted; a missing one answers 401 ``invalid_api_key``.
Ids ending in ``_demo`` (``file_demo``, ``alert_demo``, ...) name objects that always exist until
deleted, so examples can read objects they did not create.

Fault injection, per request (``extra_headers=``) or per client (``default_headers=``):

- ``x-mock-status: 429`` (or any 4xx/5xx): answer that status with an OpenAI error envelope;
  429 and 5xx carry ``retry-after`` / ``retry-after-ms`` (10 ms, or ``x-mock-retry-after-ms``), so
  the SDK's retries are fast. Pass ``max_retries=0`` to see the error at once.
- ``x-mock-delay-ms: N``: wait N milliseconds before answering (timeouts, spinners).
- ``x-mock-drop: 1``: close the connection without answering (the SDK raises APIConnectionError).

Every response has a deterministic ``x-request-id`` (``req_...``).
"""
