"""Property tests of the direction of each governance, response, harms and aggravation lever (issue 18).

Every property is checked on random matters (hypothesis): the lever moves a number only in the law's
direction, and an unknown answer is neutral.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import Case
from toolkit.calibration.structural import reference_case, structural_ratio
from toolkit.damages import estimate_damages
from toolkit.liability import assess_liability
from toolkit.regimes import regulatory_exposure
from toolkit.regimes.factors import penalty_multiplier
from toolkit.vocab import CONTROLS, GOVERNANCE

TRI = st.sampled_from(["yes", "no", "unknown"])
DAYS = st.one_of(st.none(), st.integers(0, 400))
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def matters(draw, regulators=None, sector=None, data_types=None):
    regs = regulators or draw(st.lists(st.sampled_from(["US-FTC", "US-HHS-OCR", "EU-IE-DPA", "GB-ICO", "US-NY-DFS",
                                                        "US-CA-AG"]), min_size=1, max_size=3, unique=True))
    return Case.from_dict({
        "name": "property", "defendant": "Example Inc.",
        "records_exposed": draw(st.integers(1, 5_000_000)),
        "data_types": data_types or draw(st.lists(st.sampled_from(["ssn", "health", "contact", "financial", "minors"]),
                                                  min_size=1, max_size=3, unique=True)),
        "sector": sector or draw(st.sampled_from(["healthcare", "finance", "retail"])),
        "misconfiguration_type": draw(st.sampled_from(["public_bucket", "open_database", "leaked_credentials",
                                                       "waf_ssrf"])),
        "jurisdictions": draw(st.sampled_from([["US"], ["US", "US-NY"], ["US", "US-CA"], ["EU-IE"], ["GB"]])),
        "regulators": regs, "defendant_revenue_usd": draw(st.sampled_from([None, 5e7, 2e9])),
        "incident_year": draw(st.sampled_from([None, 2019, 2025])),
        "causation_strength": draw(st.floats(0, 1)),
        "controls": {c: draw(TRI) for c in CONTROLS}, "prior_warnings": draw(TRI),
        "governance": {g: draw(TRI) for g in GOVERNANCE},
        "response": {"days_to_detect": draw(DAYS), "days_to_contain": draw(DAYS), "days_to_notify": draw(DAYS),
                     "notified_regulator_on_time": draw(TRI), "cooperated_with_regulator": draw(TRI),
                     "offered_credit_monitoring": draw(TRI), "corrected_within_30_days": draw(TRI)},
        "harms": {"evidence_of_misuse": draw(TRI), "identity_theft_reported": draw(TRI),
                  "emotional_distress_alleged": draw(TRI), "lost_time_alleged": draw(TRI)},
        "aggravation": {"previous_infringements": draw(TRI), "financial_benefit": draw(TRI)},
    })


def exposure(case) -> dict[str, float]:
    """Every number the levers can move: liability, damages, the calculators' penalties, the headline ratios."""
    lia = assess_liability(case)
    dmg = estimate_damages(case)
    reg = regulatory_exposure(case)
    pen = reg[reg["kind"] == "penalty"]
    ratios = structural_ratio(case)
    return {"p_liability": lia.probability, "p_breach": lia.p_breach, "p_survive": lia.p_survive_dismissal,
            "damages_total": float(dmg.total["median"]), "class_damages": float(dmg.class_damages["median"]),
            "penalty_low": float(pen["low"].sum()), "penalty_median": float(pen["median"].sum()),
            "penalty_high": float(pen["high"].sum()), "multiplier": penalty_multiplier(case),
            **{f"ratio_{k}": float(v) for k, v in ratios.items() if k != "liability"}}


def never_above(better: dict, worse: dict):
    for key, value in better.items():
        assert value <= worse[key] * (1 + 1e-9) + 1e-12, (key, value, worse[key])


@SETTINGS
@given(case=matters(), fast=st.integers(0, 7))
def test_tested_ir_plan_and_faster_containment_never_raise_exposure(case, fast):
    """A tested incident-response plan plus containment at least as fast as before never raises any number."""
    slow = case.response["days_to_contain"]
    before = case.replace(ir_plan_tested=case.controls["ir_plan_tested"] if case.controls["ir_plan_tested"] != "yes"
                          else "no", days_to_contain=slow if slow is not None else 400)
    after = before.replace(ir_plan_tested="yes", days_to_contain=min(fast, before.response["days_to_contain"]))
    never_above(exposure(after), exposure(before))


@SETTINGS
@given(case=matters(regulators=["US-HHS-OCR"], sector="healthcare", data_types=["health"]),
       corrected=TRI)
def test_willful_neglect_never_lowers_a_hipaa_penalty(case, corrected):
    """45 CFR 160.404(b)(2): ignored warnings or previous infringements (willful neglect) never lower the penalty,
    and failing to correct within 30 days never lowers it either."""
    def hipaa(c):
        t = regulatory_exposure(c)
        row = t[t["regime"].str.startswith("HIPAA")].iloc[0]
        return {"low": row["low"], "median": row["median"], "high": row["high"]}

    base = case.replace(prior_warnings="no", previous_infringements="no", corrected_within_30_days=corrected)
    never_above(hipaa(base), hipaa(base.replace(prior_warnings="yes")))
    never_above(hipaa(base), hipaa(base.replace(previous_infringements="yes")))
    willful = base.replace(prior_warnings="yes")
    never_above(hipaa(willful.replace(corrected_within_30_days="yes")),
                hipaa(willful.replace(corrected_within_30_days="no")))


