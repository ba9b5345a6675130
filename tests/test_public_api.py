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
