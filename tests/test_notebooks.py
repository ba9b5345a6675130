"""The notebooks are jupytext pairs: ``notebooks/NN_name.py`` (percent script) and ``notebooks/NN_name.ipynb``.

The script is the file to edit, lint and review; the ``.ipynb`` is what Jupyter, nbval, papermill and
Voila open. After an edit to either, ``jupytext --sync notebooks/NN_name.py`` brings the other up to
date. These tests fail when a pair is out of sync, when an ``.ipynb`` carries outputs, when the
papermill ``parameters`` cell is missing, when ruff finds a problem in a script, and when pytest would
import a script (the notebooks run as ``.ipynb`` under nbval only). They also hold the notebooks to
their reader: checks sit in one collapsed cell at the end, money in Markdown is not typeset as LaTeX,
and no text tells the development history.
"""
from __future__ import annotations

import ast
import difflib
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

jupytext = pytest.importorskip("jupytext", reason="jupytext is in the dev extra")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
IPYNB = sorted(NOTEBOOKS.glob("*.ipynb"))
SCRIPTS = sorted(NOTEBOOKS.glob("*.py"))
PAIRING = "ipynb,py:percent"


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_every_notebook_has_its_script_and_back():
    assert IPYNB, "no notebooks found"
    assert [p.stem for p in IPYNB] == [p.stem for p in SCRIPTS], (
        "each notebooks/NN_name.ipynb needs its notebooks/NN_name.py and back: "
        f"ipynb {[p.name for p in IPYNB]}, py {[p.name for p in SCRIPTS]}")


@pytest.mark.parametrize("path", IPYNB, ids=lambda p: p.stem)
def test_pair_is_in_sync(path):
    nb = _read(path)
    assert nb.metadata.get("jupytext", {}).get("formats") == PAIRING, (
        f"{path.name}: metadata jupytext.formats must be {PAIRING!r}")
    expected = jupytext.writes(nb, fmt="py:percent")
    script = path.with_suffix(".py")
    actual = script.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        f"{path.name} (rendered by jupytext)", script.name, n=1))
    assert actual == expected, f"{script.name} and {path.name} differ; run `jupytext --sync {script.name}`\n{diff}"


@pytest.mark.parametrize("path", IPYNB, ids=lambda p: p.stem)
def test_ipynb_is_committed_without_outputs(path):
    nb = _read(path)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs or execution counts; clear them before committing"


@pytest.mark.parametrize("path", IPYNB, ids=lambda p: p.stem)
def test_first_code_cell_is_the_tagged_parameters_cell(path):
    code = [c for c in _read(path).cells if c.cell_type == "code"]
    tagged = [i for i, c in enumerate(code) if "parameters" in c.metadata.get("tags", [])]
    assert tagged == [0], f"{path.name}: exactly the first code cell must carry the papermill tag 'parameters'"


def test_ruff_passes_on_the_scripts():
    pytest.importorskip("ruff", reason="ruff is in the dev extra")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *map(str, SCRIPTS)],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pytest_collects_the_ipynb_and_never_imports_the_scripts():
    """With --doctest-modules pytest would import (run) every script; only nbval's .ipynb items may appear."""
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "notebooks"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    items = [ln for ln in result.stdout.splitlines() if "::" in ln]
    assert {ln.split("::")[0] for ln in items} == {f"notebooks/{p.name}" for p in IPYNB}, result.stdout


def _asserts(source: str) -> int:
    return sum(isinstance(node, ast.Assert) for node in ast.walk(ast.parse(source)))


@pytest.mark.parametrize("path", IPYNB, ids=lambda p: p.stem)
def test_checks_sit_in_one_collapsed_cell_at_the_end(path):
    """Narrative cells show results; the asserts that guard them live in the last cell, tagged and collapsed."""
    cells = _read(path).cells
    with_asserts = [i for i, c in enumerate(cells) if c.cell_type == "code" and _asserts(c.source)]
    tagged = [i for i, c in enumerate(cells) if "checks" in c.metadata.get("tags", [])]
    assert tagged == [len(cells) - 1], f"{path.name}: the last cell, and only it, must be tagged 'checks'"
    assert set(with_asserts) <= set(tagged), f"{path.name}: cells {with_asserts} assert among the narrative"
    last = cells[-1]
    assert last.metadata.get("jupyter", {}).get("source_hidden") is True, f"{path.name}: collapse the checks cell"
    assert last.source.startswith("# Checks"), f"{path.name}: the checks cell starts with a '# Checks' comment"


#: "$" outside code spans; Jupyter typesets the text between two of them as LaTeX.
_DOLLAR = re.compile(r"(?<!\\)\$")


@pytest.mark.parametrize("path", IPYNB, ids=lambda p: p.stem)
def test_money_in_markdown_is_escaped(path):
    for i, cell in enumerate(_read(path).cells):
        if cell.cell_type == "markdown":
            prose = re.sub(r"`[^`]*`", "", cell.source)
            assert not _DOLLAR.search(prose), f"{path.name} cell {i}: write \\$ for a dollar sign: {cell.source!r}"


@pytest.mark.parametrize("path", IPYNB, ids=lambda p: p.stem)
def test_no_development_history(path):
    history = re.compile(r"\b(issue|ticket|PR) #?\d+|commissioned|was added in|used to be", re.I)
    for i, cell in enumerate(_read(path).cells):
        assert not history.search(cell.source), f"{path.name} cell {i}: {history.search(cell.source).group(0)!r}"
