"""OutcomeRegressor, baselines and grouped validation (synthetic data with a known signal)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from toolkit import InputError
from toolkit.damages import (JacobsBaseline, OutcomeRegressor, OutcomeTypeMedianBaseline, PerPersonMedianBaseline,
                             validate)
from toolkit.errors import NotFittedError


def synthetic(n=160, seed=0, noise=0.25):
    """log10 amount = 1.5 + 0.7 log10(records) + 0.8 [fine] + 0.5 [ssn] + noise; two outcomes per incident."""
    rng = np.random.default_rng(seed)
    rec = np.round(10 ** rng.uniform(3, 8, n // 2)).repeat(2)
    kind = np.tile(["class_settlement", "regulatory_fine"], n // 2)
    ssn = rng.random(n) < 0.5
    logy = 1.5 + 0.7 * np.log10(rec) + 0.8 * (kind == "regulatory_fine") + 0.5 * ssn + rng.normal(0, noise, n)
    return pd.DataFrame({
        "outcome_id": [f"o{i}" for i in range(n)], "incident_id": [f"i{i // 2}" for i in range(n)],
        "records_exposed": rec, "outcome_type": kind, "data_types": np.where(ssn, "ssn;contact", "contact"),
        "sector": rng.choice(["finance", "retail", "healthcare"], n), "jurisdiction": rng.choice(["US", "US-CA", "GB"], n),
        "outcome_year": rng.integers(2015, 2025, n), "amount_usd": 10 ** logy})


@pytest.fixture(scope="module")
def data():
    return synthetic()


@pytest.fixture(scope="module")
def model(data):
    return OutcomeRegressor(random_state=0).fit(data)


def test_learns_known_signal(data, model):
    test = synthetic(n=200, seed=5)
    pred = np.log10(model.predict(test))
    err = np.abs(pred - np.log10(test["amount_usd"]))
    assert np.median(err) < 0.35  # noise SD 0.25 -> median |e| ~ 0.17 plus shrinkage
    base = OutcomeTypeMedianBaseline().fit(data)
    base_err = np.abs(np.log10(base.predict(test)) - np.log10(test["amount_usd"]))
    assert np.median(err) < 0.6 * np.median(base_err)
    # direction of the effects
    assert model.coef_["log_records"] > 0 and model.coef_["data_ssn"] > 0


def test_interval_coverage_on_fresh_data(model):
    test = synthetic(n=400, seed=9)
    iv = model.predict_interval(test)
    assert list(iv.columns) == ["low", "median", "high"] and iv.index.equals(test.index)
    inside = (iv["low"] <= test["amount_usd"]) & (test["amount_usd"] <= iv["high"])
    assert 0.7 <= inside.mean() <= 0.95
    assert (iv["low"] < iv["median"]).all() and (iv["median"] < iv["high"]).all()


def test_coverage_parameter_widens_ranges(data):
    w = {}
    for c in (0.5, 0.9):
        iv = OutcomeRegressor(coverage=c, random_state=0).fit(data).predict_interval(data)
        w[c] = np.median(np.log10(iv["high"] / iv["low"]))
    assert w[0.9] > w[0.5]


def test_robust_to_unknowns_and_missing_columns(model):
    rows = pd.DataFrame([
        {"records_exposed": 1e6, "outcome_type": "class_settlement", "sector": "space_mining", "jurisdiction": "ZZ",
         "data_types": "ssn;telepathy", "cloud_provider": "nimbus", "extra_column": 42},
        {"outcome_type": "verdict"},      # unseen type, nothing else
        {},                               # nothing at all
    ], index=["a", "b", "c"])
    iv = model.predict_interval(rows)
    assert list(iv.index) == ["a", "b", "c"]
    assert np.isfinite(iv.to_numpy()).all() and (iv.to_numpy() > 0).all()


def test_does_not_mutate_input_and_uses_only_monetary_rows(data):
    frame = data.copy()
    frame.loc[:9, "amount_usd"] = [0, np.nan] * 5
    before = frame.copy()
    m = OutcomeRegressor(random_state=0).fit(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert m.n_train_ == len(frame) - 10


def test_sklearn_conventions(model):
    assert repr(OutcomeRegressor(coverage=0.9)) == "OutcomeRegressor(coverage=0.9)"
    assert clone(model).get_params() == model.get_params()
    with pytest.raises(NotFittedError, match="OutcomeRegressor"):
        OutcomeRegressor().predict_interval(pd.DataFrame({"records_exposed": [1]}))
    for attr in ("coef_", "intercept_", "feature_names_in_", "n_train_", "conformal_quantile_", "scale_by_type_",
                 "residuals_", "training_"):
        assert hasattr(model, attr), attr


@pytest.mark.parametrize("params, field", [({"coverage": 1.2}, "coverage"), ({"alpha": 0}, "alpha"),
                                           ({"random_state": "seed"}, "random_state")])
def test_invalid_params_refused_in_fit(data, params, field):
    est = OutcomeRegressor(**params)  # __init__ only stores
    with pytest.raises(InputError, match=field):
        est.fit(data)


def test_too_few_rows_refused():
    with pytest.raises(InputError, match="at least 10"):
        OutcomeRegressor().fit(synthetic(n=8))


def test_reproducible(data):
    a = OutcomeRegressor(random_state=3).fit(data).predict_interval(data.head(5))
    b = OutcomeRegressor(random_state=3).fit(data).predict_interval(data.head(5))
    pd.testing.assert_frame_equal(a, b)


def test_comparables(model, data):
    q = data.iloc[[0, 1]]
    c = model.comparables(q, k=4)
    assert len(c) == 8
    assert set(["query", "rank", "distance", "weight", "outcome_id", "amount_usd"]) <= set(c.columns)
    assert np.allclose(c.groupby("query")["weight"].sum(), 1.0)
    first = c[c["query"] == q.index[0]].iloc[0]
    assert first["outcome_id"] == q.iloc[0]["outcome_id"] and first["distance"] == pytest.approx(0, abs=1e-9)
    assert (c.groupby("query")["distance"].apply(lambda s: s.is_monotonic_increasing)).all()


def test_baselines(data):
    t = OutcomeTypeMedianBaseline().fit(data)
    med = 10 ** np.log10(data["amount_usd"]).groupby(data["outcome_type"]).median()  # median of log10 amounts
    assert t.predict(data.iloc[[0]])[0] == pytest.approx(med["class_settlement"])
    pp = PerPersonMedianBaseline().fit(data).predict_interval(data.head(3))
    assert (pp["low"] <= pp["median"]).all()
    j = JacobsBaseline().fit().predict_interval(pd.DataFrame({"records_exposed": [10_000, None]}))
    assert np.isnan(j.loc[1, "median"]) and j.loc[0, "median"] > 0


def test_validate_grouped_and_beats_baseline(data):
    import matplotlib.pyplot as plt

    r = validate(data, n_splits=4, random_state=0)
    tab = r.table
    assert tab.loc["OutcomeRegressor", "mae_log10"] < tab.loc["OutcomeTypeMedianBaseline", "mae_log10"]
    assert 0.6 <= tab.loc["OutcomeRegressor", "coverage"] <= 0.97
    # never split an incident across folds
    p = r.predictions[r.predictions.model == "OutcomeRegressor"]
    assert (p.groupby("incident_id")["fold"].nunique() == 1).all()
    assert len(p) == len(data)
    assert r.meets_targets()
    s = r.summary()
    assert set(s.kind) - {"note"} == {"fact", "metric", "check"} and s.notes == list(r.notes)
    assert s.of_kind("check")["value"].item() == r.meets_targets()
    ax = r.plot()
    assert ax.get_xlabel().startswith("predicted")
    plt.close("all")
    with pytest.raises(InputError, match="n_splits"):
        validate(data, n_splits=1000)
