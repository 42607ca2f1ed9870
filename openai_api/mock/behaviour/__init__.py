"""The logic handlers share: reading requests, token usage, context of a response, built-in tools, batches."""
