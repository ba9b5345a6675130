"""The validated shipped tables are cached by content: an edited file is validated again, a bad one never cached."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.datasets import load_controls, load_fx_rates, load_jurisdictions
from toolkit.errors import DataError

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BREACH_TOOLKIT_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "data"
    out.mkdir()
    for name in ("fx_rates.csv", "controls.csv", "jurisdictions.csv", "cpi_u.csv"):
        shutil.copy(DATA / name, out / name)
    return out


def test_a_cached_table_equals_a_fresh_read(folder, monkeypatch):
    import pandas as pd

    first = (load_controls(data_dir_=folder), load_jurisdictions(data_dir_=folder))
    assert any((folder.parent / "cache").glob("table-*"))      # written to the cache
    second = (load_controls(data_dir_=folder), load_jurisdictions(data_dir_=folder))
    monkeypatch.setenv("BREACH_TOOLKIT_CACHE", "off")
    fresh = (load_controls(data_dir_=folder), load_jurisdictions(data_dir_=folder))
    for a, b, c in zip(first, second, fresh):
        pd.testing.assert_frame_equal(a, b)
        pd.testing.assert_frame_equal(b, c)


def test_an_edited_table_is_validated_again(folder):
    load_fx_rates(folder)                                        # the good file, now cached
    path = folder / "fx_rates.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[2] = "-1"                                              # a negative rate
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="usd_per_unit"):
        load_fx_rates(folder)
    with pytest.raises(DataError, match="usd_per_unit"):         # and the bad file was not cached
        load_fx_rates(folder)
