"""Issue 5 Done-when targets on the curated outcomes table (skips while data/outcomes.csv is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

OUTCOMES = Path(__file__).resolve().parents[2] / "data" / "outcomes.csv"


@pytest.mark.skipif(not OUTCOMES.exists(), reason="data/outcomes.csv not curated yet (toolkit.datasets.load_outcomes)")
def test_regressor_meets_done_when_targets():
    from toolkit.damages import OutcomeRegressor, validate
    from toolkit.datasets import load_outcomes

    outcomes = load_outcomes()
    report = validate(outcomes, n_splits=5, coverage=0.8, random_state=0)
    t = report.table
    assert t.loc["OutcomeRegressor", "mae_log10"] < t.loc["OutcomeTypeMedianBaseline", "mae_log10"], t
    assert 0.70 <= t.loc["OutcomeRegressor", "coverage"] <= 0.92, t
    assert t.loc["OutcomeRegressor", "median_width"] <= 2.2, t
    # the contract: fit on load_outcomes(), ranges for feature-only rows
    model = OutcomeRegressor(coverage=0.8, random_state=0).fit(outcomes)
    rows = outcomes.drop(columns=["amount_usd"]).head(5)
    iv = model.predict_interval(rows)
    assert iv.index.equals(rows.index) and (iv["low"] <= iv["high"]).all()
