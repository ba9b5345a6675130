"""The seminar explorers: state set and read without a browser, checked against the liability engine."""
from __future__ import annotations

import pytest

import toolkit as tk
from toolkit.liability import LiabilityParams, assess_liability
from toolkit.liability.causation import attribution_fraction, causation_probability
from toolkit.widgets import CausationExplorer, FaultExplorer, HandExplorer


# --------------------------------------------------------------------------- Hand
def test_hand_explorer_by_hand():
    ex = HandExplorer(B=50_000, P=0.01, L=10_000_000)
    assert ex.state == {"B": 50_000, "P": 0.01, "L": 10_000_000}
    r = ex.result
    assert r.PL == pytest.approx(100_000.0)          # 0.01 x 10,000,000
    assert r.owed and r.verdict == "B < ΔP·L"
    assert r.margin == pytest.approx((100_000 - 50_000) / 100_000)
    ex.controls["B"].value = 250_000                    # now the precaution costs more than it averts
    assert not ex.result.owed and ex.result.margin == pytest.approx((100_000 - 250_000) / 250_000)
    ex.controls["L"].value = 1e8                        # P·L = 1,000,000 > 250,000
    assert ex.result.owed and ex.result.PL == pytest.approx(1e6)
    assert "owed" in ex.headline.value and ex.image.value[:4] == b"\x89PNG"


def test_hand_explorer_rejects_bad_input():
    with pytest.raises(tk.InputError, match="P"):
        HandExplorer(P=1.5)
    with pytest.raises(tk.InputError, match="B"):
        HandExplorer(B=-1)


# --------------------------------------------------------------------------- causation
def test_causation_explorer_matches_the_liability_engine(case):
    ex = CausationExplorer(case)
    p = LiabilityParams()
    for strength, act, prior in ((0.2, "yes", 0.0), (0.9, "no", 0.0), (0.6, "yes", 0.5)):
        r = ex.set_state(causation_strength=strength, intervening_criminal_act=act, prior_exposure=prior)
        c = case.replace(causation_strength=strength, intervening_criminal_act=act, prior_exposure=prior)
        assert r.p_causation == pytest.approx(causation_probability(c, p))
        assert r.attribution == pytest.approx(attribution_fraction(c, p))
        assert r.probability == pytest.approx(assess_liability(c, loss=ex.loss).probability)


def test_causation_directions(case):
    ex = CausationExplorer(case)
    ex.controls["causation_strength"].value = 0.3
    weak = ex.result
    ex.controls["causation_strength"].value = 0.8
    strong = ex.result
    assert strong.p_causation > weak.p_causation and strong.attribution > weak.attribution
    assert list(strong.curve_p) == sorted(strong.curve_p)          # but-for: monotone in the evidence
    ex.controls["intervening_criminal_act"].value = "no"
    no_act = ex.result
    assert no_act.p_causation >= strong.p_causation                # an intervening act can only weaken it
    ex.controls["prior_exposure"].value = 0.8
    assert ex.result.attribution < no_act.attribution               # data already exposed elsewhere


# --------------------------------------------------------------------------- fault
def test_fault_explorer_shared_responsibility(case):
    ex = FaultExplorer(case)
    assert set(ex.state) == {"service_model", "misconfigured_layer", "jurisdiction", "plaintiff_fault"}
    assert ex.state["misconfigured_layer"] == "network" and ex.state["jurisdiction"] == "US-CA"
    shares = lambda r: r.table.set_index("party")["share"]  # noqa: E731
    iaas = shares(ex.set_state(service_model="iaas", misconfigured_layer="data"))
    saas = shares(ex.set_state(service_model="saas", misconfigured_layer="platform"))
    assert saas["provider"] > 0.5 > iaas["provider"]
    onprem = shares(ex.set_state(service_model="onprem"))
    assert onprem["provider"] == pytest.approx(0.0)
    assert sum(shares(ex.result)) == pytest.approx(1.0)


def test_fault_explorer_jurisdiction_rule(case):
    ex = FaultExplorer(case)
    r = ex.set_state(jurisdiction="US-VA", plaintiff_fault=0.1)     # Virginia: contributory negligence
    assert r.barred and r.recovery == 0.0 and r.jurisdiction == "US-VA"
    r = ex.set_state(jurisdiction="US-CA")                          # California: pure comparative fault
    assert not r.barred and r.recovery == pytest.approx(0.9)
    direct = assess_liability(case, loss=1.0, params={"plaintiff_fault": 0.1})
    assert r.table.equals(direct.fault)


# --------------------------------------------------------------------------- a refused value (Explorer._restore)
def _explorers(case):
    return {"hand": (HandExplorer(), "B", 80_000.0), "causation": (CausationExplorer(case), "causation_strength", 0.5),
            "fault": (FaultExplorer(case), "plaintiff_fault", 0.5)}


@pytest.mark.parametrize("which", ["hand", "causation", "fault"])
def test_a_refused_value_puts_the_control_back_and_keeps_the_result(case, which):
    ex, slider, good = _explorers(case)[which]
    before_state, before_result, before_image = ex.state, ex.result, ex.image.value
    ex.controls[slider].value = float("nan")          # the model refuses it (InputError naming the field)
    assert isinstance(ex.error, tk.InputError) and slider in str(ex.error)
    assert ex.state == before_state                   # _restore: the control shows its last good value again
    assert ex.result is before_result and ex.image.value == before_image
    assert "Not applied" in ex.status.value
    ex.controls[slider].value = good                  # a good value applies and clears the error
    assert ex.error is None and ex.result is not before_result and ex.state[slider] == pytest.approx(good)
    assert ex.status.value == ""


def test_a_refused_set_state_restores_every_control_it_changed(case):
    ex = FaultExplorer(case)
    before, before_result = ex.state, ex.result
    assert ex.set_state(service_model="saas", plaintiff_fault=float("nan")) is before_result
    assert isinstance(ex.error, tk.InputError) and "plaintiff_fault" in str(ex.error)
    assert ex.state == before                         # service_model went back too, without a recomputation
    assert ex.result.table.equals(FaultExplorer(case).result.table)


def test_restore_before_any_good_result_leaves_the_controls_alone(case):
    ex = CausationExplorer(case)
    del ex._good
    ex._batch = False
    ex.controls["causation_strength"].value = float("nan")
    assert ex.controls["causation_strength"].value != ex.controls["causation_strength"].value  # nothing to go back to


def test_hand_result_refuses_bad_numbers_by_name():
    from toolkit.widgets.teaching import hand_result

    for kwargs, field in ((dict(B=float("nan"), P=0.1, L=1.0), "B"), (dict(B=1.0, P=1.5, L=1.0), "P"),
                          (dict(B=1.0, P=0.1, L=-1.0), "L"), (dict(B=True, P=0.1, L=1.0), "B")):
        with pytest.raises(tk.InputError) as exc:
            hand_result(**kwargs)
        assert exc.value.field == field


def test_hand_result_takes_numpy_numbers():
    import numpy as np

    from toolkit.widgets.teaching import hand_result

    assert hand_result(np.int64(100), np.float64(0.01), 50_000) == hand_result(100, 0.01, 50_000)
