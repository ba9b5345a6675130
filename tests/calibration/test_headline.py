"""The calibrated headline: contracts, lever ratios, the direction of the law, pooling, leakage, ceilings."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit as tk
from toolkit.calibration import HeadlineModel, case_from_outcome, structural_ratio
from toolkit.calibration.fitted import headline_model, own_incidents
from toolkit.datasets import load_outcomes
from toolkit.vocab import CONTROLS, HEADLINE_TRACKS

N = 5_000


def _matter(name):
    return tk.Case.from_yaml(f"data/matters/{name}.yaml")


MATTERS = ("capital_one_2019", "teaching_open_elasticsearch", "uber_2016_leaked_keys")


def _class_median(case, **kw):
    return tk.assess(case, seed=3, n_paths=N, market_check=False, **kw).outcome_ranges.loc["class_settlement", "median"]


def test_outcome_ranges_contract_and_settlement_equals_class_row():
    r = tk.assess(_matter("capital_one_2019"), seed=7, n_paths=N)
    ranges = r.outcome_ranges
    assert list(ranges.index) == list(HEADLINE_TRACKS)
    assert {"probability", "low", "median", "high", "median_se"} <= set(ranges.columns)
    assert ((ranges["probability"] >= 0) & (ranges["probability"] <= 1)).all()
    money = ranges[ranges["probability"] > 0]
    assert ((money["low"] < money["median"]) & (money["median"] < money["high"])).all()
    assert ranges.loc["class_settlement", "median_se"] == 0          # one lognormal: exact quantiles
    assert 0 < ranges.loc["regulatory_fine", "median_se"] < 0.1 * ranges.loc["regulatory_fine", "median"]  # OCC + FRB
    row = ranges.loc["class_settlement"]
    assert (r.settlement.low, r.settlement.median, r.settlement.high) == (row["low"], row["median"], row["high"])
    # the shipped matter lists the OCC and the Federal Reserve: fines, no AG settlement
    assert r.regulators == ("US-OCC", "US-FRB")
    assert ranges.loc["regulatory_fine", "probability"] > 0 and ranges.loc["ag_settlement", "probability"] == 0
    summary = r.summary()
    quoted = summary[(summary["section"] == "Headline") & summary["item"].str.contains("class settlement: median")]
    assert float(quoted["value"].iloc[0]) == row["median"]


def test_same_seed_same_numbers_different_seed_close():
    case = _matter("capital_one_2019")   # two authorities on the fine track: a Monte Carlo sum
    a = tk.assess(case, seed=5, n_paths=N, market_check=False).outcome_ranges
    b = tk.assess(case, seed=5, n_paths=N, market_check=False).outcome_ranges
    c = tk.assess(case, seed=6, n_paths=N, market_check=False).outcome_ranges
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)
    # seeds differ by Monte Carlo noise only: within 5 standard errors of the median (exact tracks: equal)
    assert ((a["median"] - c["median"]).abs() <= 5 * np.hypot(a["median_se"], c["median_se"]) + 1e-9).all()


def test_capital_one_comparables_and_calibration_leave_its_incident_out():
    case = _matter("capital_one_2019")
    r = tk.assess(case, seed=1, n_paths=N)
    assert r.excluded_incidents == ("capital-one-2019",)
    assert not r.comparables["incident_id"].eq("capital-one-2019").any()
    assert len(r.comparables) == 10
    assert any("capital-one-2019" in n for n in r.notes)
    # without incident_id the defendant and year find it too
    assert own_incidents(case.replace(incident_id=None)) == ("capital-one-2019",)
    model = headline_model(("capital-one-2019",))
    assert not model.training_["incident_id"].eq("capital-one-2019").any()


@pytest.mark.parametrize("name", MATTERS)
def test_causation_moves_the_class_median_at_least_1_5x(name):
    case = _matter(name)
    assert _class_median(case.replace(causation_strength=0.9)) >= 1.5 * _class_median(case.replace(causation_strength=0.2))


@pytest.mark.parametrize("name", MATTERS)
def test_governance_moves_the_class_median_at_least_1_5x(name):
    case = _matter(name)
    worst = case.replace(prior_warnings="yes", **{c: "no" for c in CONTROLS})
    best = case.replace(prior_warnings="no", **{c: "yes" for c in CONTROLS})
    assert _class_median(worst) >= 1.5 * _class_median(best)


def test_analyst_overrides_move_the_headline():
    case = _matter("teaching_open_elasticsearch")
    base = _class_median(case)
    assert _class_median(case, parameters={"p_class_certification": 0.40}) > 1.2 * base
    assert _class_median(case, parameters={"merits_elasticity_class": 0.0}) == pytest.approx(
        _class_median(case.replace(causation_strength=0.9), parameters={"merits_elasticity_class": 0.0}))
    r = tk.assess(case, seed=3, n_paths=N, market_check=False, parameters={"p_money_us_federal": 0.9})
    assert r.authorities.set_index("authority").loc["US-HHS-OCR", "probability"] == 0.9


def test_no_class_no_class_settlement():
    r = tk.assess(_matter("teaching_open_elasticsearch").replace(class_size=0), seed=1, n_paths=N, market_check=False)
    row = r.outcome_ranges.loc["class_settlement"]
    assert row["probability"] == 0 and row["median"] == 0 and r.settlement.median == 0
    assert any("No class" in n for n in r.notes)


def test_per_capita_scaling_is_concave_and_amounts_grow_with_the_class():
    base = _matter("uber_2016_leaked_keys")
    sizes = [10, 1_000, 100_000, 3_000_000, 100_000_000, 3_000_000_000]
    medians = [_class_median(base.replace(records_exposed=n, class_size=n)) for n in sizes]
    per_person = [m / n for m, n in zip(medians, sizes)]
    assert all(b >= a * 0.999 for a, b in zip(medians, medians[1:]))          # more people never pay less
    assert all(b < a for a, b in zip(per_person, per_person[1:]))             # each pays less
    assert medians[-1] / medians[-2] < 0.9 * sizes[-1] / sizes[-2]             # less than linear at 3B (Yahoo)
    for track, model in headline_model().models_.items():
        slope_low, slope_high = model.coef_[0], model.coef_[0] + model.coef_[1]
        assert 0 <= slope_low <= slope_high < 1, track


def test_thin_authority_borrows_its_region_and_widens():
    model = headline_model()
    case = _matter("teaching_open_elasticsearch")
    c_thin, h_thin = model.predict_log(case, "ag_settlement", "US-WY-AG")           # no Wyoming AG rows
    c_rich, h_rich = model.predict_log(case, "regulatory_fine", "US-HHS-OCR")     # dozens of HHS rows
    region = model.models_["ag_settlement"].region_effect_["us_state"]
    assert h_thin > 0 and h_rich > 0
    assert model.n_train_group_("ag_settlement", "US-WY-AG") == (0, model.n_train_group_("ag_settlement", "US-NY-AG")[1])
    assert math.isfinite(c_thin) and math.isfinite(region)
    _, h_ny = model.predict_log(case, "ag_settlement", "US-NY-AG")
    assert h_thin > h_ny                                                          # pooled: wider than a rich AG


def test_statutory_ceilings_cap_the_penalty_range():
    case = _matter("teaching_open_elasticsearch").replace(jurisdictions=["EU-IE"], regulators=["EU-IE-DPA"],
                                                          defendant_revenue_usd=1e7, records_exposed=50_000_000,
                                                          class_size=50_000_000)
    r = tk.assess(case, seed=1, n_paths=N, market_check=False)
    dpa = r.authorities.set_index("authority").loc["EU-IE-DPA"]
    assert dpa["ceiling"] < math.inf
    assert dpa["high"] <= dpa["ceiling"] and r.outcome_ranges.loc["regulatory_fine", "high"] <= dpa["ceiling"] + 1e-6


def test_statutory_claims_enter_the_class_track():
    case = _matter("teaching_open_elasticsearch").replace(incident_year=2023)
    with_ccpa = _class_median(case)
    without = _class_median(case.replace(jurisdictions=["US"]))
    assert with_ccpa > without


@settings(max_examples=25, deadline=None)
@given(lo=st.floats(0.0, 1.0), hi=st.floats(0.0, 1.0), control=st.sampled_from(CONTROLS),
       name=st.sampled_from(MATTERS))
def test_direction_of_the_law(lo, hi, control, name):
    """More causation never lowers the headline; putting a control in place never raises it."""
    case = _matter(name)
    lo, hi = sorted((lo, hi))
    weak, strong = (structural_ratio(case.replace(causation_strength=v)) for v in (lo, hi))
    assert strong["class_settlement"] >= weak["class_settlement"] * (1 - 1e-9)
    absent, present = (structural_ratio(case.replace(**{control: v})) for v in ("no", "yes"))
    for track in HEADLINE_TRACKS:
        assert present[track] <= absent[track] * (1 + 1e-9)
    warned, unwarned = (structural_ratio(case.replace(prior_warnings=v)) for v in ("yes", "no"))
    assert warned["regulatory_fine"] >= unwarned["regulatory_fine"] * (1 - 1e-9)


def test_reference_levers_give_ratio_one_and_case_from_outcome_round_trips():
    table = load_outcomes()
    row = table.set_index("outcome_id").loc["capital-one-2019-occ"]
    case = case_from_outcome(row)
    assert case.regulators == ("US-OCC",) and case.incident_year == 2019
    plain = case.replace(**{c: "unknown" for c in CONTROLS}, prior_warnings="unknown")
    assert structural_ratio(plain)["regulatory_fine"] == pytest.approx(1.0)


def test_headline_model_refuses_too_few_rows():
    rows = HeadlineModel.training_rows(load_outcomes())
    with pytest.raises(tk.InputError, match="outcomes"):
        HeadlineModel().fit(None, rows=rows[rows["track"] != "ag_settlement"])


def test_tornado_centre_is_the_assessments_own_median():
    r = tk.assess(_matter("uber_2016_leaked_keys"), seed=2, n_paths=N, market_check=False,
                  parameters={"p_class_certification": 0.3})
    t = r.tornado
    assert float(t["base"].iloc[0]) == pytest.approx(r.settlement.median, rel=1e-12)
    causation = t.set_index("input").loc["causation strength (0.2 / 0.9)"]
    assert causation["high"] > causation["low"]
