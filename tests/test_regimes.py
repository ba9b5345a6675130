"""Regime plugins: which regimes a matter engages, their kinds, ceilings and entry into force."""
from __future__ import annotations

import math

import pytest

from toolkit import Case, InputError
from toolkit.regimes import Regime, ceilings, infer_regulators, registered, regulatory_exposure


def _case(**over):
    base = dict(name="x", defendant="y", records_exposed=50_000, class_size=40_000, data_types=["health", "biometric"],
                sector="healthcare", misconfiguration_type="open_database",
                jurisdictions=["US-CA", "US-NY", "US-IL", "US-WA", "GB"], defendant_revenue_usd=5e8,
                prior_warnings="yes")
    base.update(over)
    return Case(**base)


def test_regulatory_exposure_picks_regimes_with_typed_kinds():
    case = _case(regulators=["US-HHS-OCR", "US-NY-AG", "GB-ICO", "US-FTC", "US-SEC"])
    t = regulatory_exposure(case, residents={"ca_residents": 1_000})
    assert list(t.columns) == ["regime", "kind", "authority", "low", "median", "high", "cap", "basis"]
    regimes = t["regime"].tolist()
    for expected in ("UK GDPR", "HIPAA", "NY SHIELD", "CCPA", "BIPA", "Washington", "FTC", "SEC"):
        assert any(expected in r for r in regimes), expected
    kinds = dict(zip(t["regime"].str.split().str[0], t["kind"]))
    assert kinds["CCPA"] == "statutory_claim" and kinds["BIPA"] == "statutory_claim" and kinds["HIPAA"] == "penalty"
    ccpa = t[t.regime.str.startswith("CCPA")].iloc[0]
    assert ccpa["high"] == pytest.approx(1_000 * 799) and ccpa["cap"] == ccpa["high"]
    hipaa = t[t.regime.str.startswith("HIPAA")].iloc[0]
    assert "tiers 3-4" in hipaa["basis"] and hipaa["authority"] == "US-HHS-OCR"
    assert hipaa["high"] <= hipaa["cap"] < math.inf
    money = t.dropna(subset=["median"])
    assert ((money["low"] <= money["median"]) & (money["median"] <= money["high"])).all()
    with pytest.raises(InputError, match="fx"):
        regulatory_exposure(case, fx={"EUR": -1})


def test_gdpr_ceiling_is_art_83_5_and_unknown_turnover_has_none():
    eu = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"], sector="retail",
              misconfiguration_type="other", jurisdictions=["EU-FR"])
    t = regulatory_exposure(eu)
    assert t["regime"].tolist() == ["GDPR Art. 83 (EDPB 04/2022)"] and t["authority"].tolist() == ["EU-FR-DPA"]
    assert t["cap"].iloc[0] == math.inf and "no cap" in t["basis"].iloc[0]
    rich = regulatory_exposure(eu.replace(defendant_revenue_usd=1.08e11), fx={"EUR": 1.08})
    assert rich["cap"].iloc[0] == pytest.approx(0.04 * 1e11 * 1.08)
    assert ceilings(rich) == {"EU-FR-DPA": pytest.approx(0.04 * 1e11 * 1.08)}


def test_regimes_not_in_force_are_left_out():
    case = _case(incident_year=2019, jurisdictions=["US", "US-CA"], regulators=["US-HHS-OCR"])
    assert not any(r.startswith("CCPA") for r in regulatory_exposure(case)["regime"])
    assert any(r.startswith("CCPA") for r in regulatory_exposure(case.replace(incident_year=2021))["regime"])
    gdpr = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"], sector="retail",
                misconfiguration_type="other", jurisdictions=["EU-FR"], incident_year=2016)
    assert regulatory_exposure(gdpr).empty


def test_every_registered_regime_follows_the_contract():
    for regime in registered():
        assert isinstance(regime, Regime)
        assert regime.kind in ("penalty", "statutory_claim", "private_right")
        assert regime.in_force(None)


