"""Worked examples from the statute and guideline texts, reproduced by the damages calculators.

Each test cites the text it reproduces. Figures: ../shared/reference/literature.md s.2.1-2.8.
"""
from __future__ import annotations

import math

import pytest

from toolkit.damages import (bipa_damages, ccpa_statutory_damages, ftc_exposure, gdpr_fine, hipaa_penalty,
                             jacobs_loglog, ny_shield_penalty, sec_disclosure_penalty, uk_gdpr_fine)


# ---------------------------------------------------------------- CCPA
def test_ccpa_statutory_range_per_consumer_per_incident():
    """Cal. Civ. Code § 1798.150(a)(1)(A): 'not less than $100 and not more than $750 per consumer per incident'."""
    r = ccpa_statutory_damages(1, incident_date="2024-12-31")
    assert (r.low, r.high) == (100.0, 750.0)


def test_ccpa_2025_cpi_adjustment():
    """CPPA adjustment effective 1 Jan 2025 (announced 17 Dec 2024): $750 -> $799; floor $107 (= round(100 x 799/750))."""
    r = ccpa_statutory_damages(1_000, incident_date="2025-01-01")
    assert (r.low, r.high) == (107_000.0, 799_000.0)
    assert round(100 * 799 / 750) == 107


def test_ccpa_actual_damages_when_greater():
    """§ 1798.150(a)(1)(A): '... or actual damages, whichever is greater'."""
    r = ccpa_statutory_damages(10, incident_date="2024-06-01", actual_damages_per_consumer=1_000)
    assert r.low == r.median == r.high == 10_000.0
    r = ccpa_statutory_damages(10, incident_date="2024-06-01", actual_damages_per_consumer=200)
    assert (r.low, r.high) == (2_000.0, 7_500.0)


def test_ccpa_cure_bars_statutory_damages_only():
    """§ 1798.150(b): cured within 30 days of written notice -> no action for statutory damages; actual damages remain."""
    r = ccpa_statutory_damages(100, incident_date="2024-06-01", cured=True, actual_damages_per_consumer=5)
    assert r.high == 500.0
    assert "1798.150(b)" in " ".join(r.steps["source"])


def test_ccpa_not_in_force_before_2020_and_encrypted_data():
    assert ccpa_statutory_damages(100, incident_date="2019-06-01").high == 0
    assert ccpa_statutory_damages(100, incident_date="2024-06-01", nonencrypted=False).high == 0


# ---------------------------------------------------------------- BIPA
def test_bipa_liquidated_amounts():
    """740 ILCS 14/20: $1,000 per negligent violation; $5,000 per intentional or reckless violation."""
    assert bipa_damages(1, culpability="negligent").median == 1_000
    assert bipa_damages(1, culpability="intentional").median == 5_000
    assert bipa_damages(1, culpability="reckless").median == 5_000


def test_bipa_one_recovery_after_sb2979():
    """SB 2979 (signed 2 Aug 2024): repeated collection by the same method = one violation, one recovery;
    before it, each scan accrued (Cothron v. White Castle, Ill. 2023)."""
    after = bipa_damages(50, violations_per_person=20, as_of="2024-09-01")
    before = bipa_damages(50, violations_per_person=20, as_of="2024-01-01")
    assert after.median == 50 * 1_000
    assert before.median == 50 * 20 * 1_000
    assert bipa_damages(50, violations_per_person=20, as_of="2024-09-01", per_violation_accrual=True).median == 1_000_000


# ---------------------------------------------------------------- GDPR / EDPB 04/2022
def test_gdpr_legal_maximum_whichever_higher():
    """Art. 83(4): EUR 10M or 2% of worldwide turnover; Art. 83(5): EUR 20M or 4%, whichever is higher."""
    small = gdpr_fine(turnover_eur=100e6, tier="art83_4", seriousness="high", position=1.0)
    assert small.steps.loc[0, "value"] == 10e6
    big = gdpr_fine(turnover_eur=2e9, tier="art83_5", seriousness="high", position=1.0)
    assert big.steps.loc[0, "value"] == 80e6
    assert big.high == 80e6  # high band tops out at 100% of the legal maximum (step 4 cap)


def test_edpb_micro_undertaking_ceiling():
    """EDPB 04/2022 paras 60 and 65 (literature.md s.2.2, D): turnover EUR 2M, high seriousness, Art. 83(4):
    starting amount at most EUR 10M x 100% x 0.4% = EUR 40,000 before step 3."""
    r = gdpr_fine(turnover_eur=2e6, tier="art83_4", seriousness="high")
    assert r.high == pytest.approx(40_000)
    assert r.low == pytest.approx(10e6 * 0.20 * 0.002)


def test_edpb_low_seriousness_band():
    """EDPB 04/2022 worked example (online store, Art. 12 / 83(5)): low seriousness -> starting amount
    between 0 and 10% of the legal maximum. Above EUR 500M turnover there is no size adjustment (para. 66)."""
    r = gdpr_fine(turnover_eur=600e6, tier="art83_5", seriousness="low")
    legal_max = max(20e6, 0.04 * 600e6)
    assert (r.low, r.high) == (0.0, pytest.approx(0.10 * legal_max))


