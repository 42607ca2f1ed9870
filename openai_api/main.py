"""`python -m openai_api.main`: the probe's command line, kept at this name for the commands people already type.

The probe itself lives in `openai_api.probe`; see `openai_api.probe.cli`.
"""

from __future__ import annotations

from openai_api.probe.cli import main, run_as_command

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(run_as_command())
