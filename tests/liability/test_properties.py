"""Property tests pinning the direction of the law (hypothesis)."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import Case
from toolkit.case import DEFENSES, LAYERS
from toolkit.liability import allocate_fault, assess_liability, liability_probability
from toolkit.liability._tables import jurisdiction_rules
from toolkit.vocab import CONTROLS, DATA_TYPES, MISCONFIGURATION_TYPES, SECTORS, SERVICE_MODELS, TRISTATE

JURISDICTIONS = sorted(jurisdiction_rules())
FORUMS = [None, "N.D. Cal.", "S.D.N.Y.", "E.D. Va.", "N.D. Ga.", "D.C. Cir.", "Cal. Super. Ct.", "W.D. Tex.",
          "D. Mass.", "High Court"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def cases(draw):
    juris = draw(st.lists(st.sampled_from(JURISDICTIONS), min_size=1, max_size=3, unique=True))
    return Case(
        name="property case", defendant="Defendant Inc.",
        records_exposed=draw(st.integers(0, 10**9)),
        data_types=draw(st.lists(st.sampled_from(DATA_TYPES), min_size=1, max_size=4, unique=True)),
        sector=draw(st.sampled_from(SECTORS)),
        misconfiguration_type=draw(st.sampled_from(MISCONFIGURATION_TYPES)),
        jurisdictions=juris,
        service_model=draw(st.sampled_from(SERVICE_MODELS)),
        misconfigured_layer=draw(st.sampled_from(LAYERS)),
        forum=draw(st.sampled_from(FORUMS)),
        defendant_revenue_usd=draw(st.none() | st.floats(0, 1e12)),
        causation_strength=draw(st.floats(0, 1)),
        controls={c: draw(st.sampled_from(TRISTATE)) for c in CONTROLS},
        prior_warnings=draw(st.sampled_from(TRISTATE)),
        parties={"integrator": draw(st.sampled_from([None, "Integrator LLC"]))},
        evidence_of_misuse=draw(st.sampled_from(TRISTATE)),
        intervening_criminal_act=draw(st.sampled_from(TRISTATE)),
        prior_exposure=draw(st.floats(0, 1)),
        provider_insecure_default=draw(st.sampled_from(TRISTATE)),
        defenses=draw(st.lists(st.sampled_from(DEFENSES), max_size=3, unique=True)),
    )


losses = st.none() | st.floats(0, 1e11)
fractions = st.floats(0, 1)


def _probabilities(r):
    return [r.probability, r.p_duty, r.p_breach, r.p_causation, r.defense_factor, r.p_standing,
            r.p_survive_dismissal, r.attribution, r.defendant_payable_share]


@SETTINGS
@given(cases(), losses, fractions)
def test_probabilities_in_unit_interval(case, loss, pf):
    r = assess_liability(case, loss, params={"plaintiff_fault": pf})
    for value in _probabilities(r):
        assert 0.0 <= value <= 1.0 and not math.isnan(value)
    assert r.elements["probability"].between(0, 1).all()
    assert r.probability == pytest.approx(r.p_duty * r.p_breach * r.p_causation * r.defense_factor)
    assert r.probability == pytest.approx(liability_probability(case, loss, params={"plaintiff_fault": pf}))
    # the waterfall ends at the reported probability
    assert r.waterfall["probability"].iloc[-1] == pytest.approx(r.probability)


@SETTINGS
@given(cases(), losses, fractions, fractions)
def test_stronger_causation_never_lowers_liability(case, loss, a, b):
    lo, hi = sorted((a, b))
    r_lo = assess_liability(case.replace(causation_strength=lo), loss)
    r_hi = assess_liability(case.replace(causation_strength=hi), loss)
    assert r_hi.probability >= r_lo.probability - 1e-12
    assert r_hi.p_causation >= r_lo.p_causation - 1e-12
    assert r_hi.attribution >= r_lo.attribution - 1e-12


@SETTINGS
@given(cases(), losses, st.sampled_from(CONTROLS), st.sampled_from(["no", "unknown"]))
def test_control_in_place_never_raises_breach_probability(case, loss, control, other):
    in_place = assess_liability(case.replace(**{control: "yes"}), loss)
    not_in_place = assess_liability(case.replace(**{control: other}), loss)
    assert in_place.p_breach <= not_in_place.p_breach + 1e-12
    assert in_place.probability <= not_in_place.probability + 1e-12


@SETTINGS
@given(cases(), losses, st.sampled_from(["no", "unknown"]))
def test_ignoring_prior_warnings_never_lowers_breach_probability(case, loss, other):
    warned = assess_liability(case.replace(prior_warnings="yes"), loss)
    not_warned = assess_liability(case.replace(prior_warnings=other), loss)
    assert warned.p_breach >= not_warned.p_breach - 1e-12
    assert warned.probability >= not_warned.probability - 1e-12


@SETTINGS
@given(cases(), fractions, fractions, fractions)
def test_fault_shares_sum_to_one_and_payable_bounded(case, pf, pc, ic):
    r = assess_liability(case, 1e6, params={"plaintiff_fault": pf, "provider_collectible": pc,
                                            "integrator_collectible": ic})
    assert r.fault["share"].sum() == pytest.approx(1.0)
    assert (r.fault["share"] >= -1e-12).all()
    assert (r.fault["payable_share"] >= -1e-12).all()
    assert r.fault["payable_share"].sum() <= 1.0 - pf + 1e-9


@pytest.mark.parametrize("model", SERVICE_MODELS)
@pytest.mark.parametrize("layer", LAYERS)
@pytest.mark.parametrize("code", JURISDICTIONS)
def test_fault_shares_sum_to_one_every_model_layer_jurisdiction(model, layer, code):
    case = Case(name="grid", defendant="D", records_exposed=1000, data_types=["contact"], sector="retail",
                misconfiguration_type="open_database", jurisdictions=[code], service_model=model,
                misconfigured_layer=layer, provider_insecure_default="yes", parties={"integrator": "I"})
    for pf in (0.0, 0.3, 0.5, 0.7):
        r = assess_liability(case, 1e6, params={"plaintiff_fault": pf, "provider_collectible": 0.5})
        assert r.fault["share"].sum() == pytest.approx(1.0)
        assert r.rule.jurisdiction == code


@given(st.dictionaries(st.sampled_from(["customer", "provider", "integrator"]), st.floats(0.01, 1), min_size=1),
       st.floats(0, 1),
       st.sampled_from(["contributory", "pure", "modified_50", "modified_51"]),
       st.sampled_from(["joint", "several", "joint_above", "joint_at_or_above", "joint_if_plaintiff_fault_free",
                        "economic_joint"]),
       st.floats(0.05, 0.95), st.floats(0, 1))
def test_allocate_fault_every_rule(shares, pf, comparative, js, threshold, collect):
    out = allocate_fault(shares, plaintiff_fault=pf, comparative_rule=comparative, joint_several=js,
                         js_threshold=threshold, collectible={k: collect for k in shares if k != "customer"})
    assert sum(out["fault"].values()) == pytest.approx(1.0)
    assert out["recovery"] <= 1.0 - pf + 1e-9
    if comparative == "contributory" and pf > 0:
        assert out["barred"] and out["recovery"] == 0.0


CONTRIBUTORY = [code for code, rule in jurisdiction_rules().items() if rule.comparative_rule == "contributory"]


def test_contributory_jurisdictions_present():
    assert set(CONTRIBUTORY) == {"US-VA", "US-MD", "US-AL", "US-NC", "US-DC"}


@pytest.mark.parametrize("code", CONTRIBUTORY)
@pytest.mark.parametrize("pf", [0.01, 0.2, 0.6])
def test_contributory_negligence_bars_recovery_where_plaintiff_at_fault(code, pf):
    case = Case(name="cn", defendant="D", records_exposed=1000, data_types=["ssn"], sector="finance",
                misconfiguration_type="public_bucket", jurisdictions=["US", code], service_model="iaas")
    barred = assess_liability(case, 1e6, params={"plaintiff_fault": pf})
    assert barred.allocation["barred"]
    assert barred.defendant_payable_share == 0.0
    assert barred.fault["payable_share"].sum() == 0.0
    assert any("barred" in n for n in barred.notes())
    clean = assess_liability(case, 1e6, params={"plaintiff_fault": 0.0})
    assert not clean.allocation["barred"] and clean.defendant_payable_share > 0.9
