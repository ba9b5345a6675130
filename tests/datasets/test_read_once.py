"""Each curated table is parsed once: ``read_table`` in one pass, ``check_data`` one read per table."""
from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from toolkit.datasets import check_data
from toolkit.datasets._validation import read_table
from toolkit.errors import DataError

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
SHIPPED = sorted(REPO_DATA.glob("*.csv"))


def _pandas(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_read_table_gives_the_pandas_text_frame_of_every_shipped_table(path):
    pd.testing.assert_frame_equal(read_table(path), _pandas(path))


@pytest.mark.parametrize("text", [
    "a,b\n",                                   # header only
    "\ufeffa,b\r\n1,\"x\ny\"\r\n\r\n3,4\r\n",  # byte-order mark, CRLF, a quoted line break, a blank line
    "a,b,a,a\n1,2,3,4\n",                      # repeated header names
    ",x,\n1,2,3\n",                            # empty header cells
    "a,b\n\"\",\n1,2\n\n\n",                   # an empty quoted cell, trailing blank lines
    "a,b\r1,2\r",                              # old Mac line ends
])
def test_read_table_matches_pandas_on_awkward_but_valid_files(tmp_path, text):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8", newline="")
    pd.testing.assert_frame_equal(read_table(path), _pandas(path))


def test_read_table_parses_the_file_once(monkeypatch):
    """No second parse by pandas: read_table works with ``pandas.read_csv`` out of order."""
    path = REPO_DATA / "jurisdictions.csv"
    expected = _pandas(path)

    def refuse(*args, **kwargs):
        raise AssertionError("read_table parsed the file a second time with pandas.read_csv")

    monkeypatch.setattr(pd, "read_csv", refuse)
    pd.testing.assert_frame_equal(read_table(path), expected)


def test_read_table_errors_still_name_file_and_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n3\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 3 has 1 cells, the header 2"):
        read_table(path)
    path.write_text('a,b\n1,"open\n', encoding="utf-8")
    with pytest.raises(DataError, match="unreadable CSV from line 2"):
        read_table(path)


def test_check_data_reads_outcomes_and_jurisdictions_once(monkeypatch):
    """check_data reads each table once for all its checks (schema, factors' ids, coverage)."""
    validation = importlib.import_module("toolkit.datasets._validation")
    real_read_table, real_read_csv = validation.read_table, pd.read_csv
    reads: Counter = Counter()

    def counting_read_table(path, **kwargs):
        reads[Path(path).name] += 1
        return real_read_table(path, **kwargs)

    def counting_read_csv(path, *args, **kwargs):
        reads["pandas:" + Path(str(path)).name] += 1
        return real_read_csv(path, *args, **kwargs)

    monkeypatch.setattr(validation, "read_table", counting_read_table)
    monkeypatch.setattr(pd, "read_csv", counting_read_csv)
    assert check_data(REPO_DATA) == []
    assert reads["outcomes.csv"] == 1 and reads["jurisdictions.csv"] == 1, reads
    assert reads["pandas:outcomes.csv"] == 0 and reads["pandas:jurisdictions.csv"] == 0, reads


def test_check_data_still_reports_factors_and_coverage_from_the_one_read(tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(REPO_DATA, folder)
    rules = (folder / "jurisdictions.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(i for i, line in enumerate(rules) if line.startswith("US-AL,"))
    (folder / "jurisdictions.csv").write_text("".join(rules[:dropped] + rules[dropped + 1:]), encoding="utf-8")
    factors = pd.read_csv(folder / "outcome_factors.csv", dtype=str, keep_default_na=False)
    gone = factors["outcome_id"].iloc[0]
    outcomes = pd.read_csv(folder / "outcomes.csv", dtype=str, keep_default_na=False)
    outcomes[outcomes["outcome_id"] != gone].to_csv(folder / "outcomes.csv", index=False)
    problems = check_data(folder)
    assert any(p.startswith("outcome_factors.csv") and gone in p for p in problems), problems
    assert any("no row for the supported jurisdiction(s) US-AL" in p for p in problems), problems
