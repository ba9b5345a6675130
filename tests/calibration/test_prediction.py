"""The estimators' prediction state without scikit-learn: the same numbers, and clear errors for bad input."""
from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import toolkit as tk
from toolkit.calibration import fitted
from toolkit.calibration.prediction import HeadlinePredictor, PooledLevels

CAPITAL_ONE = Path(__file__).resolve().parents[2] / "data" / "matters" / "capital_one_2019.yaml"


@pytest.fixture(scope="module")
def case():
    return tk.Case.from_yaml(CAPITAL_ONE)


def test_pooled_levels_refuse_a_bad_design_naming_it():
    levels = fitted.headline_predictor().levels_["class_settlement"]
    assert isinstance(levels, PooledLevels)
    for bad in (np.full((1, 7), np.nan), np.zeros((1, 3)), np.zeros((0, 7)), [["a"] * 7], np.zeros(7)):
        with pytest.raises(tk.InputError, match="X"):
            levels.predict_with_scale(bad, ["US-CA"], ["us"])
    as_list = levels.predict_with_scale([[0.5, 0.1, 0.0, 1.0, 0.0, 1.0, 0.0]], ["US-CA"], ["us"])
    as_array = levels.predict_with_scale(np.array([[0.5, 0.1, 0.0, 1.0, 0.0, 1.0, 0.0]]), ["US-CA"], ["us"])
    assert all((a == b).all() for a, b in zip(as_list, as_array))


def test_headline_predictor_names_a_bad_track_and_authority(case):
    predictor = fitted.headline_predictor()
    with pytest.raises(tk.InputError, match="track"):
        predictor.predict_log(case, "verdict")
    with pytest.raises(tk.InputError, match="authority"):
        predictor.predict_log(case, "regulatory_fine", "NOT-AN-AUTHORITY")


def test_a_predictor_read_back_gives_the_same_numbers(case):
    predictor = fitted.headline_predictor(fitted.own_incidents(case))
    again = pickle.loads(pickle.dumps(predictor))
    assert isinstance(again, HeadlinePredictor)
    for track, authority in (("class_settlement", None), ("regulatory_fine", "US-OCC"), ("ag_settlement", "US-NY-AG")):
        assert again.predict_log(case, track, authority) == predictor.predict_log(case, track, authority)
        pd.testing.assert_frame_equal(again.comparables(case, track, authority),
                                      predictor.comparables(case, track, authority), check_exact=True)
        assert again.n_train_group_(track, authority or "US-VA") == predictor.n_train_group_(track, authority or "US-VA")


def test_market_check_predictor_equals_its_estimator_and_names_bad_rows(case):
    from toolkit.assess import case_to_outcome_record

    excluded = fitted.own_incidents(case)
    model, predictor = fitted.market_check_model(excluded), fitted.market_check_predictor(excluded)
    record = case_to_outcome_record(case)
    pd.testing.assert_frame_equal(model.predict_interval(record), predictor.predict_interval(record), check_exact=True)
    pd.testing.assert_frame_equal(model.comparables(pd.DataFrame([record])),
                                  predictor.comparables(pd.DataFrame([record])), check_exact=True)
    with pytest.raises(tk.InputError, match="X"):
        predictor.predict_interval(np.zeros((1, 3)))          # an array: the estimator validates those, not this
    with pytest.raises(tk.InputError, match="log_records"):
        predictor.predict_interval({"records_exposed": float("inf"), "outcome_type": "class_settlement"})
    with pytest.raises(tk.InputError, match="rows"):
        predictor.comparables([1, 2, 3])
