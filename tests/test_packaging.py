"""Packaging contracts: environment.yml mirrors pyproject; CI runs the README's test command."""
from __future__ import annotations

import re
import tomllib

import yaml

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _norm(req: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    name = match.group(1).lower().replace("_", "-").replace(".", "-")
    return name, match.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = dict(_norm(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    have = dict(_norm(d) for d in conda if not d.startswith(("python", "pip")))
    assert have == wanted, "environment.yml and pyproject.toml list different packages or bounds"
    assert "-e .[dev]" in pip
    assert "conda-forge" in env["channels"]
    assert any(d.startswith("python=3.11") for d in conda)


def _readme_test_command() -> str:
    text = (REPO / "README.md").read_text()
    match = re.search(r"<!-- test-command -->\s*```(?:bash|sh)?\n(.*?)```", text, re.S)
    assert match, "README must mark its test command with <!-- test-command -->"
    lines = [ln.strip() for ln in match.group(1).splitlines() if ln.strip() and not ln.strip().startswith("#")]
    return lines[-1].split("&&")[-1].strip()


def test_ci_runs_the_readme_test_command():
    command = _readme_test_command()
    ci = (REPO / ".ci" / "run").read_text()
    ci_lines = [ln.strip() for ln in ci.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert ci.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in ci
    assert ci_lines[-1] == command
    assert 'pip install --quiet -e ".[dev]"' in ci and "python3 -m venv" in ci


def test_quick_start_has_exactly_two_commands():
    text = (REPO / "README.md").read_text()
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", section, re.S)
    commands = [ln for b in blocks for ln in b.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert len(commands) == 2
    assert "jupyter lab" in commands[0] and "pip install" in commands[0]
    assert commands[1].split("&&")[-1].strip() == _readme_test_command()


def test_pytest_config_runs_notebooks_and_tests():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "notebooks" in config["testpaths"] and "tests" in config["testpaths"]
    assert "--nbval-lax" in config["addopts"]
