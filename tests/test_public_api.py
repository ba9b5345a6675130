"""The public surface: entry points present, implementation modules not leaked, import is light."""
from __future__ import annotations

import subprocess
import sys

import toolkit


def test_entry_points_exported():
    assert set(toolkit.__all__) >= {"Case", "InputError", "assess"}
    assert issubclass(toolkit.InputError, ValueError)


def test_import_does_not_load_heavy_libraries():
    code = ("import sys, toolkit; heavy = [m for m in ('matplotlib', 'sklearn', 'ipywidgets', 'pandera', 'scipy')"
            " if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_input_error_attributes():
    err = toolkit.InputError("records_exposed", -1, "a whole number >= 0")
    assert (err.field, err.value, err.allowed) == ("records_exposed", -1, "a whole number >= 0")
    assert str(err) == "records_exposed: got -1; allowed: a whole number >= 0"


import importlib

import pytest

SUBPACKAGES = ["toolkit.datasets", "toolkit.liability", "toolkit.damages", "toolkit.litigation",
               "toolkit.widgets", "toolkit.exhibits"]


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_subpackage_surface(name):
    """Every name a subpackage lists in __all__ exists; no private name is exported."""
    module = importlib.import_module(name)
    assert module.__all__, f"{name} lists its public names"
    for public in module.__all__:
        assert not public.startswith("_"), f"{name} exports private {public}"
        assert getattr(module, public) is not None, f"{name}.{public} is missing"


def test_contract_names():
    from toolkit.damages import OutcomeRegressor
    from toolkit.datasets import (list_datasets, load_controls, load_jurisdictions, load_outcomes, read_gdpr_tracker,
                                  read_hhs_ocr, read_prc, read_vcdb)
    from toolkit.liability import assess_liability
    from toolkit.widgets import CaseExplorer

    assert callable(OutcomeRegressor(coverage=0.8, random_state=0).fit)
    for f in (load_outcomes, load_controls, load_jurisdictions, list_datasets, read_vcdb, read_hhs_ocr,
              read_gdpr_tracker, read_prc, assess_liability):
        assert callable(f) and f.__doc__
    assert CaseExplorer.__doc__
