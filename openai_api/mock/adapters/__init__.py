"""How the mock is reached: ASGI for uvicorn, an in-process transport, WebSocket sessions, SSE framing."""