@SETTINGS
@given(case=matters(regulators=["EU-IE-DPA"]))
def test_cooperation_never_raises_a_gdpr_fine(case):
    """GDPR Art. 83(2)(f): cooperating never raises the fine; refusing never lowers it (unknown in between)."""
    def gdpr(c):
        t = regulatory_exposure(c)
        row = t[t["regime"].str.startswith("GDPR")].iloc[0]
        return {"low": row["low"], "median": row["median"], "high": row["high"],
                "ratio": structural_ratio(c)["regulatory_fine"]}

    yes, unknown, no = (gdpr(case.replace(cooperated_with_regulator=v)) for v in ("yes", "unknown", "no"))
    never_above(yes, unknown)
    never_above(unknown, no)


@SETTINGS
@given(case=matters(), factor=st.sampled_from(GOVERNANCE))
def test_governance_factor_in_place_never_raises_breach_or_penalty(case, factor):
    yes, no = case.replace(**{factor: "yes"}), case.replace(**{factor: "no"})
    assert assess_liability(yes).p_breach <= assess_liability(no).p_breach
    assert penalty_multiplier(yes) <= penalty_multiplier(no)


@SETTINGS
@given(case=matters())
def test_aggravation_never_lowers_the_penalty_multiplier(case):
    for key in ("previous_infringements", "financial_benefit"):
        assert penalty_multiplier(case.replace(**{key: "no"})) <= penalty_multiplier(case.replace(**{key: "yes"}))
    assert penalty_multiplier(case.replace(notified_regulator_on_time="yes")) <= \
        penalty_multiplier(case.replace(notified_regulator_on_time="no"))


@SETTINGS
@given(case=matters())
def test_credit_monitoring_offered_never_raises_class_damages(case):
    """Mitigation: monitoring given free leaves the class no monitoring cost to claim."""
    offered = estimate_damages(case.replace(offered_credit_monitoring="yes")).class_damages
    for other in ("no", "unknown"):
        assert (offered <= estimate_damages(case.replace(offered_credit_monitoring=other)).class_damages + 1e-9).all()


@SETTINGS
@given(case=matters())
def test_harms_alleged_never_lower_standing_or_class_damages(case):
    for key in ("identity_theft_reported", "lost_time_alleged", "emotional_distress_alleged"):
        no, yes = case.replace(**{key: "no"}), case.replace(**{key: "yes"})
        assert assess_liability(no).p_standing <= assess_liability(yes).p_standing + 1e-12
        assert float(estimate_damages(no).class_damages["median"]) <= \
            float(estimate_damages(yes).class_damages["median"]) + 1e-9


@SETTINGS
@given(case=matters())
def test_unknown_blocks_are_the_reference(case):
    """Unknown is neutral: the reference matter resets every block, and at the reference every ratio is 1."""
    ref = reference_case(case)
    assert set(ref.governance.values()) == {"unknown"}
    assert set(v for k, v in ref.response.items() if not k.startswith("days")) == {"unknown"}
    assert all(ref.response[k] is None for k in ("days_to_detect", "days_to_contain", "days_to_notify"))
    assert penalty_multiplier(ref) == 1.0
    assert all(v == pytest.approx(1.0) for k, v in structural_ratio(ref).items() if k != "liability")


def test_omitted_blocks_equal_unknown_blocks(minimal_case_dict):
    plain = Case.from_dict(minimal_case_dict)
    explicit = Case.from_dict({**minimal_case_dict, "governance": {g: "unknown" for g in GOVERNANCE},
                               "response": {"days_to_notify": None, "cooperated_with_regulator": "unknown"}})
    assert plain == explicit
    assert assess_liability(plain).probability == assess_liability(explicit).probability


@SETTINGS
@given(case=matters(data_types=["biometric", "contact"]), place=st.sampled_from([["US", "US-CA", "US-IL"],
                                                                                 ["US-IL"], ["US-CA"]]),
       key=st.sampled_from(["prior_warnings", "previous_infringements"]))
def test_aggravation_never_lowers_bipa_or_ccpa_statutory_damages(case, place, key):
    """740 ILCS 14/20 (reckless tier) and Cal. Civ. Code § 1798.150(a)(2) (willfulness, persistence): willful or
    repeated disregard never lowers the class's statutory claim, nor the class headline ratio it feeds."""
    from toolkit.calibration.structural import state_residents, statutory_ratio

    base = case.replace(jurisdictions=place)

    def statutory(c):
        t = regulatory_exposure(c, residents=state_residents(c))
        t = t[t["kind"] == "statutory_claim"]
        return {"low": float(t["low"].sum()), "median": float(t["median"].sum()), "high": float(t["high"].sum()),
                "ratio": structural_ratio(c, statutory_ratio=statutory_ratio(c))["class_settlement"]}

    for other in ("no", "unknown"):
        calm = base.replace(prior_warnings=other, previous_infringements=other)
        never_above(statutory(calm), statutory(calm.replace(**{key: "yes"})))
