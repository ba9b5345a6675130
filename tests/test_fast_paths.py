"""The fast paths of ``assess`` give exactly the numbers of the straightforward computations they replace.

Each test computes a quantity both ways: the pandas / full-array reference written out here (the
code these paths replaced) and the toolkit's fast path, and compares them exactly.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import toolkit as tk
from toolkit.calibration import fitted
from toolkit.calibration.headline import headline_features, track_groups
from toolkit.calibration.ranges import Z90, _rng, headline_ranges
from toolkit.calibration.structural import _REFERENCE_CACHE, reference_case, structural_ratio, structural_terms
from toolkit.damages import estimate_damages, per_record_models
from toolkit.damages.statutory import private_right_states, state_private_rights
from toolkit.litigation import Draws, stage_parameters
from toolkit.vocab import AUTHORITIES

from .conftest import MATTERS


def _matters():
    base = [tk.Case.from_yaml(p) for p in sorted(MATTERS.glob("*.yaml"))]
    more = []
    for case in base:
        more += [case.replace(name=case.name + " tiny", records_exposed=40, class_size=40),
                 case.replace(name=case.name + " huge", records_exposed=300_000_000, class_size=250_000_000,
                              lost_time_alleged="yes", emotional_distress_alleged="yes", offered_credit_monitoring="yes"),
                 case.replace(name=case.name + " EU+GB", jurisdictions=["EU-IE", "EU-FR", "GB", "US", "US-CA", "US-WA"],
                              days_to_detect=400, days_to_contain=30)]
    return base + more


MATTERS_AND_VARIANTS = _matters()


@pytest.mark.parametrize("case", MATTERS_AND_VARIANTS, ids=lambda c: c.name)
def test_lazy_damages_tables_equal_the_eager_pandas_tables(case):
    est = estimate_damages(case)
    total, class_damages = est.total.copy(), est.class_damages.copy()  # computed before any table exists
    assert "table" not in est.__dict__ and "per_person" not in est.__dict__  # built on first access only
    pd.testing.assert_series_equal(total, est.table[["low", "median", "high"]].sum().rename("total"), check_exact=True)
    per_person = est.per_person
    eager_total = per_person.drop(index="total").sum()
    pd.testing.assert_series_equal(per_person.loc["total"], eager_total.rename("total"), check_exact=True)
    pd.testing.assert_series_equal(class_damages, (eager_total * est.class_size).rename("class_damages"),
                                   check_exact=True)
    assert list(est.table.columns) == ["component", "low", "median", "high", "basis", "tag", "source"]
    bench = per_record_models(max(case.records_exposed, 1), warn=False)
    pd.testing.assert_frame_equal(est.benchmarks, bench)
    flagged = bench.loc[bench["flag"] != "", "component"].tolist()
    assert any(", ".join(flagged) in n for n in est.notes) == bool(flagged)
    rows = est.table[["component", "low", "median", "high", "tag"]].copy()
    extra = pd.DataFrame([{"component": "TOTAL (sum of components)", **est.total.to_dict(), "tag": ""},
                          {"component": f"Class damages ({est.class_size:,} people x per-person harm)",
                           **est.class_damages.to_dict(), "tag": ""}])
    pd.testing.assert_frame_equal(est.amounts(), pd.concat([rows, extra], ignore_index=True), check_exact=True)


def _comparables_reference(model, case, track, authority=None, k=10):
    """HeadlineModel.comparables as pandas operations on the whole training table."""
    group, region = track_groups(case, track, authority)
    mask = (model.training_["track"] == track).to_numpy()
    rows = model.training_[mask].copy()
    x = headline_features(case, track, authority)
    coef = np.abs(model.models_[track].coef_)
    dist = np.sqrt(((model.train_x_[mask] - x) ** 2 * coef / max(coef.sum(), 1e-9)).sum(axis=1))
    dist = dist + (rows["group"].to_numpy() != group) * 0.5 + (rows["region"].to_numpy() != region) * 1.0
    rows["distance"] = dist
    rows = rows.sort_values(["distance", "outcome_id"]).head(int(k))
    kern = np.exp(-0.5 * (rows["distance"] / max(float(rows["distance"].median()), 1e-9)) ** 2)
    rows["weight"] = kern / kern.sum()
    rows["amount_usd"] = np.round(10 ** rows["y"], 0)
    rows["rank"] = np.arange(1, len(rows) + 1)
    return rows[["rank", "outcome_id", "incident_id", "defendant", "outcome_type", "jurisdiction", "forum",
                 "regulator", "outcome_year", "records_exposed", "amount_usd", "distance",
                 "weight"]].reset_index(drop=True)


@pytest.mark.parametrize("case", MATTERS_AND_VARIANTS[:6], ids=lambda c: c.name)
def test_comparables_equal_the_pandas_reference(case):
    model = fitted.headline_model(fitted.own_incidents(case))
    for track, authority, k in (("class_settlement", None, 10), ("class_settlement", None, 3),
                                ("regulatory_fine", "EU-IE-DPA", 10), ("ag_settlement", "US-NY-AG", 7)):
        pd.testing.assert_frame_equal(model.comparables(case, track, authority, k=k),
                                      _comparables_reference(model, case, track, authority, k), check_exact=True)


def _penalty_track_reference(model, case, track, regulators, ratios, ceilings, parameters, n, seed):
    """The sum over a track's authorities with every path's amount drawn (np.where over all paths)."""
    from toolkit.regimes import probability_parameter

    total = np.zeros(n)
    for code in [c for c in regulators if AUTHORITIES[c].track == track]:
        c, h = model.predict_log(case, track, code, ratio=ratios[track])
        cap = float(ceilings.get(code, math.inf))
        p = float(parameters[probability_parameter(code)])
        rng = _rng(seed, code)
        imposed = rng.random(n) < p
        amount = np.minimum(10 ** (c + (h / Z90) * rng.standard_normal(n)), cap)
        total += np.where(imposed, amount, 0.0)
    positive = total[total > 0]
    return np.percentile(positive, [10, 50, 90])


def test_penalty_sums_drawn_only_where_imposed_equal_the_full_draws():
    case = MATTERS_AND_VARIANTS[0].replace(jurisdictions=["EU-IE", "EU-FR", "EU-DE", "GB", "US", "US-NY"],
                                           regulators=["EU-IE-DPA", "EU-FR-DPA", "GB-ICO", "US-FTC",
                                                       "US-NY-AG", "US-NY-DFS"])
    draws = Draws.make(20_000, 5)
    from toolkit.assess import headline
    from toolkit.regimes import ceilings

    h = headline(case, draws)
    checked = 0
    for track in ("regulatory_fine", "ag_settlement"):
        acting = [c for c in h.regulators if AUTHORITIES[c].track == track]
        if len(acting) < 2:
            continue
        low, median, high = _penalty_track_reference(h.model, case, track, h.regulators, h.ratios,
                                                     ceilings(h.regulatory), h.inputs.parameters, draws.n, draws.seed)
        assert list(h.ranges.loc[track, ["low", "median", "high"]]) == [low, median, high]
        checked += 1
    assert checked >= 1


def test_cached_reference_terms_equal_a_fresh_computation():
    _REFERENCE_CACHE.clear()
    for case in MATTERS_AND_VARIANTS:
        first = structural_ratio(case)
        assert len(_REFERENCE_CACHE) > 0
        again = structural_ratio(case.replace(name="another name", causation_strength=0.9))  # same reference
        ref = structural_terms(reference_case(case), loss=100_000 * 165.0)
        mine = structural_terms(case.replace(causation_strength=0.9), loss=100_000 * 165.0)
        p = stage_parameters()
        expected = math.exp(p["merits_elasticity_class"] * math.log(mine["class_value"] / ref["class_value"]))
        assert again["class_settlement"] == expected
        tracks = ("class_settlement", "regulatory_fine", "ag_settlement")
        assert [structural_ratio(case)[t] for t in tracks] == [first[t] for t in tracks]


def test_pooled_prediction_without_checks_equals_the_checked_one():
    model = fitted.headline_model()
    pooled = model.models_["class_settlement"]
    x = np.array([[0.5, 0.1, 0.0, 1.0, 0.0, 1.0, 0.0]])
    fast = pooled.predict_with_scale(x, ["US-CA"], ["us"])
    checked = pooled.predict_with_scale(x.tolist(), ["US-CA"], ["us"])  # a list goes through scikit-learn
    assert all((a == b).all() for a, b in zip(fast, checked))
    with pytest.raises(ValueError):
        pooled.predict_with_scale(np.array([[np.nan] * 7]), ["US-CA"], ["us"])


def test_private_right_states_equal_the_table():
    for codes in (["US-WA", "US-TX"], ["US", "US-CA", "US-NV", "PR"], [], ["us-wa "]):
        table = state_private_rights(codes)
        assert private_right_states(codes) == tuple(zip(table["state"], table["measure"]))


def test_in_force_rows_equal_the_filtered_tables():
    from toolkit.damages._common import in_force_row
    from toolkit.damages.fines import HIPAA_DISCRETION_CAPS, HIPAA_TABLE
    from toolkit.damages.statutory import CCPA_AMOUNTS

    for table in (HIPAA_TABLE, HIPAA_DISCRETION_CAPS, CCPA_AMOUNTS):
        for date in ["2009-02-17", "2019-04-30", "2020-06-30", "2023-10-05", "2023-10-06", "2024-12-31", "2026-02-01"]:
            date = pd.Timestamp(date)
            rows = table[table["effective"] <= date]
            got = in_force_row(table, date)
            assert (got is None) == rows.empty
            if got is not None:
                assert got == rows.iloc[-1].to_dict()
