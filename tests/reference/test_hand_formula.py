"""Hand formula worked example, computed by hand (see README.md for the sources)."""
from __future__ import annotations

import math

import pytest

from toolkit import Case
from toolkit.liability import assess_liability, hand_test


def test_carroll_towing_inequality():
    # B < P·L -> negligent; B >= P·L -> not
    assert hand_test(burden=100.0, delta_p=0.01, loss=50_000.0)[2] == "B < ΔP·L"
    assert hand_test(burden=600.0, delta_p=0.01, loss=50_000.0)[2] == "B >= ΔP·L"
    # Sedona marginal form: B2 - B1 = 400 against (P×H)1 - (P×H)2 = 0.02*50,000 - 0.01*50,000 = 500
    delta_pl, margin, verdict = hand_test(burden=400.0, delta_p=0.02 - 0.01, loss=50_000.0)
    assert delta_pl == pytest.approx(500.0) and margin == pytest.approx(0.2) and verdict == "B < ΔP·L"


def test_config_scanning_on_public_bucket_by_hand():
    """An open bucket of 1,000,000 records; configuration scanning absent; revenue $100M.

    By hand, with the table defaults:
      B     = 20,000 + 0.00005 * 100,000,000                 = 25,000 USD/yr
      L     = 1,000,000 records * $165                        = 165,000,000 USD
      P     = 0.093 (IRIS 2025) * 0.12 (IBM 2024 cloud share) = 0.01116
      ΔP    = P * risk_reduction 0.8 * relevance 1.0          = 0.008928
      ΔP·L  = 0.008928 * 165,000,000                          = 1,473,120 USD/yr
      margin = (1,473,120 - 25,000) / 1,473,120               = 0.983029...
    B < ΔP·L: the precaution was owed.
    """
    case = Case(name="hand", defendant="D", records_exposed=1_000_000, data_types=["contact"], sector="retail",
                misconfiguration_type="public_bucket", jurisdictions=["US"], defendant_revenue_usd=1e8,
                controls={"config_scanning": "no"})
    row = assess_liability(case).controls.set_index("control").loc["config_scanning"]
    assert row["burden_usd"] == pytest.approx(25_000.0)
    assert row["delta_p"] == pytest.approx(0.008928)
    assert row["expected_harm_averted_usd"] == pytest.approx(1_473_120.0)
    assert row["margin"] == pytest.approx((1_473_120.0 - 25_000.0) / 1_473_120.0)
    assert row["verdict"] == "absent: breach indicated (B < ΔP·L)"
    # with a $1M loss instead: ΔP·L = 8,928 < B = 25,000 -> not owed; margin = (8,928 - 25,000) / 25,000
    small = assess_liability(case, loss=1e6).controls.set_index("control").loc["config_scanning"]
    assert small["expected_harm_averted_usd"] == pytest.approx(8_928.0)
    assert small["margin"] == pytest.approx((8_928.0 - 25_000.0) / 25_000.0)
    assert small["verdict"] == "absent: no breach indicated (B >= ΔP·L)"


def test_breach_probability_by_hand():
    """Aggregation by hand for a WAF/SSRF matter where every relevant control is in place but one.

    waf_ssrf relevances: encryption 0.2, least_privilege 0.8, logging 0.5, config_scanning 0.6,
    access_reviews 0.3, ir_plan 0.2, vendor_oversight 0.3 (mfa 0: not tested). Sum = 2.9.
    least_privilege absent; loss $500M; revenue $1B.
      B = 50,000 + 0.0001 * 1e9 = 150,000; ΔP = 0.093 * 0.12 * 0.6 * 0.8 = 0.00535680
      ΔP·L = 2,678,400; margin = (2,678,400 - 150,000) / 2,678,400
      score(least_privilege) = margin + 0.3 (framework); others -1 each
      S = (0.8 * score - (2.9 - 0.8)) / 2.9; z = -0.5 + 3 * S; P = 1 / (1 + e^-z)
    """
    controls = {c: "yes" for c in ("mfa", "encryption_at_rest", "logging_monitoring", "config_scanning",
                                   "access_reviews", "ir_plan_tested", "vendor_oversight")}
    controls["least_privilege"] = "no"
    case = Case(name="ssrf", defendant="D", records_exposed=1, data_types=["financial"], sector="finance",
                misconfiguration_type="waf_ssrf", jurisdictions=["US-VA"], defendant_revenue_usd=1e9,
                controls=controls)
    r = assess_liability(case, loss=5e8)
    margin = (2_678_400.0 - 150_000.0) / 2_678_400.0
    s = (0.8 * (margin + 0.3) - 2.1) / 2.9
    expected = 1.0 / (1.0 + math.exp(-(-0.5 + 3.0 * s)))
    assert r.p_breach == pytest.approx(expected)
