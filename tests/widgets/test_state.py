"""The model behind the CaseExplorer: plain state -> Case -> Assessment."""
from __future__ import annotations

import pandas as pd

import pytest

import toolkit as tk
from toolkit.assess import assess
from toolkit.litigation import Draws, stage_parameters
from toolkit.vocab import CONTROLS
from toolkit.widgets.state import (
    FIELDS, GROUPS, MemoModel, apply_state, assess_state, governing_jurisdiction, initial_state, with_jurisdiction,
    market_model_for,
)


def test_fields_cover_the_design_contract():
    assert FIELDS[0] == "causation_strength"
    for name in (*CONTROLS, "prior_warnings", "records_exposed", "class_size", "data_types", "sector",
                 "jurisdictions", "regulators", "incident_year", "service_model", "jurisdiction", "forum",
                 "p_class_certification", "defendant_revenue_usd"):
        assert name in FIELDS
    assert len(set(FIELDS)) == len(FIELDS)
    assert list(GROUPS) == ["Facts", "Causation", "Controls", "Governance program", "Incident response",
                            "Harms and aggravation", "Law"]
    from toolkit.vocab import AGGRAVATION, GOVERNANCE, HARMS, RESPONSE_KEYS

    assert GROUPS["Governance program"] == GOVERNANCE and GROUPS["Incident response"] == RESPONSE_KEYS
    assert GROUPS["Harms and aggravation"] == (*HARMS, *AGGRAVATION)
    assert sorted(sum(GROUPS.values(), ())) == sorted(FIELDS)


def test_initial_state_reproduces_the_matter(case):
    state = initial_state(case)
    new, params = apply_state(case, state)
    assert new == case
    assert params == {"p_class_certification": stage_parameters()["p_class_certification"]}
    assert state["jurisdiction"] == "US-CA" and state["forum"] == "N.D. Cal."
    assert state["records_exposed"] == 250_000 and state["least_privilege"] == "no"
    assert state["class_size"] == 240_000 and state["data_types"] == case.data_types
    assert state["risk_assessment"] == "no" and state["days_to_detect"] == 40 and state["days_to_contain"] is None
    assert state["emotional_distress_alleged"] == "yes" and state["previous_infringements"] == "no"
    assert state["evidence_of_misuse"] == case.evidence_of_misuse


def test_apply_state_maps_each_field(case):
    new, params = apply_state(case, {
        "causation_strength": 0.9, "mfa": "no", "prior_warnings": "no", "records_exposed": 500_000,
        "service_model": "saas", "jurisdiction": "US-NY", "forum": "", "p_class_certification": 0.3,
        "defendant_revenue_usd": 5e9})
    assert new.causation_strength == 0.9 and new.controls["mfa"] == "no" and new.prior_warnings == "no"
    assert new.records_exposed == 500_000
    assert new.class_size == 480_000  # 240,000 of 250,000 records: scaled in proportion
    assert new.service_model == "saas" and new.forum is None and new.defendant_revenue_usd == 5e9
    assert new.jurisdictions == ("US", "US-NY")
    assert params["p_class_certification"] == 0.3
    # untouched fields keep the matter's values
    assert new.controls["least_privilege"] == "no" and new.sector == case.sector


def test_class_size_follows_records_when_not_stated_apart(case):
    base = case.replace(class_size=case.records_exposed)
    new, _ = apply_state(base, {"records_exposed": 1_000})
    assert new.class_size == 1_000


def test_jurisdiction_replaces_only_the_governing_code(case):
    multi = case.replace(jurisdictions=["US", "US-CA", "EU-IE"])
    assert governing_jurisdiction(multi) == "US-CA"
    assert with_jurisdiction(multi, "US-TX").jurisdictions == ("US", "US-TX", "EU-IE")
    assert with_jurisdiction(multi, "US-CA") is multi
    assert governing_jurisdiction(with_jurisdiction(multi, "US-VA")) == "US-VA"


def test_unknown_field_is_refused_with_a_suggestion(case):
    with pytest.raises(tk.InputError, match="causation_strength"):
        apply_state(case, {"causation_strenght": 0.5})


