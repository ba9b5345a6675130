"""Tests of toolkit.datasets.explore: hand calculations, properties, errors."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.datasets import load_outcomes
from toolkit.datasets.explore import (
    REGIMES, amount_table, incidents_overview, log_bins, per_person, regime_of, share_by_year, size_profile,
)
from toolkit.errors import InputError


def outcomes_frame():
    return pd.DataFrame({
        "outcome_id": ["a-2019-class", "b-2019-class", "c-2020-class", "d-2020-fine", "e-2021-pending", "f-2021-dismissal"],
        "defendant": list("ABCDEF"),
        "outcome_year": [2020, 2021, 2022, 2021, pd.NA, 2022],
        "outcome_type": ["class_settlement", "class_settlement", "class_settlement", "regulatory_fine", "pending",
                         "dismissed_standing"],
        "jurisdiction": ["US", "US-CA", "US", "EU-IE", "US", "US-NY"],
        "amount_usd": [3_000_000.0, 1_000_000.0, 400_000.0, 5_000_000.0, np.nan, 0.0],
        "class_size": pd.array([1_000_000, pd.NA, 0, pd.NA, pd.NA, pd.NA], dtype="Int64"),
        "records_exposed": pd.array([2_000_000, 4_000_000, pd.NA, 10, 5, 7], dtype="Int64"),
    })


# regime_of ---------------------------------------------------------------------------------

@pytest.mark.parametrize("code, regime", [
    ("US", "US nationwide"), ("US-NY", "US state-level"), ("EU-FR", "EU/EEA (GDPR)"), ("NO", "EU/EEA (GDPR)"),
    ("GB", "UK"), ("AU", "other"), ("SG", "other"), ("us-ca", "US state-level"),
])
def test_regime_of(code, regime):
    assert regime_of(code) == regime


@pytest.mark.parametrize("bad", ["", None, 3])
def test_regime_of_refuses_non_codes(bad):
    with pytest.raises(InputError, match="jurisdiction"):
        regime_of(bad)


def test_every_curated_jurisdiction_has_a_regime():
    regimes = load_outcomes()["jurisdiction"].map(regime_of)
    assert set(regimes) <= set(REGIMES)
    assert (regimes == "US state-level").sum() > 0 and (regimes == "EU/EEA (GDPR)").sum() > 0


# amount_table ------------------------------------------------------------------------------

def test_amount_table_by_hand():
    t = amount_table(outcomes_frame())
    assert ("pending", "US nationwide") not in t.index  # no amount: left out
    row = t.loc[("class_settlement", "US nationwide")]
    assert row["n"] == 2 and row["n_zero"] == 0
    assert row["median_usd"] == pytest.approx(1_700_000.0)  # median of 3.0M and 0.4M
    assert row["total_usd"] == pytest.approx(3_400_000.0)
    dismissal = t.loc[("dismissed_standing", "US state-level")]
    assert dismissal["n_zero"] == 1 and math.isnan(dismissal["median_usd"])
    assert list(t["total_usd"]) == sorted(t["total_usd"], reverse=True)


def test_amount_table_single_column_and_totals_match():
    df = outcomes_frame()
    t = amount_table(df, by="outcome_type")
    assert t["total_usd"].sum() == pytest.approx(df["amount_usd"].sum())
    assert t["n"].sum() == df["amount_usd"].notna().sum()


def test_amount_table_missing_column_named():
    with pytest.raises(InputError, match="amount_usd"):
        amount_table(outcomes_frame().drop(columns="amount_usd"))


# per_person --------------------------------------------------------------------------------

def test_per_person_class_size():
    t = per_person(outcomes_frame())
    assert list(t.index) == ["a-2019-class"]  # b has no class size, c has class size 0
    assert t.loc["a-2019-class", "per_person_usd"] == pytest.approx(3.0)


def test_per_person_fallback_to_records():
    t = per_person(outcomes_frame(), denominator="class_size_or_records")
    assert t.loc["a-2019-class", "basis"] == "class_size"
    assert t.loc["b-2019-class", "basis"] == "records_exposed"
    assert t.loc["b-2019-class", "per_person_usd"] == pytest.approx(0.25)
    assert "c-2020-class" not in t.index and "d-2020-fine" not in t.index
    assert t["per_person_usd"].is_monotonic_increasing


def test_per_person_leaves_out_institutional_classes():
    df = outcomes_frame()
    extra = df.iloc[[0]].assign(outcome_id=["a-2019-fi-class"], class_size=pd.array([10], dtype="Int64"))
    sec = df.iloc[[0]].assign(outcome_id=["a-2019-securities-class"], class_size=pd.array([10], dtype="Int64"))
    t = per_person(pd.concat([df, extra, sec], ignore_index=True))
    assert list(t.index) == ["a-2019-class"]


def test_per_person_records_only():
    t = per_person(outcomes_frame(), denominator="records_exposed")
    assert t["per_person_usd"].to_dict() == {"b-2019-class": 0.25, "a-2019-class": 1.5}


def test_per_person_bad_denominator_suggests():
    with pytest.raises(InputError, match="denominator") as err:
        per_person(outcomes_frame(), denominator="class_sise")
    assert "class_size" in err.value.hint


def test_per_person_on_curated_table():
    t = per_person(load_outcomes())
    assert len(t) >= 10
    assert (t["per_person_usd"] > 0).all()
    assert np.allclose(t["per_person_usd"] * t["people"], t["amount_usd"])


# share_by_year -----------------------------------------------------------------------------

def test_share_by_year_wilson_reference():
    # 1 of 4: Wilson 95% interval (0.0456, 0.6994), Wilson (1927) / e.g. Newcombe (1998) method 3
    df = pd.DataFrame({"year": [2019] * 4, "flag": [True, False, False, False]})
    row = share_by_year(df, "flag").loc[2019]
    assert row["share"] == 0.25
    assert row["low"] == pytest.approx(0.0456, abs=5e-4)
    assert row["high"] == pytest.approx(0.6994, abs=5e-4)


def test_share_by_year_range_and_missing_years():
    df = pd.DataFrame({"year": pd.array([2010, 2011, 2011, 2012, None], dtype="Int64"),
                       "misconfiguration": [True, True, False, False, True]})
    t = share_by_year(df, start=2011, end=2011)
    assert list(t.index) == [2011]
    assert t.loc[2011, "n"] == 2 and t.loc[2011, "k"] == 1
    assert share_by_year(df)["n"].sum() == 4  # the row without a year is dropped


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(2000, 2005), st.booleans()), min_size=1, max_size=60),
       st.floats(0.5, 0.99))
def test_share_by_year_properties(rows, confidence):
    df = pd.DataFrame(rows, columns=["year", "flag"])
    t = share_by_year(df, "flag", confidence=confidence)
    assert t["n"].sum() == len(df) and t["k"].sum() == df["flag"].sum()
    assert ((t["low"] <= t["share"] + 1e-12) & (t["share"] <= t["high"] + 1e-12)).all()
    assert ((t["low"] >= 0) & (t["high"] <= 1)).all()


@pytest.mark.parametrize("kwargs, field", [({"confidence": 1.0}, "confidence"), ({"start": "2010"}, "start"),
                                           ({"column": "misconfig"}, "incidents columns")])
def test_share_by_year_errors(kwargs, field):
    df = pd.DataFrame({"year": [2019], "misconfiguration": [True]})
    with pytest.raises(InputError, match=field):
        share_by_year(df, **kwargs)


def test_share_by_year_refuses_non_boolean():
    with pytest.raises(InputError, match="boolean"):
        share_by_year(pd.DataFrame({"year": [2019], "records": [5]}), "records")


# size_profile and log_bins -----------------------------------------------------------------

def test_size_profile_by_hand():
    t = size_profile({"x": pd.Series([1, 2, 3, 4, 5, None]), "y": pd.Series([], dtype=float)}, thresholds=(3,))
    assert t.loc["x", "n"] == 5 and t.loc["x", "median"] == 3.0 and t.loc["x", "max"] == 5.0
    assert t.loc["x", "share >= 3e+00"] == pytest.approx(0.6)
    assert t.loc["y", "n"] == 0 and math.isnan(t.loc["y", "median"])


def test_size_profile_refuses_negative_and_empty():
    with pytest.raises(InputError, match="samples\\['x'\\]"):
        size_profile({"x": pd.Series([1, -2])})
    with pytest.raises(InputError, match="samples"):
        size_profile({})


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(1e-3, 1e12), min_size=1, max_size=40), st.integers(1, 6))
def test_log_bins_cover_all_values(values, per_decade):
    edges = log_bins(pd.Series(values), per_decade=per_decade)
    assert edges[0] <= min(values) and edges[-1] >= max(values)
    assert np.all(np.diff(edges) > 0)
    ratios = edges[1:] / edges[:-1]
    assert np.allclose(ratios, 10 ** (1 / per_decade))


def test_log_bins_just_below_a_power_of_ten():
    # found by hypothesis: log10(999999999999.998) rounds to 12.0
    edges = log_bins([999999999999.998], per_decade=1)
    assert edges[0] <= 999999999999.998 <= edges[-1]


def test_log_bins_ignores_zero_and_missing_and_checks_input():
    assert log_bins([0, np.nan, 20, 300], per_decade=1).tolist() == [10.0, 100.0, 1000.0]
    with pytest.raises(InputError, match="samples"):
        log_bins([0, -1])
    with pytest.raises(InputError, match="per_decade"):
        log_bins([1, 10], per_decade=0)


# incidents_overview ------------------------------------------------------------------------

def test_incidents_overview_by_hand():
    a = pd.DataFrame({"year": pd.array([2012, 2015, None], dtype="Int64"), "records": pd.array([100, 300, None], dtype="Int64"),
                      "amount_usd": [np.nan, 2.0, np.nan], "misconfiguration": [True, False, False],
                      "cloud": [True, True, False]})
    t = incidents_overview({"a": a})
    row = t.loc["a"]
    assert (row["rows"], row["first_year"], row["last_year"]) == (3, 2012, 2015)
    assert row["with_records"] == 2 and row["median_records"] == 200.0 and row["with_amount"] == 1
    assert row["misconfiguration"] == 1 and row["cloud"] == 2
    assert row["misconfiguration_share"] == pytest.approx(1 / 3)


def test_incidents_overview_errors():
    with pytest.raises(InputError, match="incidents"):
        incidents_overview({})
    with pytest.raises(InputError, match="incidents\\['a'\\] columns"):
        incidents_overview({"a": pd.DataFrame({"year": [2019]})})


def test_incidents_overview_on_staged_vcdb(shared_data):
    from toolkit.datasets import read_vcdb

    vcdb = read_vcdb(shared_data / "vcdb" / "vcdb_validated_2020-09.zip")
    row = incidents_overview({"vcdb": vcdb}).loc["vcdb"]
    # counts published in shared/data/vcdb/README.md: 8,589 incidents, 226 Misconfiguration, 4,824 with data_total
    assert (row["rows"], row["misconfiguration"], row["with_records"]) == (8589, 226, 4824)
    by_year = share_by_year(vcdb)
    assert by_year["k"].sum() <= 226 and by_year.loc[2019, "share"] > by_year.loc[2012, "share"]
