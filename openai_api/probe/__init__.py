"""The probe: `python -m openai_api.main` runs the catalog's examples against a provider and reports what works."""