def test_inferred_regulators_follow_sector_and_jurisdictions():
    codes, reasons = infer_regulators(_case(jurisdictions=["US", "US-NY"], sector="finance", data_types=["ssn"],
                                            class_size=5_000_000, records_exposed=5_000_000))
    assert codes == ("US-FTC", "US-NY-DFS", "US-NY-AG", "US-MULTISTATE-AG") and len(reasons) == len(codes)
    codes, _ = infer_regulators(_case(jurisdictions=["GB", "NO", "SG"]))
    assert codes == ("GB-ICO", "EU-NO-DPA", "SG-PDPC")
    codes, _ = infer_regulators(_case(jurisdictions=["US"], sector="telecom", data_types=["contact"],
                                      class_size=10, records_exposed=10))
    assert codes == ("US-FCC",)


# --------------------------------------------------------------------------- statutory tiers and aggravation
def _statutory(case, **kwargs):
    table = regulatory_exposure(case, **kwargs)
    return table[table["kind"] == "statutory_claim"].set_index("regime")


def test_bipa_moves_to_the_reckless_tier_only_under_willful_disregard():
    """740 ILCS 14/20: USD 1,000 per negligent violation, 5,000 per intentional or reckless one."""
    persons = {"il_persons": 100}
    negligent = _statutory(_case(prior_warnings="no", incident_year=2025), residents=persons).loc["BIPA 740 ILCS 14/20"]
    unknown = _statutory(_case(prior_warnings="unknown", incident_year=2025), residents=persons).loc["BIPA 740 ILCS 14/20"]
    for case in (_case(prior_warnings="yes", incident_year=2025),
                 _case(prior_warnings="no", aggravation={"previous_infringements": "yes"}, incident_year=2025)):
        reckless = _statutory(case, residents=persons).loc["BIPA 740 ILCS 14/20"]
        assert (reckless["low"], reckless["median"], reckless["high"]) == (100_000, 500_000, 500_000)
        assert "reckless tier" in reckless["basis"]
    for row in (negligent, unknown):
        assert (row["low"], row["median"], row["high"]) == (100_000, 100_000, 100_000)
        assert "negligent tier" in row["basis"]


def test_ccpa_award_moves_up_the_range_under_willful_disregard_and_the_parameter_sets_how_far():
    """Cal. Civ. Code § 1798.150(a)(2): persistence and willfulness weigh in the award (USD 107-799 from 2025)."""
    residents = {"ca_residents": 1_000}
    mid = _statutory(_case(prior_warnings="no", incident_year=2025), residents=residents).loc["CCPA § 1798.150"]
    assert (mid["low"], mid["median"], mid["high"]) == (107_000, 453_000, 799_000)
    willful = _case(prior_warnings="yes", incident_year=2025)
    up = _statutory(willful, residents=residents).loc["CCPA § 1798.150"]
    assert (up["low"], up["high"]) == (107_000, 799_000)
    assert up["median"] == pytest.approx(1_000 * (107 + 0.75 * (799 - 107)))
    top = _statutory(willful, residents=residents, parameters={"ccpa_award_position_willful": 1.0})
    assert top.loc["CCPA § 1798.150", "median"] == 799_000
    with pytest.raises(InputError, match="ccpa_award_position_willful"):
        regulatory_exposure(willful, parameters={"ccpa_award_position_willful": 0.2})


def test_ccpa_award_position_is_checked():
    from toolkit.damages import ccpa_statutory_damages

    with pytest.raises(InputError, match="award_position"):
        ccpa_statutory_damages(10, award_position=1.5)
    with pytest.raises(InputError, match="award_position.*one or the other"):
        ccpa_statutory_damages(10, award_position=0.5, award_per_consumer=400)


def test_headline_statutory_term_reads_the_same_tier_as_the_regimes():
    from toolkit.calibration.structural import statutory_claims

    case = _case(prior_warnings="yes", incident_year=2025, jurisdictions=["US-CA", "US-IL"])
    claims = statutory_claims(case).set_index("regime")["median"]
    table = _statutory(case, residents={"ca_residents": case.class_size, "il_persons": case.class_size})["median"]
    assert claims.to_dict() == pytest.approx(table.rename(index={"BIPA 740 ILCS 14/20": "Illinois BIPA 740 ILCS 14/20"})
                                             .to_dict())
