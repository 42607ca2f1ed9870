"""The deployment workflows are valid GitHub Actions files (SchemaStore's schema, vendored by check-jsonschema,
so the check runs offline), and they build the way the README says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def check(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    return subprocess.run([*command, *map(str, paths)], capture_output=True, text=True, timeout=120)


def test_workflows_match_the_github_actions_schema() -> None:
    assert [path.name for path in WORKFLOWS] == ["docs-live.yml", "docs.yml"]
    result = check(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  build:\n    steps: [{run: make}]\n", encoding="utf-8")
    assert check(broken).returncode != 0


def test_pages_workflow_builds_strictly_on_the_mock_and_deploys_from_main() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "docs.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make build" for step in steps)
    assert "OPENAI_API_DOCS_STRICT=1" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert workflow["jobs"]["deploy"]["if"].endswith("github.ref == 'refs/heads/main'")


def test_every_push_and_pull_request_runs_the_readmes_test_command() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "docs.yml").read_text(encoding="utf-8"))
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML reads the key `on` as True
    assert [step.get("run") for step in workflow["jobs"]["test"]["steps"] if "run" in step] == ["make test"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test    #" in readme.split("```")[1], "the README's second command is the one CI runs"


def test_live_workflow_is_manual_and_never_echoes_a_key() -> None:
    text = (ROOT / ".github" / "workflows" / "docs-live.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert set(workflow[True]) == {"workflow_dispatch"}  # YAML reads the key `on` as True
    for line in text.splitlines():
        if "secrets." in line:
            assert line.strip().split(":")[0].endswith("_API_KEY"), line  # only ever assigned to an env var
    assert "echo" not in text
