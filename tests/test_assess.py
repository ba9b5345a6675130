"""tk.assess: the design contract, reproducibility, the law's direction, JSON, plots."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit as tk
from toolkit import InputError
from toolkit.litigation import Draws

N = 20_000


@pytest.fixture(scope="module")
def cases():
    matters = Path(__file__).resolve().parents[1] / "data" / "matters"
    return {p.stem: tk.Case.from_yaml(p) for p in sorted(matters.glob("*.yaml"))}


@pytest.fixture(scope="module")
def capital_one(cases):
    return tk.assess(cases["capital_one_2019"], seed=7, n_paths=N)


def test_contract_attributes(capital_one):
    r = capital_one
    assert 0.0 <= r.liability.probability <= 1.0
    assert {"element", "probability"} <= set(r.liability.elements.columns)
    assert isinstance(r.liability.controls, pd.DataFrame)
    assert list(r.damages.columns) == ["component", "low", "median", "high"]
    assert {"party", "share", "payable_share"} <= set(r.fault.columns)
    assert r.fault["share"].sum() == pytest.approx(1.0)
    s = r.settlement
    for name in ("low", "median", "high", "zone_low", "zone_high"):
        assert np.isfinite(getattr(s, name))
    assert isinstance(r.comparables, pd.DataFrame)
    table = r.summary()
    assert {"section", "item", "value", "kind"} <= set(table.columns)
    assert (table["section"] == "Headline").any()
    assert len(table.of_kind("headline")) == 5 * len(r.outcome_ranges)
    assert table.notes == list(r.notes)
    # every regulatory-exposure row with an amount appears once, typed by its kind
    priced = r.regulatory[r.regulatory["median"].notna()]
    assert len(table.of_kind("penalty", "statutory_claim", "private_right")) == len(priced)


def test_same_seed_same_numbers(cases):
    case = cases["teaching_open_elasticsearch"]
    a = tk.assess(case, seed=3, n_paths=N)
    b = tk.assess(case, seed=3, n_paths=N)
    c = tk.assess(case, seed=4, n_paths=N)
    assert a.settlement == b.settlement and a.simulation == b.simulation
    assert a.to_dict() == b.to_dict()
    assert c.simulation != a.simulation


def test_reused_draws_give_the_same_result(cases):
    case = cases["uber_2016_leaked_keys"]
    draws = Draws.make(N, 5)
    assert tk.assess(case, seed=5, n_paths=N, draws=draws).settlement == tk.assess(case, seed=5, n_paths=N).settlement
    with pytest.raises(InputError, match="draws"):
        tk.assess(case, seed=6, n_paths=N, draws=draws)


def test_range_is_ordered_for_every_matter(cases):
    for case in cases.values():
        s = tk.assess(case, seed=1, n_paths=N, market_check=False).settlement
        assert s.low <= s.median <= s.high


@settings(max_examples=15, deadline=None)
@given(records=st.integers(1_000, 10**8), factor=st.integers(2, 50), seed=st.integers(0, 50))
def test_more_records_never_lower_the_median(cases, records, factor, seed):
    case = cases["teaching_open_elasticsearch"].replace(records_exposed=records, class_size=None)
    bigger = case.replace(records_exposed=min(records * factor, 10**11), class_size=None)
    small = tk.assess(case, seed=seed, n_paths=5_000, market_check=False).settlement.median
    large = tk.assess(bigger, seed=seed, n_paths=5_000, market_check=False).settlement.median
    assert large >= small * (1 - 1e-9)


def test_a_control_in_place_never_raises_liability(cases):
    case = cases["capital_one_2019"]
    base = tk.assess(case, seed=0, n_paths=N, market_check=False)
    for control in case.controls:
        fixed = tk.assess(case.replace(**{control: "yes"}), seed=0, n_paths=N, market_check=False)
        assert fixed.liability.probability <= base.liability.probability + 1e-12, control


def test_to_dict_is_json(capital_one):
    text = json.dumps(capital_one.to_dict(), sort_keys=True, allow_nan=False)
    back = json.loads(text)
    assert back["seed"] == 7 and back["settlement"]["median"] == pytest.approx(capital_one.settlement.median)


def test_market_check_and_notes(capital_one):
    m = capital_one.market_check
    assert m is not None and m["low"] <= m["median"] <= m["high"]
    assert len(capital_one.comparables) > 0


def test_tornado_uses_common_random_numbers(cases):
    r = tk.assess(cases["teaching_open_elasticsearch"], seed=2, n_paths=N, market_check=False)
    t = r.tornado
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    assert t["base"].nunique() == 1
    assert not t["input"].str.startswith("mfa").any()  # mfa was in place: not varied
    assert t["input"].str.startswith("least_privilege").any()  # absent: varied


@pytest.mark.parametrize("plot", ["plot_settlement", "plot_tornado", "plot_fault", "plot_waterfall", "plot_hand",
                                  "plot_damages"])
def test_plots_return_axes_and_draw_into_given_axes(capital_one, plot):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    returned = getattr(capital_one, plot)(ax=ax)
    assert returned is ax
    assert ax.has_data() or len(ax.patches) + len(ax.lines) + len(ax.texts) + len(ax.tables) > 0
    new = getattr(capital_one, plot)()
    assert new is not ax and new.figure is not fig


def test_bad_arguments_are_named(cases):
    case = cases["capital_one_2019"]
    with pytest.raises(InputError, match="seed"):
        tk.assess(case, seed=-1)
    with pytest.raises(InputError, match="n_paths"):
        tk.assess(case, n_paths=10)
    with pytest.raises(InputError, match="case"):
        tk.assess({"name": "x"})
    with pytest.raises(InputError, match="parameters.p_class_certification"):
        tk.assess(case, n_paths=N, parameters={"p_class_certification": 3})


def test_statute_not_in_force_is_left_out(cases):
    uber = cases["uber_2016_leaked_keys"]
    assert uber.incident_year == 2016
    r = tk.assess(uber, seed=0, n_paths=N, market_check=False)
    assert not r.regulatory["regime"].str.startswith("CCPA").any()
    assert any("predates" in n for n in r.notes)
    later = tk.assess(uber.replace(incident_year=2021), seed=0, n_paths=N, market_check=False)
    assert later.regulatory["regime"].str.startswith("CCPA").any()


def test_market_check_row_is_dated_by_the_incident(cases):
    from toolkit.assess import case_to_outcome_row

    row = case_to_outcome_row(cases["capital_one_2019"])
    assert row.loc[0, "year_disclosed"] == 2019 and row.loc[0, "outcome_year"] > 2019
    undated = case_to_outcome_row(cases["teaching_open_elasticsearch"])
    assert undated[["year_disclosed", "outcome_year"]].isna().all(axis=None)


def test_regulatory_fx_comes_from_the_sourced_table():
    from toolkit.assess import _fx_to_usd
    from toolkit.datasets.fx import fx_rate

    rates = _fx_to_usd()
    assert rates == {"EUR": fx_rate("EUR", 2023), "GBP": fx_rate("GBP", 2023)}


def test_stage_parameter_overrides_reach_the_regimes_table():
    """simulation_inputs passes ``parameters=`` to regulatory_exposure: the penalty_share_* sizes and the CCPA
    award position move the calculators' table, and assess reports the same table."""
    from toolkit.assess import simulation_inputs
    from toolkit.calibration.structural import state_residents
    from toolkit.regimes import regulatory_exposure

    case = tk.Case(name="x", defendant="y", records_exposed=200_000, data_types=["health", "contact"],
                   sector="healthcare", misconfiguration_type="public_bucket", jurisdictions=["US", "US-CA"],
                   regulators=["US-HHS-OCR"], incident_year=2024, prior_warnings="yes",
                   response={"cooperated_with_regulator": "no"})
    over = {"penalty_share_willful": 0.9, "penalty_share_obstruction": 0.5, "ccpa_award_position_willful": 1.0}

    def table(parameters):
        return simulation_inputs(case, parameters=parameters)[3].set_index("regime")["median"]

    default, changed = table(None), table(over)
    assert changed["HIPAA 45 CFR 160.404"] > default["HIPAA 45 CFR 160.404"]
    assert changed["CCPA § 1798.150"] > default["CCPA § 1798.150"]
    direct = regulatory_exposure(case, residents=state_residents(case), parameters=over).set_index("regime")["median"]
    assert changed["HIPAA 45 CFR 160.404"] == pytest.approx(direct["HIPAA 45 CFR 160.404"])
    result = tk.assess(case, seed=0, n_paths=N, parameters=over, market_check=False)
    pd.testing.assert_series_equal(result.regulatory.set_index("regime")["median"], changed)
