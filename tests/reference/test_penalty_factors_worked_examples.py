"""Worked examples of the new penalty factors in the GDPR, UK GDPR and HIPAA calculators (issue 18).

Each test types in the numbers of the provision it reproduces and checks the regime plugin that the
assessment calls (``toolkit.regimes.regulatory_exposure``). Sources:

- GDPR Art. 83(4) maximum (EUR 10M or 2% of turnover) and the EDPB 04/2022 step-2 band for medium
  seriousness (10-20% of the legal maximum; no size adjustment above EUR 500M turnover), then step 3:
  the Art. 83(2) factors as signed shares (toolkit.regimes.factors, stage parameters penalty_share_*).
- ICO penalty notice, British Airways plc (16 Oct 2020): a GBP 30M penalty reduced by 20% to GBP 24M for
  mitigating factors (prompt notification, full cooperation, compensation offered, ...), before a GBP 4M
  COVID-19 reduction: https://www.preiskel.com/british-airways-issued-20-million-fine-by-ico-for-data-breach/
- 45 C.F.R. § 160.404(b)(2): tier 3 willful neglect corrected within 30 days, tier 4 not corrected; amounts in
  force from 28 Jan 2026 (91 FR 3665): tier 1 $145-$73,011, tier 2 $1,461-$73,011, tier 3 $14,602-$73,011,
  tier 4 $73,011-$2,190,294; OCR enforcement-discretion annual caps $36,505.50 / $146,053 / $365,052 /
  $2,190,294 (secondary, V2).
- 23 NYCRR 500.17(a)(1): 72 hours; 45 CFR 164.404(b): 60 days.
"""
from __future__ import annotations

import math

import pytest

from toolkit import Case
from toolkit.damages import uk_gdpr_fine
from toolkit.regimes import regulatory_exposure
from toolkit.regimes.factors import art83_factors, late_notice, notification_deadlines, penalty_multiplier


def matter(**kw):
    base = dict(name="worked example", defendant="Example SE", records_exposed=5, data_types=["contact"],
                sector="retail", misconfiguration_type="public_bucket", jurisdictions=["EU-IE"],
                regulators=["EU-IE-DPA"], defendant_revenue_usd=1e9, incident_year=2024)
    base.update(kw)
    return Case.from_dict(base)


def gdpr_median(case):
    table = regulatory_exposure(case, fx={"EUR": 1.0})
    return float(table.loc[table["regime"].str.startswith("GDPR"), "median"].iloc[0])


# ---------------------------------------------------------------- GDPR (EDPB 04/2022 step 3)
def test_gdpr_without_factors_is_the_step_2_point():
    """Turnover EUR 1bn: maximum max(EUR 10M, 2% x 1bn) = EUR 20M; medium band 10-20%, point at 15%: EUR 3M."""
    assert gdpr_median(matter()) == pytest.approx(20e6 * 0.15)


def test_gdpr_obstruction_and_late_notice_aggravate_monitoring_mitigates():
    """Art. 83(2)(f) no cooperation +15%, (h) notified after 5 days > Art. 33(1)'s 72 hours +10%,
    (c) credit monitoring offered -10%: EUR 3M x (1 + 0.15 + 0.10 - 0.10) = EUR 3.45M."""
    case = matter(response={"cooperated_with_regulator": "no", "days_to_notify": 5,
                            "offered_credit_monitoring": "yes"})
    assert late_notice(case) == "yes"
    assert gdpr_median(case) == pytest.approx(3e6 * 1.15)


def test_gdpr_cooperation_mitigates():
    """Art. 83(2)(f) cooperation -5% and (h) notified within 72 hours -5%: EUR 3M x 0.90 = EUR 2.7M."""
    case = matter(response={"cooperated_with_regulator": "yes", "days_to_notify": 2})
    assert gdpr_median(case) == pytest.approx(3e6 * 0.90)


def test_gdpr_previous_infringement_financial_benefit_willful_and_long_exposure():
    """(e) previous infringements +20%, (k) financial benefit +15%, (b) warnings ignored +20%, (a) exposed for
    250 + 10 days (> 200) +10%: EUR 3M x 1.65 = EUR 4.95M."""
    case = matter(prior_warnings="yes", aggravation={"previous_infringements": "yes", "financial_benefit": "yes"},
                  response={"days_to_detect": 250, "days_to_contain": 10})
    assert gdpr_median(case) == pytest.approx(3e6 * 1.65)


def test_gdpr_governance_program_is_art_83_2_d():
    """(d) degree of responsibility: three factors absent, one in place: (3 - 1) x 3% = +6%."""
    case = matter(governance={"risk_assessment": "no", "change_management": "no", "training": "no",
                              "security_program": "yes"})
    assert art83_factors(case) == {"d_responsibility": pytest.approx(0.06)}
    assert gdpr_median(case) == pytest.approx(3e6 * 1.06)


def test_gdpr_legal_maximum_still_caps():
    """Step 4: aggravation never lifts the fine above the Art. 83(4) maximum (EUR 20M here)."""
    case = matter(prior_warnings="yes", aggravation={"previous_infringements": "yes", "financial_benefit": "yes"},
                  response={"cooperated_with_regulator": "no", "days_to_notify": 30})
    table = regulatory_exposure(case, fx={"EUR": 1.0})
    assert float(table["high"].max()) <= 20e6 + 1e-6


