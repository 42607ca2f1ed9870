"""What every run shares — the docs build, the tests and the probe: the catalog, the two languages, the providers,
the status contract, redaction, the one runner, the probe report and the settings read from the environment."""
