"""The headline's known error rate: the grouped end-to-end backtest meets its targets and is the shipped table."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit.calibration.backtest import DEFAULTS, TARGETS, backtest, error_rate_table, error_rates_markdown, load_error_rates


@pytest.fixture(scope="session")
def predictions():
    return backtest(**DEFAULTS)


@pytest.fixture(scope="session")
def rates(predictions):
    return error_rate_table(predictions)


def test_no_monetary_outcome_is_predicted_as_zero(predictions):
    assert len(predictions) > 300
    assert (predictions["median"] > 0).all() and (predictions["low"] > 0).all()


@pytest.mark.parametrize("track, lo, hi, max_error", TARGETS)
def test_backtest_meets_the_targets(rates, track, lo, hi, max_error):
    row = rates[(rates["track"] == track) & (rates["group"] == "all")].iloc[0]
    assert lo <= row["coverage"] <= hi
    assert row["median_abs_log10_error"] <= max_error


def test_folds_never_split_an_incident(predictions):
    assert (predictions.groupby("incident_id")["fold"].nunique() == 1).all()


def test_shipped_error_rates_are_current(rates):
    """data/backtest_error_rates.csv is what the backtest gives today (re-run benchmarks/bench_backtest.py --write)."""
    shipped = load_error_rates()
    pd.testing.assert_frame_equal(shipped.reset_index(drop=True), rates.reset_index(drop=True), check_dtype=False,
                                  atol=1e-9)


def test_readme_quotes_the_shipped_table():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert error_rates_markdown() in readme
