"""Notebook 04 in a fresh clone: without the staged public datasets, sections 6-8 run on the shipped samples."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "04_datasets.ipynb"


def test_notebook04_runs_on_samples_without_shared_data(tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.delenv("BREACH_TOOLKIT_SHARED_DATA", raising=False)
    monkeypatch.chdir(NOTEBOOK.parent)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    shown = []
    ns = {"display": lambda obj: shown.append(obj), "__name__": "__notebook__"}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        src = cell.source
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = f"shared_data = {str(tmp_path / 'no-shared-data')!r}\nvcdb_years = (2010, 2019)"
        exec(compile(src, f"<04 cell {cell.get('id')}>", "exec"), ns)
        plt.close("all")
    assert ns["kinds"] == {"hhs_ocr": "sample"}                 # only the redistributable sample is present
    assert set(ns["incidents"]) == {"hhs_ocr"} and len(ns["incidents"]["hhs_ocr"]) == 160
    assert "HHS OCR (500+ people, sample)" in ns["profile"].index   # section 8 compared against the sample
    assert len(ns["proxy"]) >= 10                                    # section 7 ran the HHS OCR proxy by year
    assert ns["coverage"].loc["rows", "count"] == len(ns["outcomes"])
    assert ns["by_authority"]["rows"].sum() == (ns["outcomes"]["regulator"] != "").sum()
    assert ns["licences"].loc["vcdb", "in this run"] == "absent" and not ns["licences"].loc["vcdb", "sample shipped"]