def test_bad_value_is_refused_by_the_case(case):
    with pytest.raises(tk.InputError, match="causation_strength"):
        apply_state(case, {"causation_strength": 1.5})
    with pytest.raises(tk.InputError, match="mfa"):
        apply_state(case, {"mfa": "maybe"})


def test_assess_state_is_assess_of_the_applied_state(case):
    state = {"causation_strength": 0.8, "config_scanning": "yes", "p_class_certification": 0.25}
    draws = Draws.make(5_000, 3)
    got = assess_state(case, state, seed=3, n_paths=5_000, draws=draws, market_check=False)
    new, params = apply_state(case, state)
    want = assess(new, seed=3, n_paths=5_000, parameters=params, market_check=False)
    assert got.case == new
    assert got.liability.probability == want.liability.probability
    assert got.settlement == want.settlement
    assert got.simulation == want.simulation


def test_apply_state_maps_the_new_facts(case):
    new, _ = apply_state(case, {"data_types": ("ssn",), "sector": "finance", "incident_year": 2018,
                                "regulators": ("US-OCC", "US-NY-AG"), "jurisdictions": ("US", "US-NY")})
    assert new.data_types == ("ssn",) and new.sector == "finance" and new.incident_year == 2018
    assert new.regulators == ("US-OCC", "US-NY-AG") and new.jurisdictions == ("US", "US-NY")
    assert apply_state(new, {"regulators": ()})[0].regulators is None  # none selected: inferred by the model
    with pytest.raises(tk.InputError, match="records_exposed"):
        apply_state(case, {"records_exposed": -5})
    with pytest.raises(tk.InputError, match="records_exposed"):
        apply_state(case, {"records_exposed": float("nan")})
    with pytest.raises(tk.InputError, match="data_types"):
        apply_state(case, {"data_types": ()})
    with pytest.raises(tk.InputError, match="p_class_certification"):
        apply_state(case, {"p_class_certification": 1.5})


@pytest.mark.parametrize("code", ["GB", "EU-IE", "US-NY", "US-VA"])
def test_the_chosen_law_governs_when_the_model_has_its_rule(case, code):
    assert governing_jurisdiction(with_jurisdiction(case, code)) == code


def test_assess_state_summary_equals_assess_whole(case):
    """The dashboard's state calls assess itself: its whole summary equals assess's (market check included)."""
    for state in ({}, {"mfa": "no", "records_exposed": 3_000_000}, {"causation_strength": 0.9}):
        new, params = apply_state(case, state)
        direct = assess(new, seed=0, n_paths=5_000, parameters=params or None, market_check=True)
        mine = assess_state(case, state, seed=0, n_paths=5_000, market_check=True)
        pd.testing.assert_frame_equal(mine.summary(), direct.summary())
        pd.testing.assert_frame_equal(mine.outcome_ranges, direct.outcome_ranges)
        assert mine.comparables.equals(direct.comparables)


def test_memoised_market_model_gives_assess_its_own_numbers(case):
    """The dashboard passes assess its own market-check model behind a per-row memo: the whole summary is equal."""
    for state in ({}, {"mfa": "no", "records_exposed": 3_000_000}, {}, {"causation_strength": 0.9}):
        new, params = apply_state(case, state)
        direct = assess(new, seed=0, n_paths=5_000, parameters=params or None)
        mine = assess_state(case, state, seed=0, n_paths=5_000, memo=True)
        pd.testing.assert_frame_equal(mine.summary(), direct.summary())
        pd.testing.assert_frame_equal(mine.outcome_ranges, direct.outcome_ranges)
        assert mine.market_check.equals(direct.market_check) and mine.comparables.equals(direct.comparables)
    memo = market_model_for(case)
    assert isinstance(memo, MemoModel) and memo is market_model_for(case)
    assert memo.conformal_quantile_ == memo.model.conformal_quantile_  # every other attribute is the model's
    from toolkit.calibration import fitted

    # the predictor assess uses (no scikit-learn when read from the disk cache), not the estimator
    assert memo.model is fitted.market_check_predictor(fitted.own_incidents(case))
