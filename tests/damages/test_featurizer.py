"""The market check's numpy featuriser gives exactly what the pandas featuriser gave.

``_PandasFeaturizer`` and the ``_pandas_*`` functions below are the implementation this module
replaced (toolkit 0.1.0 at commit 6c32320), kept verbatim as the reference: the fit, the features,
the ranges and the comparables must be identical, bit for bit.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import toolkit as tk
from toolkit.damages import OutcomeRegressor, regressor
from toolkit.damages.regressor import (_FORUM_KEYS, _GOVERNANCE, _MONETARY_TYPES, REGIME_GROUPS, _as_frame, _col,
                                       _num, _text, regime_group)
from toolkit.vocab import CLOUD_PROVIDERS, DATA_TYPES, MISCONFIGURATION_TYPES, SECTORS, SERVICE_MODELS


class _PandasFeaturizer:
    """The pandas featuriser of toolkit 0.1.0 (reference; three pandas transforms per assess)."""

    def fit(self, X: pd.DataFrame):
        rec = np.log10(_num(X, "records_exposed").clip(lower=1))
        cls = np.log10(_num(X, "class_size").clip(lower=1))
        year = _num(X, "outcome_year").fillna(_num(X, "year_disclosed"))
        self.fill_ = {"records": float(np.nanmedian(rec)) if rec.notna().any() else 5.0,
                      "class": float(np.nanmedian(cls)) if cls.notna().any() else 5.0,
                      "year": float(np.nanmedian(year)) if year.notna().any() else 2020.0}
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        X = _as_frame(X)
        out = {}
        rec = np.log10(_num(X, "records_exposed").clip(lower=1))
        cls = np.log10(_num(X, "class_size").clip(lower=1))
        out["log_records"] = rec.fillna(self.fill_["records"])
        out["records_missing"] = rec.isna().astype(float)
        out["log_class"] = cls.fillna(out["log_records"])
        out["class_missing"] = cls.isna().astype(float)
        year = _num(X, "outcome_year").fillna(_num(X, "year_disclosed"))
        out["year"] = year.fillna(self.fill_["year"]) - 2015.0
        types = _text(X, "data_types")
        for t in DATA_TYPES:
            out[f"data_{t}"] = types.map(lambda s, t=t: float(t in re.split(r"[;,\s]+", s))).astype(float)
        for name, vocab in (("sector", SECTORS), ("outcome_type", _MONETARY_TYPES), ("cloud_provider", CLOUD_PROVIDERS),
                            ("misconfiguration_type", MISCONFIGURATION_TYPES), ("service_model", SERVICE_MODELS)):
            col = _text(X, name)
            for v in vocab:
                out[f"{name}_{v}"] = (col == v).astype(float)
        regime = _col(X, "jurisdiction").map(regime_group)
        for g in REGIME_GROUPS:
            out[f"regime_{g}"] = (regime == g).astype(float)
        forum = _col(X, "forum").astype("string").fillna("")
        for key, pattern in _FORUM_KEYS:
            out[f"forum_{key}"] = forum.str.contains(pattern, regex=True).astype(float)
        for c in _GOVERNANCE:
            col = _text(X, c)
            out[f"{c}_no"] = (col == "no").astype(float)
            out[f"{c}_yes"] = (col == "yes").astype(float)
        for t in ("class_settlement", "regulatory_fine", "ag_settlement"):
            out[f"log_class_x_{t}"] = out["log_class"] * out[f"outcome_type_{t}"]
        return pd.DataFrame(out, index=X.index).astype(float)


def _pandas_predict_log(model, X):
    X = _as_frame(X)
    F = model.featurizer_.transform(X)[list(model.feature_names_in_)]
    return X, model._ridge_.predict(((F - model._mean_) / model._std_).to_numpy())


def _pandas_predict_interval(model, X):
    X, logp = _pandas_predict_log(model, X)
    kinds = _text(X, "outcome_type").to_numpy()
    scale = np.array([model.scale_by_type_.get(k, model.scale_by_type_["_all"]) for k in kinds])
    half = model.conformal_quantile_ * scale
    return pd.DataFrame({"low": 10 ** (logp - half), "median": 10 ** logp, "high": 10 ** (logp + half)},
                        index=X.index)


def _pandas_comparables(model, rows, k=5):
    X = _as_frame(rows, "rows")
    F = model.featurizer_.transform(X)[list(model.feature_names_in_)]
    Z = ((F - model._mean_) / model._std_).to_numpy()
    w = np.abs(model.coef_.to_numpy())
    w = w / (w.sum() or 1.0)
    d = np.sqrt((((Z[:, None, :] - model._train_Z_[None, :, :]) ** 2) * w).sum(axis=2))
    q_type = _text(X, "outcome_type").to_numpy()
    t_type = _text(model.training_, "outcome_type").to_numpy()
    d = d + ((q_type[:, None] != t_type[None, :]) & (q_type[:, None] != "")).astype(float)
    k = min(k, d.shape[1])
    out = []
    for i, label in enumerate(X.index):
        order = np.argsort(d[i], kind="stable")[:k]
        dist = d[i, order]
        h = max(float(np.median(dist)), 1e-9)
        kern = np.exp(-0.5 * (dist / h) ** 2)
        kern = kern / kern.sum()
        part = model.training_.iloc[order].drop(columns="_log_amount").copy()
        part.insert(0, "weight", kern)
        part.insert(0, "distance", dist)
        part.insert(0, "rank", np.arange(1, k + 1))
        part.insert(0, "query", label)
        out.append(part)
    return pd.concat(out, ignore_index=True)


def _odd_rows() -> pd.DataFrame:
    """Rows an analyst or an importer might pass: strings for numbers, NA, padding, unknown values."""
    return pd.DataFrame([
        {"records_exposed": "250000", "class_size": None, "data_types": " SSN; Health ,contact ", "sector": " Finance ",
         "outcome_type": "Class_Settlement", "jurisdiction": "us-ca", "forum": "N.D. Cal. (MDL 2879)", "mfa": "YES",
         "least_privilege": " no", "outcome_year": "2021", "year_disclosed": 2019.0},
        {"records_exposed": -5, "class_size": 0, "data_types": "biometric", "sector": "space", "outcome_type": "verdict",
         "jurisdiction": None, "forum": "HHS OCR", "outcome_year": np.nan, "year_disclosed": "n/a", "mfa": True},
        {"records_exposed": 1e300, "class_size": 3.5, "data_types": np.nan, "outcome_type": "regulatory_fine",
         "jurisdiction": 44, "forum": 7, "cloud_provider": "AWS", "service_model": "iaas", "prior_warnings": "yes"},
        {"records_exposed": pd.NA, "outcome_type": "ag_settlement", "forum": "Attorney General of Texas",
         "jurisdiction": "EU-IE", "misconfiguration_type": "open_database"},
        {},
    ], index=["a", "b", "c", "d", "e"])


@pytest.fixture(scope="module")
def outcomes():
    from toolkit.datasets import load_outcomes

    return load_outcomes()


@pytest.fixture(scope="module")
def both(outcomes, fitted_market_check):
    """The curated model fitted with the numpy featuriser (session fixture) and with the pandas one."""
    original = regressor._Featurizer
    regressor._Featurizer = _PandasFeaturizer
    try:
        reference = OutcomeRegressor(coverage=0.8, random_state=0).fit(outcomes)
    finally:
        regressor._Featurizer = original
    return fitted_market_check, reference


def test_features_are_identical_on_the_curated_table_and_odd_rows(outcomes):
    new = regressor._Featurizer().fit(outcomes)
    old = _PandasFeaturizer().fit(outcomes)
    assert new.fill_ == old.fill_
    for rows in (outcomes, _odd_rows(), outcomes.iloc[[3]], outcomes.iloc[:0]):
        expected = old.transform(rows)
        got = new.transform(rows)
        assert list(got.columns) == list(expected.columns)
        assert got.index.equals(expected.index)
        np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())
    row = outcomes.iloc[5]
    np.testing.assert_array_equal(new.transform(row).to_numpy(), old.transform(row).to_numpy())
    as_dict = {k: v for k, v in row.items()}
    np.testing.assert_array_equal(new.transform(as_dict).to_numpy(), old.transform(as_dict).to_numpy())


def test_the_fit_is_identical(both):
    new, old = both
    pd.testing.assert_series_equal(new.coef_, old.coef_)
    assert new.intercept_ == old.intercept_
    assert new.conformal_quantile_ == old.conformal_quantile_ and new.scale_by_type_ == old.scale_by_type_
    np.testing.assert_array_equal(new.residuals_, old.residuals_)
    np.testing.assert_array_equal(new._train_Z_, old._train_Z_)


def test_ranges_and_comparables_are_identical(both, outcomes, matter_paths):
    new, reference = both
    from toolkit.assess import case_to_outcome_row

    queries = [outcomes, _odd_rows()]
    for path in matter_paths:
        case = tk.Case.from_yaml(path)
        queries += [case_to_outcome_row(case, kind) for kind in ("class_settlement", "regulatory_fine")]
    for rows in queries:
        pd.testing.assert_frame_equal(new.predict_interval(rows), _pandas_predict_interval(reference, rows))
        np.testing.assert_array_equal(new.predict(rows), 10 ** _pandas_predict_log(reference, rows)[1])
    for rows in queries[1:]:
        pd.testing.assert_frame_equal(new.comparables(rows, k=10), _pandas_comparables(reference, rows, k=10))


def test_featurisation_reads_only_what_it_learned_at_fit(fitted_market_check):
    """Prediction uses the fill values learned at fit: a query's own missing values do not move them."""
    model = fitted_market_check
    fill = dict(model.featurizer_.fill_)
    model.predict_interval(_odd_rows())
    assert model.featurizer_.fill_ == fill
    features = model.featurizer_.transform({"outcome_type": "class_settlement"})
    assert features.loc[0, "log_records"] == fill["records"] and features.loc[0, "year"] == fill["year"] - 2015.0


def test_non_finite_sizes_are_refused_as_before(both):
    new, reference = both
    rows = pd.DataFrame([{"records_exposed": float("inf"), "outcome_type": "class_settlement"}])
    with pytest.raises(ValueError):
        _pandas_predict_interval(reference, rows)
    with pytest.raises(tk.InputError, match="log_records"):
        new.predict_interval(rows)
