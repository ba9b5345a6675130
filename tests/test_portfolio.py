"""Portfolios: assess_many equals assess row for row (serially, in processes, on Dask); read_matters."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import toolkit as tk
from toolkit.datasets import load_matter, matters_table, read_matters
from toolkit.errors import DataError

N = 5_000
SEED = 11


@pytest.fixture(scope="module")
def cases(matter_paths_module):
    base = [tk.Case.from_yaml(p) for p in matter_paths_module]
    # variations of the bundled matters, so that rows differ in every column
    more = [base[0].replace(name="bigger", records_exposed=base[0].records_exposed * 10,
                            class_size=base[0].class_size * 10),
            base[1].replace(name="stronger causation", causation_strength=0.9, mfa="no"),
            base[2].replace(name="EU only", jurisdictions=["EU-IE"])]
    return base + more


@pytest.fixture(scope="module")
def matter_paths_module():
    from tests.conftest import MATTERS

    return sorted(MATTERS.glob("*.yaml"))


def expected_rows(cases):
    rows = []
    for case in cases:
        result = tk.assess(case, seed=SEED, n_paths=N)
        row = {"name": case.name, "p_liability": result.liability.probability}
        for track, r in result.outcome_ranges.iterrows():
            row.update({f"{track}_{c}": r[c] for c in ("probability", "low", "median", "high")})
        rows.append(row)
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def expected(cases):
    return expected_rows(cases)


def test_serial_rows_equal_assess_exactly(cases, expected):
    got = tk.assess_many(cases, seed=SEED, n_paths=N)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    tracks = tk.assess(cases[0], seed=SEED, n_paths=N).outcome_ranges.index
    assert list(got.columns) == ["name", "p_liability"] + [f"{t}_{c}" for t in tracks
                                                           for c in ("probability", "low", "median", "high")]


def test_threads_equal_the_serial_run(cases, expected):
    got = tk.assess_many(cases, seed=SEED, n_paths=N, n_jobs=2, backend="threading")
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_worker_processes_equal_the_serial_run(cases, expected):
    """n_jobs through joblib's default (process) backend: each worker fits its own models."""
    got = tk.assess_many(cases, seed=SEED, n_paths=N, n_jobs=2)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_dask_local_cluster_equals_the_serial_run(cases, expected):
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (the 'dask' extra)")
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster):
        got = tk.assess_many(cases * 3, seed=SEED, n_paths=N, backend="dask")
    pd.testing.assert_frame_equal(got, pd.concat([expected] * 3, ignore_index=True), check_exact=True)


def test_dask_without_a_client_says_how_to_start_one(cases):
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (the 'dask' extra)")
    with pytest.raises(tk.InputError, match="Client"):
        tk.assess_many(cases[:1], n_paths=N, backend="dask")


def test_bad_arguments_are_named(cases):
    with pytest.raises(tk.InputError, match=r"cases\[1\]"):
        tk.assess_many([cases[0], {"name": "x"}], n_paths=N)
    with pytest.raises(tk.InputError, match="single Case"):
        tk.assess_many(cases[0])
    for kwargs, field in (({"n_jobs": 0}, "n_jobs"), ({"backend": "spark"}, "backend"), ({"seed": -1}, "seed"),
                          ({"n_paths": 10}, "n_paths"), ({"progress": "yes"}, "progress")):
        with pytest.raises(tk.InputError, match=field):
            tk.assess_many(cases[:1], **{"n_paths": N, **kwargs})


def test_empty_portfolio_and_progress_bar(cases, capsys):
    assert list(tk.assess_many([], n_paths=N).columns) == ["name", "p_liability"]
    tk.assess_many(cases[:2], seed=SEED, n_paths=N, progress=True)
    assert "assessing matters" in capsys.readouterr().err


# --------------------------------------------------------------------------- read_matters
def test_table_of_matters_round_trips(tmp_path, cases):
    table = matters_table(cases)
    table.to_csv(tmp_path / "matters.csv", index=False)
    assert read_matters(tmp_path / "matters.csv") == cases


def test_parquet_round_trips(tmp_path, cases):
    pytest.importorskip("fastparquet" if _no_pyarrow() else "pyarrow",
                        reason="Parquet needs pyarrow or fastparquet")
    matters_table(cases).to_parquet(tmp_path / "matters.parquet")
    assert read_matters(tmp_path / "matters.parquet") == cases


def _no_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return True
    return False


def test_bad_rows_are_named_by_row_number_and_field(tmp_path, cases):
    table = matters_table(cases[:4])
    table.loc[1, "records_exposed"] = -5           # row 2
    table.loc[3, "sector"] = "helthcare"           # row 4
    table.to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(DataError, match=r"bad.csv row 2: records_exposed: got -5") as info:
        read_matters(tmp_path / "bad.csv")
    assert "row 4 sector" in str(info.value)
    assert [(n, e.field) for n, e in info.value.errors] == [(2, "records_exposed"), (4, "sector")]


def test_unknown_and_missing_columns_are_refused(tmp_path, cases):
    table = matters_table(cases[:1]).rename(columns={"records_exposed": "records_exposd"})
    table.to_csv(tmp_path / "typo.csv", index=False)
    with pytest.raises(DataError, match="did you mean 'records_exposed'"):
        read_matters(tmp_path / "typo.csv")
    matters_table(cases[:1]).drop(columns=["sector"]).to_csv(tmp_path / "short.csv", index=False)
    with pytest.raises(DataError, match="missing: sector"):
        read_matters(tmp_path / "short.csv")
    with pytest.raises(tk.InputError, match="path"):
        read_matters(tmp_path / "absent.csv")
    (tmp_path / "m.xlsx").write_text("x")
    with pytest.raises(tk.InputError, match=r"\.csv"):
        read_matters(tmp_path / "m.xlsx")


def test_cells_as_a_spreadsheet_writes_them(tmp_path):
    text = ("name,defendant,records_exposed,data_types,sector,misconfiguration_type,jurisdictions,mfa,"
            "causation_strength,incident_year,parties.provider,sources\n"
            '"Open bucket","Example Inc.","1,250,000"," health ; contact ",healthcare,public_bucket,US;US-CA,YES,'
            "0.7,2021.0,Amazon Web Services,https://a.example/x https://b.example/y\n"
            "Minimal,B,10,ssn,retail,open_database,US,,,,,\n")
    (tmp_path / "m.csv").write_text(text)
    first, second = read_matters(tmp_path / "m.csv")
    assert first.records_exposed == 1_250_000 and first.data_types == ("health", "contact")
    assert first.controls["mfa"] == "yes" and first.causation_strength == 0.7 and first.incident_year == 2021
    assert first.parties["provider"] == "Amazon Web Services" and len(first.sources) == 2
    assert second.controls["mfa"] == "unknown" and second.causation_strength == 0.5 and second.incident_year is None