# ---------------------------------------------------------------- UK GDPR (ICO penalty notices)
def test_ico_british_airways_mitigation_is_twenty_percent():
    """ICO, British Airways (2020): mitigating factors cut GBP 30M by 20% to GBP 24M. Prompt notice (-5%),
    full cooperation (-5%) and an offer of help to the people affected (-10%) give the same -20%."""
    case = matter(jurisdictions=["GB"], regulators=["GB-ICO"],
                  response={"days_to_notify": 1, "cooperated_with_regulator": "yes", "offered_credit_monitoring": "yes"})
    factors = art83_factors(case)
    assert sum(factors.values()) == pytest.approx(-0.20)
    assert 30e6 * (1 + sum(factors.values())) == pytest.approx(24e6)
    base = uk_gdpr_fine(turnover_gbp=1e9, tier="art83_4", seriousness="medium")
    mitigated = uk_gdpr_fine(turnover_gbp=1e9, tier="art83_4", seriousness="medium", factors=factors)
    assert mitigated.median == pytest.approx(0.8 * base.median)


# ---------------------------------------------------------------- HIPAA (45 CFR 160.404, 160.408)
def hipaa(case):
    table = regulatory_exposure(case)
    row = table[table["regime"].str.startswith("HIPAA")].iloc[0]
    return float(row["low"]), float(row["median"]), float(row["high"]), row["basis"]


def health(**kw):
    base = dict(name="worked example", defendant="Example Health", records_exposed=5, data_types=["health"],
                sector="healthcare", misconfiguration_type="open_database", jurisdictions=["US"],
                regulators=["US-HHS-OCR"], incident_year=2025)
    base.update(kw)
    return Case.from_dict(base)


def test_hipaa_no_willful_neglect_tiers_1_2():
    """5 violations: tier 1 point min(5 x (145 + 73,011)/2, 36,505.50) = 36,505.50; tier 2 point
    min(5 x (1,461 + 73,011)/2, 146,053) = 146,053; median = their geometric mean; high = tier-2 cap."""
    low, median, high, basis = hipaa(health())
    assert low == 5 * 145
    assert median == pytest.approx(math.sqrt(36_505.50 * 146_053))
    assert high == 146_053
    assert "tiers 1-2" in basis


def test_hipaa_willful_neglect_corrected_is_tier_3():
    """Warnings ignored (willful neglect, 45 CFR 160.401), corrected within 30 days: tier 3 only.
    Low 5 x 14,602 = 73,010; point 5 x (14,602 + 73,011)/2 = 219,032.50, x 1.20 for the willful factor
    (160.408 weighing) = 262,839; high = the tier-3 discretion cap 365,052."""
    low, median, high, basis = hipaa(health(prior_warnings="yes", response={"corrected_within_30_days": "yes"}))
    assert (low, high) == (73_010, 365_052)
    assert median == pytest.approx(219_032.5 * 1.20)
    assert "tiers 3-3" in basis


def test_hipaa_willful_neglect_not_corrected_is_tier_4():
    """Not corrected within 30 days: tier 4; 5 x 73,011 = 365,055 up to the cap 2,190,294."""
    low, median, high, basis = hipaa(health(prior_warnings="yes", response={"days_to_contain": 45}))
    assert (low, high) == (365_055, 2_190_294)
    assert median == 2_190_294  # the point (capped) x 1.2 is clamped to the tier's high end
    assert "not corrected" in basis


def test_hipaa_previous_infringement_is_willful_too():
    """Repeated disregard (previous infringements) selects the willful tiers like ignored warnings."""
    _, _, _, basis = hipaa(health(aggravation={"previous_infringements": "yes"}))
    assert "tiers 3-4" in basis


def test_hipaa_sixty_day_notice():
    """45 CFR 164.404(b): at most 60 days after discovery; 75 days is late, 30 on time."""
    assert late_notice(health(response={"days_to_notify": 75})) == "yes"
    assert late_notice(health(response={"days_to_notify": 30})) == "no"


# ---------------------------------------------------------------- NYDFS and state deadlines
def test_nydfs_72_hours_and_new_york_30_days():
    """23 NYCRR 500.17(a)(1): 72 hours to the superintendent; GBL § 899-aa (from 21 Dec 2024): 30 days."""
    case = Case.from_dict(dict(name="x", defendant="Bank", records_exposed=100, data_types=["financial"],
                               sector="finance", misconfiguration_type="public_bucket", jurisdictions=["US", "US-NY"],
                               regulators=["US-NY-DFS"], incident_year=2025, response={"days_to_notify": 4}))
    table = notification_deadlines(case).set_index("key")
    assert table.loc["nydfs_500_17", "status"] == "late"
    assert table.loc["us_ny", "status"] == "on time"
    assert penalty_multiplier(case) == pytest.approx(1.10)
    older = case.replace(incident_year=2019)   # before the 2024 amendment: no fixed New York deadline
    assert "us_ny" not in set(notification_deadlines(older)["key"])


def test_explicit_answer_wins_over_day_count():
    case = health(response={"days_to_notify": 75, "notified_regulator_on_time": "yes"})
    assert late_notice(case) == "no"
