"""The executable OpenAI SDK teaching site, its provider probe and its embedded mock of the OpenAI API.

One folder per concern; imports run one way (a test enforces it):

- `sdk/`: reading the installed `openai` SDK (its methods, routes, types, valid arguments); depends on nothing here.
- `core/`: what every run shares: the catalog, the two languages, providers, the status contract, redaction,
  the runner and the settings; depends on `sdk/`.
- `mock/`: the simulated OpenAI API; depends on `sdk/`.
- `docsite/`: the MkDocs plugin and everything that makes pages; depends on `core/`, `sdk/`, `mock/`.
- `probe/`: `python -m openai_api.main`, what a provider really supports; depends on `core/`, `sdk/`, `mock/`.
- `storage.py`: caches, atomic writes, fingerprints and timestamps, used by all of them.
"""
