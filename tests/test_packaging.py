"""Packaging contracts: environment.yml mirrors pyproject; CI runs the README's test command."""
from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _norm(req: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    name = match.group(1).lower().replace("_", "-").replace(".", "-")
    return name, match.group(2).replace(" ", "")


#: PyPI name -> conda-forge name, where they differ.
CONDA_NAMES = {"playwright": "playwright-python"}


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def test_environment_yml_matches_pyproject():
    project = _project()
    wanted = {}
    for r in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name, bound = _norm(r)
        wanted[CONDA_NAMES.get(name, name)] = bound
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    have = dict(_norm(d) for d in conda if not d.startswith(("python", "pip")))
    assert have == wanted, "environment.yml and pyproject.toml list different packages or bounds"
    assert "playwright" not in have  # conda-forge's Python Playwright is playwright-python
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


# --------------------------------------------------------------------------- issue 12: installs like a library
def test_light_core_and_extras():
    """The library (assess, data, exhibits) needs no Jupyter; `dev` installs every extra (the README's commands)."""
    project = _project()
    core = {_norm(r)[0] for r in project["dependencies"]}
    assert not core & {"jupyterlab", "voila", "ipykernel", "notebook", "ipywidgets"}, core
    extras = project["optional-dependencies"]
    assert {"jupyterlab"} <= {_norm(r)[0] for r in extras["notebook"]}
    assert {"voila"} <= {_norm(r)[0] for r in extras["app"]}
    dev = {_norm(r)[0] for r in extras["dev"]}
    for name in ("widgets", "notebook", "app"):
        assert {_norm(r)[0] for r in extras[name]} <= dev, name


def test_licence_files_and_spdx_expression():
    project = _project()
    assert isinstance(project["license"], str) and project["license"] == "MIT AND CC-BY-4.0"
    assert set(project["license-files"]) == {"LICENSE", "LICENSE-DATA"}
    assert "MIT License" in (REPO / "LICENSE").read_text() and "CC-BY-4.0" in (REPO / "LICENSE").read_text()
    assert "Creative Commons Attribution 4.0" in (REPO / "LICENSE-DATA").read_text()
    build = tomllib.loads((REPO / "pyproject.toml").read_text())["build-system"]["requires"]
    setuptools = [r for r in build if r.startswith("setuptools")]
    # SPDX `license` strings and license-files need setuptools >= 77 (PEP 639)
    assert setuptools and int(re.search(r">=\s*(\d+)", setuptools[0]).group(1)) >= 77


def test_citation_and_changelog():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["version"] == _project()["version"]
    assert cff["title"] and cff["authors"] and cff["license"] == "MIT"
    changelog = (REPO / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog and f"## [{_project()['version']}]" in changelog


def test_no_placeholder_urls():
    """Regression: pyproject pointed Documentation at example.invalid."""
    tracked = [p for p in REPO.rglob("*") if p.is_file() and p.suffix in (".toml", ".md", ".cff", ".yml", ".py", ".cfg")
               and not any(part in (".git", ".venv", "build", ".ci") for part in p.relative_to(REPO).parts)]
    hits = [str(p.relative_to(REPO)) for p in tracked if "example.invalid" in p.read_text(errors="ignore")
            and p.name != "test_packaging.py"]
    assert hits == []


def test_packaged_data_is_the_repository_data():
    """The tables ship in the package (toolkit/_data) and the repository's data/ is their one source."""
    link = REPO / "toolkit" / "_data"
    assert link.is_symlink() and link.resolve() == (REPO / "data").resolve()
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["toolkit"]
    shipped = set()
    for pattern in package_data:
        if pattern.startswith("_data/"):
            shipped |= {p.resolve() for p in (REPO / "toolkit").glob(pattern)}
            shipped |= {p.resolve() for p in (REPO / "toolkit").glob(pattern.replace("**/", ""))}
    wanted = {p.resolve() for p in (REPO / "data").rglob("*") if p.is_file() and p.suffix in (".csv", ".yaml", ".md")}
    assert wanted and wanted <= shipped, sorted(str(p) for p in wanted - shipped)
    assert "schema/*.json" in package_data


def test_one_data_directory_resolver(monkeypatch, tmp_path):
    """Argument, then BREACH_TOOLKIT_DATA, then the packaged tables (read through importlib.resources)."""
    from importlib import resources

    from toolkit.datasets import DATA_DIR, data_dir

    monkeypatch.delenv("BREACH_TOOLKIT_DATA", raising=False)
    assert data_dir() == DATA_DIR == Path(str(resources.files("toolkit") / "_data"))
    assert (data_dir() / "outcomes.csv").is_file() and (data_dir() / "matters").is_dir()
    monkeypatch.setenv("BREACH_TOOLKIT_DATA", str(tmp_path))
    assert data_dir() == tmp_path
    assert data_dir(tmp_path / "x") == tmp_path / "x"


def test_every_loader_and_the_model_cache_use_the_resolver(monkeypatch, tmp_path):
    """An empty folder named by the environment variable is what every loader reads (and fails on)."""
    import importlib

    assess_module = importlib.import_module("toolkit.assess")
    from toolkit.datasets import check_data, load_outcomes
    from toolkit.datasets.controls import load_controls
    from toolkit.datasets.fx import load_fx_rates
    from toolkit.datasets.jurisdictions import load_jurisdictions

    monkeypatch.setenv("BREACH_TOOLKIT_DATA", str(tmp_path))
    for loader in (load_outcomes, load_controls, load_jurisdictions, load_fx_rates):
        with pytest.raises(Exception, match=str(tmp_path)):
            loader()
    assert assess_module._outcomes_sha256() is None  # the model cache keys on the resolved table
    assert any("outcomes.csv: missing" in p for p in check_data())


def test_ci_builds_and_tests_the_wheel_outside_the_clone():
    ci = (REPO / ".ci" / "run").read_text()
    assert "pip wheel" in ci and "--no-deps" in ci
    assert ci.count("python3 -m venv") >= 2               # a second, fresh venv for the wheel
    wheel_part = ci.split("pip wheel", 1)[1].split("# The test command", 1)[0]
    assert "cd \"$WHEEL_TMP/outside\"" in wheel_part     # from a folder outside the clone
    assert "tk.assess(" in wheel_part
    assert "-m toolkit data check" in wheel_part
    assert 'breach-toolkit" assess' in wheel_part
    assert "--out pack" in wheel_part
