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