def test_edpb_large_undertaking_high_band_start():
    """Turnover EUR 1bn, Art. 83(5): dynamic maximum EUR 40M; the high band starts at 20% = EUR 8M (paras 60, 66)."""
    r = gdpr_fine(turnover_eur=1e9, tier="art83_5", seriousness="high", position=0.0)
    assert r.median == pytest.approx(8e6)


def test_edpb_steps_3_to_5():
    """Step 3 factors multiply, step 4 caps at the legal maximum, step 5 scales and is capped again."""
    base = gdpr_fine(turnover_eur=1e9, tier="art83_4", seriousness="medium")
    agg = gdpr_fine(turnover_eur=1e9, tier="art83_4", seriousness="medium", factors={"e_previous_infringements": 0.5})
    assert agg.median == pytest.approx(base.median * 1.5)
    capped = gdpr_fine(turnover_eur=1e9, tier="art83_4", seriousness="high", position=1.0, proportionality=3)
    assert capped.high == pytest.approx(20e6)
    assert list(base.steps["step"][:7]) == ["1", "2a", "2b", "3", "4", "5", "result"]


def test_uk_gdpr_maxima():
    """UK GDPR: GBP 8.7M or 2% (standard), GBP 17.5M or 4% (higher), whichever is higher."""
    assert uk_gdpr_fine(turnover_gbp=10e6, tier="art83_4", seriousness="high", position=1.0).high == 8.7e6
    assert uk_gdpr_fine(turnover_gbp=10e6, tier="art83_5", seriousness="high", position=1.0).high == 17.5e6
    assert uk_gdpr_fine(turnover_gbp=1e9, tier="art83_5", seriousness="high", position=1.0).high == 40e6


# ---------------------------------------------------------------- HIPAA
@pytest.mark.parametrize("date, t1_min, t4_max, cap", [
    ("2020-06-01", 100, 1_500_000, 1_500_000),          # HITECH statutory base
    ("2023-12-01", 137, 2_067_813, 2_067_813),          # 2023 adjustment (eff. 6 Oct 2023)
    ("2024-08-08", 141, 2_134_831, 2_134_831),          # 89 FR 64815 (eff. 8 Aug 2024)
    ("2026-01-28", 145, 2_190_294, 2_190_294),          # 91 FR 3665 (eff. 28 Jan 2026)
])
def test_hipaa_effective_dated_table(date, t1_min, t4_max, cap):
    """45 CFR 160.404(b): per-violation ranges and the calendar-year cap in force on the assessment date."""
    one = hipaa_penalty(1, tier=1, date=date, enforcement_discretion=False)
    assert one.low == t1_min
    many = hipaa_penalty(10_000, tier=4, date=date, enforcement_discretion=False)
    assert many.high == cap
    assert hipaa_penalty(1, tier=4, date=date, enforcement_discretion=False).high == t4_max


def test_hipaa_enforcement_discretion_caps():
    """OCR Notice of Enforcement Discretion (84 FR 18151, 2019): annual caps $25,000 / $100,000 / $250,000 / $1.5M."""
    caps = [hipaa_penalty(10**6, tier=t, date="2020-01-01").high for t in (1, 2, 3, 4)]
    assert caps == [25_000, 100_000, 250_000, 1_500_000]


def test_hipaa_cap_per_provision_and_year():
    """The cap applies per identical provision per calendar year."""
    r = hipaa_penalty(1_000, tier=2, date="2024-09-01", enforcement_discretion=False, provisions=2, years=3)
    assert r.high == 6 * 2_134_831
    assert r.low == 6 * 1_000 * 1_424


# ---------------------------------------------------------------- NY SHIELD, FTC, SEC
def test_ny_shield_amounts():
    """GBL § 350-d: not more than $5,000 per violation; § 899-aa(6): $20 per failed notice, cap $250,000."""
    r = ny_shield_penalty(10, failed_notices=100)
    assert r.high == 10 * 5_000 + 100 * 20
    assert ny_shield_penalty(0, failed_notices=10**6).high == 250_000
    assert r.low == 0


def test_ftc_civil_penalty_per_order_violation():
    """16 C.F.R. § 1.98 (90 FR 5580): $53,088 per violation from 17 Jan 2025; a first order carries none."""
    assert ftc_exposure(3).high == 3 * 53_088
    assert ftc_exposure(0).high == 0


def test_sec_precedent_range():
    """SEC cyber-disclosure settlements: Mimecast $990K ... Unisys $4M (Oct 2024); Blackbaud $3M (Mar 2023)."""
    r = sec_disclosure_penalty()
    assert (r.low, r.high) == (990_000, 4_000_000)


# ---------------------------------------------------------------- Jacobs
def test_jacobs_loglog_published_coefficients():
    """Jacobs (2014): ln(loss) = 7.6799625 + 0.7583576 ln(records); literature.md notes $76.9M at 1M records."""
    med = jacobs_loglog(1_000_000)["median"].item()
    assert med == pytest.approx(math.exp(7.6799625 + 0.7583576 * math.log(1e6)))
    assert med == pytest.approx(76.9e6, rel=0.01)
