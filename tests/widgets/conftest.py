"""Fixtures for the widget tests: one explorer per module (building one fits the market model once)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TEACHING = REPO / "data" / "matters" / "teaching_open_elasticsearch.yaml"
N_PATHS = 5_000


@pytest.fixture(scope="module")
def case():
    import toolkit as tk

    return tk.Case.from_yaml(TEACHING)


@pytest.fixture(scope="module")
def explorer_factory(tmp_path_factory):
    import matplotlib

    matplotlib.use("Agg")
    from toolkit.widgets import CaseExplorer

    def make(case, **kwargs):
        kwargs.setdefault("n_paths", N_PATHS)
        kwargs.setdefault("export_dir", tmp_path_factory.mktemp("exhibits"))
        return CaseExplorer(case, **kwargs)

    return make


@pytest.fixture(scope="module")
def module_explorer(case, explorer_factory):
    return explorer_factory(case)


@pytest.fixture
def explorer(module_explorer):
    """The module's explorer, reset to the teaching matter's own values before each test."""
    module_explorer.load(module_explorer.base_case)
    assert module_explorer.case == module_explorer.base_case
    return module_explorer
