"""Regulatory fines: GDPR Art. 83 (EDPB Guidelines 04/2022), UK GDPR, HIPAA, NY SHIELD, FTC and SEC.

Each calculator returns a :class:`Calculation` with the amount (low, median, high), the currency
and the step-by-step working (a DataFrame with the source of every figure), and refuses invalid
inputs with :class:`toolkit.InputError`. :func:`regulatory_exposure` picks the regimes that a
:class:`toolkit.Case` engages and returns one row per regime in USD.

Provenance tags follow sources (docs/sources.md): V verified, V2 second hand, D derived, U unverified
(used, but flagged in the notes of every result that relies on it), A stated assumption.

References
----------
- GDPR Art. 83(4)-(5) maxima: https://gdprhub.eu/index.php?oldid=24584&title=Article_83_GDPR
- EDPB Guidelines 04/2022 on the calculation of administrative fines, v2.1 (24 May 2023),
  paras 60 (seriousness bands), 65-66 (size of the undertaking):
  https://www.edpb.europa.eu/system/files/documents/2023-06/edpb_guidelines_042022_calculationofadministrativefines_en.pdf
- UK GDPR maxima: https://nibusinessinfo.co.uk/content/gdpr-penalties-and-fines
- 45 C.F.R. § 160.404; 42 U.S.C. § 1320d-5; 89 FR 64815 (8 Aug 2024); 91 FR 3665 (28 Jan 2026);
  OCR Notice of Enforcement Discretion, 84 FR 18151 (30 Apr 2019).
- N.Y. GBL § 899-aa(6), § 899-bb, § 350-d: https://www.nysenate.gov/legislation/laws/GBS/350-D
- FTC civil penalty $53,088 from 17 Jan 2025: 16 C.F.R. § 1.98; 90 FR 5580.
- SEC cyber-disclosure penalties: https://www.helpnetsecurity.com/2024/10/25/sec-fines-tech-companies-for-misleading-solarwinds-disclosures/ ;
  https://www.huntonprivacyblog.com/2023/03/13/sec-brings-cyber-disclosure-enforcement-action/
"""
from __future__ import annotations

import math
from typing import Mapping

import numpy as np
import pandas as pd

from ..errors import InputError
from ._common import Calculation, check_choice, check_date, check_number, in_force_row, steps_frame

__all__ = ["gdpr_fine", "uk_gdpr_fine", "hipaa_penalty", "ny_shield_penalty", "ftc_exposure",
           "sec_disclosure_penalty", "GDPR_TIERS", "UK_GDPR_TIERS", "EDPB_SERIOUSNESS",
           "EDPB_SIZE_BANDS", "HIPAA_TABLE", "HIPAA_DISCRETION_CAPS", "SEC_PRECEDENTS", "DEFAULT_FX", "ART83_2_FACTORS"]

_GDPR_SRC = "GDPR Art. 83(4)-(5), https://gdprhub.eu/index.php?oldid=24584&title=Article_83_GDPR (V)"
_EDPB_SRC = "EDPB Guidelines 04/2022 v2.1"

#: tier -> (static maximum, share of worldwide turnover, provisions).
GDPR_TIERS = {
    "art83_4": (10_000_000.0, 0.02, "Arts 8, 11, 25-39 (incl. Art. 32 security, Arts 33/34 notification), 42, 43"),
    "art83_5": (20_000_000.0, 0.04, "Arts 5, 6, 7, 9 (incl. Art. 5(1)(f)), 12-22, 44-49, orders"),
}
UK_GDPR_TIERS = {
    "art83_4": (8_700_000.0, 0.02, "UK GDPR Art. 83(4) standard maximum"),
    "art83_5": (17_500_000.0, 0.04, "UK GDPR Art. 83(5) higher maximum"),
}
#: seriousness -> starting amount as a share of the applicable legal maximum (EDPB para. 60; V2).
EDPB_SERIOUSNESS = {"low": (0.0, 0.10), "medium": (0.10, 0.20), "high": (0.20, 1.00)}
#: Size of the undertaking (turnover, EUR): upper bound, (min, max) share of the starting amount, tag.
EDPB_SIZE_BANDS = pd.DataFrame(
    [(2e6, 0.002, 0.004, "V2"), (10e6, 0.003, 0.02, "U"), (50e6, 0.015, 0.10, "U"), (100e6, 0.08, 0.20, "U"),
     (250e6, 0.15, 0.50, "U"), (500e6, 0.40, 1.00, "U"), (math.inf, 1.0, 1.0, "V2")],
    columns=["turnover_up_to", "min_share", "max_share", "tag"])
#: Art. 83(2) factors usable in step 3. The EDPB weighs (a), (b) and (g) in the seriousness of step 2;
#: ``a_duration`` and ``b_intentional`` let the matter's exposure window and ignored warnings
#: (toolkit.regimes.factors) adjust the amount as a share, which is equivalent to moving the starting point.
ART83_2_FACTORS = ("a_duration", "b_intentional", "c_mitigation", "d_responsibility", "e_previous_infringements",
                   "f_cooperation", "h_how_known", "i_prior_measures", "j_codes_certification", "k_other")

#: HIPAA CMP table, effective-dated: per tier (min, max per violation), calendar-year cap per identical provision.
HIPAA_TABLE = pd.DataFrame(
    [("2009-02-18", 100, 50_000, 1_000, 50_000, 10_000, 50_000, 50_000, 1_500_000, 1_500_000, "V",
      "HITECH statutory base, 42 U.S.C. § 1320d-5 (mondaq 865568)"),
     ("2023-10-06", 137, 68_928, 1_379, 68_928, 13_785, 68_928, 68_928, 2_067_813, 2_067_813, "V",
      "2023 inflation adjustment (https://thehipaaetool.com/hipaa-penalties-updated-in-2023)"),
     ("2024-08-08", 141, 71_162, 1_424, 71_162, 14_232, 71_162, 71_162, 2_134_831, 2_134_831, "V",
      "89 FR 64815 (8 Aug 2024) (https://hipaatimes.com/higher-hipaa-penalties-announced)"),
     ("2026-01-28", 145, 73_011, 1_461, 73_011, 14_602, 73_011, 73_011, 2_190_294, 2_190_294, "V2",
      "91 FR 3665 (28 Jan 2026); amounts as printed by paubox.com / prospyrmed.com")],
    columns=["effective", "t1_min", "t1_max", "t2_min", "t2_max", "t3_min", "t3_max", "t4_min", "t4_max", "cap", "tag",
             "source"])
HIPAA_TABLE["effective"] = pd.to_datetime(HIPAA_TABLE["effective"])
#: OCR 2019 enforcement-discretion annual caps per tier, effective-dated (base V; 2023 D; 2024/2026 V2).
HIPAA_DISCRETION_CAPS = pd.DataFrame(
    [("2019-04-30", 25_000, 100_000, 250_000, 1_500_000, "V", "84 FR 18151 (30 Apr 2019)"),
     ("2023-10-06", 34_463.55, 137_854.20, 344_635.50, 2_067_813, "D",
      "2019 caps x 2,067,813/1,500,000 (the 2023 multiplier of the statutory cap)"),
     ("2024-08-08", 35_581, 142_355, 355_808, 2_134_831, "V2", "legallyfirm.com (secondary computation)"),
     ("2026-01-28", 36_505.50, 146_053, 365_052, 2_190_294, "V2", "calhipaa.com (secondary computation)")],
    columns=["effective", "t1", "t2", "t3", "t4", "tag", "source"])
HIPAA_DISCRETION_CAPS["effective"] = pd.to_datetime(HIPAA_DISCRETION_CAPS["effective"])
_HIPAA_TIERS = {1: "did not know", 2: "reasonable cause", 3: "willful neglect, corrected within 30 days",
                4: "willful neglect, not corrected"}

#: SEC cyber-disclosure penalties (company, year, USD, tag).
SEC_PRECEDENTS = pd.DataFrame(
    [("Mimecast", 2024, 990_000, "V"), ("Check Point", 2024, 995_000, "V"), ("Avaya", 2024, 1_000_000, "V"),
     ("Blackbaud", 2023, 3_000_000, "V"), ("Unisys", 2024, 4_000_000, "V")],
    columns=["company", "year", "penalty_usd", "tag"])
FTC_CIVIL_PENALTY = (pd.Timestamp("2025-01-17"), 53_088.0)

#: Currency -> USD. Stated assumption (approximate 2024 reference rates); pass ``fx=`` with the
#: ECB / Bank of England reference rate for the decision date.
DEFAULT_FX = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27}


# --------------------------------------------------------------------------- GDPR
def _art83(regime, tiers, currency, *, turnover, tier, seriousness, position, factors, proportionality,
           size_adjustment: bool) -> Calculation:
    tier = check_choice("tier", tier, tuple(tiers))
    seriousness = check_choice("seriousness", seriousness, tuple(EDPB_SERIOUSNESS))
    position = check_number("position", position, minimum=0, maximum=1)
    turnover = check_number("turnover", turnover, minimum=0, allow_none=True)
    proportionality = check_number("proportionality", proportionality, minimum=0.0)
    if proportionality == 0:
        raise InputError("proportionality", proportionality, "a multiplier greater than 0")
    factors = {} if factors is None else factors
    if not isinstance(factors, Mapping):
        raise InputError("factors", factors, "a mapping of Art. 83(2) factor to a signed share, e.g. {'f_cooperation': -0.1}")
    adj = 0.0
    for key, value in factors.items():
        check_choice("factors", key, ART83_2_FACTORS)
        adj += check_number(f"factors.{key}", value, minimum=-1, maximum=1)
    if 1 + adj <= 0:
        raise InputError("factors", factors, "adjustments summing to more than -1 (a fine stays positive)")
    notes: list[str] = []
    static, share, provisions = tiers[tier]
    if turnover is None:
        legal_max = static
        notes.append("Turnover not given: the static maximum applies and no size adjustment is made.")
    else:
        legal_max = max(static, share * turnover)
    sym = currency
    steps = [("1", f"classification {tier}: {provisions}; maximum {static:,.0f} {sym} or {share:.0%} of worldwide "
              f"turnover, whichever is higher", legal_max, _GDPR_SRC if regime.startswith("GDPR") else
              "UK GDPR Art. 83(4)-(5), https://nibusinessinfo.co.uk/content/gdpr-penalties-and-fines (V)")]
    a, b = EDPB_SERIOUSNESS[seriousness]
    start_lo, start_hi = a * legal_max, b * legal_max
    start = start_lo + position * (start_hi - start_lo)
    steps.append(("2a", f"seriousness '{seriousness}': starting amount {a:.0%}-{b:.0%} of the legal maximum "
                  f"(point at {position:.0%} of the band)", f"{start_lo:,.0f}-{start_hi:,.0f}; point {start:,.0f}",
                  f"{_EDPB_SRC} para. 60 (V2)"))
    if regime.startswith("UK"):
        notes.append("UK GDPR: the EDPB seriousness bands are used as an approximation; the ICO's own fining guidance "
                     "is not in sources (docs/sources.md).")
    lo_f = hi_f = pt_f = 1.0
    if size_adjustment and turnover is not None:
        band = EDPB_SIZE_BANDS[EDPB_SIZE_BANDS["turnover_up_to"] >= turnover].iloc[0]
        lo_f, hi_f = float(band["min_share"]), float(band["max_share"])
        pt_f = lo_f + position * (hi_f - lo_f)
        label = ("above EUR 500M: no size adjustment" if math.isinf(band["turnover_up_to"]) else
                 f"turnover up to EUR {band['turnover_up_to'] / 1e6:,.0f}M: {lo_f:.1%}-{hi_f:.1%} of the starting amount")
        steps.append(("2b", f"size of the undertaking ({label})", f"x {lo_f:g}-{hi_f:g}; point x {pt_f:g}",
                      f"{_EDPB_SRC} paras 65-66 ({band['tag']})"))
        if band["tag"] == "U":
            notes.append("The EDPB size band used here (EUR 2M-500M) is unverified (U): read para. 65 / Annex of the "
                         "v2.1 PDF before relying on it.")
    elif not size_adjustment:
        steps.append(("2b", "size adjustment: not applied for this regime", "x 1", "assumption (A)"))
    lo, hi, pt = start_lo * lo_f, start_hi * hi_f, start * pt_f
    mult = 1 + adj
    steps.append(("3", "aggravating (+) and mitigating (-) Art. 83(2) factors: " +
                  (", ".join(f"{k} {v:+.0%}" for k, v in factors.items()) or "none"), f"x {mult:g}",
                  "GDPR Art. 83(2)(c)-(k); EDPB 04/2022 ch. 5"))
    lo, hi, pt = lo * mult, hi * mult, pt * mult
    steps.append(("4", "legal maximum (cap)", legal_max, "GDPR Art. 83(4)-(6); EDPB 04/2022 ch. 6"))
    lo, hi, pt = min(lo, legal_max), min(hi, legal_max), min(pt, legal_max)
    steps.append(("5", "effectiveness, dissuasiveness and proportionality (Art. 83(1))", f"x {proportionality:g}",
                  "EDPB 04/2022 ch. 7"))
    lo, hi, pt = (min(v * proportionality, legal_max) for v in (lo, hi, pt))
    steps.append(("result", "fine: low / point / high", f"{lo:,.0f} / {pt:,.0f} / {hi:,.0f} {sym}", "arithmetic"))
    return Calculation(regime, lo, pt, hi, currency, steps_frame(steps), notes)


def gdpr_fine(*, turnover_eur: float | None, tier: str = "art83_4", seriousness: str = "medium", position: float = 0.5,
              factors: Mapping | None = None, proportionality: float = 1.0) -> Calculation:
    """GDPR Art. 83 fine following the five steps of EDPB Guidelines 04/2022.

    Step 1 classifies the infringement (Art. 83(4): EUR 10M or 2%; Art. 83(5): EUR 20M or 4%,
    whichever is higher). Step 2 takes the starting amount as a share of that legal maximum by
    seriousness (low 0-10%, medium 10-20%, high 20-100%) and adjusts it for the size of the
    undertaking (turnover up to EUR 500M). Step 3 applies aggravating and mitigating factors,
    step 4 the legal maximum, step 5 effectiveness and proportionality.

    Parameters
    ----------
    turnover_eur : float or None
        Worldwide annual turnover of the undertaking (group) in the preceding year, EUR.
    tier : {"art83_4", "art83_5"}, default="art83_4"
        Art. 32 security failures fall in 83(4); adding Art. 5(1)(f) moves the case to 83(5).
    seriousness : {"low", "medium", "high"}, default="medium"
    position : float in [0, 1], default=0.5
        Where in the seriousness band (and the size band) the point estimate lies.
    factors : mapping, optional
        Art. 83(2) factor (one of :data:`ART83_2_FACTORS`) -> signed share (+0.1 aggravates by 10%).
    proportionality : float, default=1.0
        Step-5 multiplier (> 0); the result stays under the legal maximum.

    Returns
    -------
    Calculation
        In EUR.

    Examples
    --------
    A EUR 2M-turnover undertaking, high seriousness, Art. 83(4): at most EUR 10M x 100% x 0.4% = EUR 40,000
    (EDPB 04/2022 paras 60 and 65):

    >>> gdpr_fine(turnover_eur=2e6, tier="art83_4", seriousness="high").high
    40000.0
    """
    return _art83("GDPR Art. 83 (EDPB 04/2022)", GDPR_TIERS, "EUR", turnover=turnover_eur, tier=tier,
                  seriousness=seriousness, position=position, factors=factors, proportionality=proportionality,
                  size_adjustment=True)


def uk_gdpr_fine(*, turnover_gbp: float | None, tier: str = "art83_4", seriousness: str = "medium",
                 position: float = 0.5, factors: Mapping | None = None, proportionality: float = 1.0) -> Calculation:
    """UK GDPR fine: GBP 8.7M or 2% (Art. 83(4)) / GBP 17.5M or 4% (Art. 83(5)), whichever is higher.

    Same steps as :func:`gdpr_fine` without the EDPB size bands (the ICO is not bound by them);
    the seriousness bands are the EDPB's, used as an approximation.

    Examples
    --------
    >>> uk_gdpr_fine(turnover_gbp=1e9, tier="art83_5", seriousness="high", position=1.0).high
    40000000.0
    """
    return _art83("UK GDPR Art. 83", UK_GDPR_TIERS, "GBP", turnover=turnover_gbp, tier=tier, seriousness=seriousness,
                  position=position, factors=factors, proportionality=proportionality, size_adjustment=False)


# --------------------------------------------------------------------------- HIPAA
def hipaa_penalty(violations: int, *, tier: int, date="2026-02-01", enforcement_discretion: bool = True,
                  provisions: int = 1, years: int = 1, per_violation: float | None = None) -> Calculation:
    """HIPAA civil money penalty (45 C.F.R. § 160.404) for one culpability tier.

    Per-violation minimum and maximum and the calendar-year cap for violations of an identical
    provision come from the effective-dated :data:`HIPAA_TABLE`; with ``enforcement_discretion``
    (OCR's 2019 notice, still applied) the lower per-tier annual caps of
    :data:`HIPAA_DISCRETION_CAPS` apply instead.

    Parameters
    ----------
    violations : int
        Violations of one identical provision in one calendar year (e.g. affected individuals).
    tier : {1, 2, 3, 4}
        1 did not know; 2 reasonable cause; 3 willful neglect corrected within 30 days; 4 not corrected.
    date : str, date or int, default="2026-02-01"
        Date the penalty is assessed (picks the inflation adjustment in force).
    enforcement_discretion : bool, default=True
    provisions, years : int, default=1
        Identical provisions violated and calendar years: each gets its own cap.
    per_violation : float, optional
        Amount per violation for the point estimate (default: midpoint of the tier range).

    Returns
    -------
    Calculation

    Examples
    --------
    Tier 4, 2 violations, assessed after 8 Aug 2024: 2 x $71,162 = $142,324 up to the annual cap $2,134,831:

    >>> r = hipaa_penalty(2, tier=4, date="2024-09-01", enforcement_discretion=False)
    >>> r.low, r.high
    (142324.0, 2134831.0)
    """
    n = check_number("violations", violations, minimum=0, integer=True)
    tier = check_number("tier", tier, minimum=1, maximum=4, integer=True)
    date = check_date("date", date)
    provisions = check_number("provisions", provisions, minimum=1, integer=True)
    years = check_number("years", years, minimum=1, integer=True)
    if not isinstance(enforcement_discretion, (bool, np.bool_)):
        raise InputError("enforcement_discretion", enforcement_discretion, "True or False")
    row = in_force_row(HIPAA_TABLE, date)
    if row is None:
        raise InputError("date", str(date.date()), "a date on or after 2009-02-18 (HITECH penalty tiers)")
    tmin, tmax, cap = float(row[f"t{tier}_min"]), float(row[f"t{tier}_max"]), float(row["cap"])
    notes: list[str] = []
    if row["effective"] == HIPAA_TABLE["effective"].iloc[0] and date >= pd.Timestamp("2016-01-01"):
        notes.append("The 2016-2022 inflation adjustments are not in sources (docs/sources.md); the statutory base amounts are shown.")
    if row["tag"] == "V2":
        notes.append("The amounts in force from 28 Jan 2026 are read in secondary sources (V2), not the FR table.")
    steps = [("1", f"tier {tier}: {_HIPAA_TIERS[tier]}", f"${tmin:,.0f}-${tmax:,.0f} per violation",
              f"45 CFR 160.404(b); {row['source']} ({row['tag']})"),
             ("2", "violations of an identical provision in a calendar year", n, "45 CFR 160.406")]
    cap_src = f"45 CFR 160.404(b) calendar-year cap ({row['source']})"
    if enforcement_discretion:
        d = in_force_row(HIPAA_DISCRETION_CAPS, date)
        if d is None:
            notes.append("Enforcement discretion starts 30 Apr 2019; the regulatory cap applies.")
        else:
            cap = float(d[f"t{tier}"])
            cap_src = f"OCR Notice of Enforcement Discretion, {d['source']} ({d['tag']})"
            if d["tag"] != "V":
                notes.append(f"The enforcement-discretion cap in force is tagged {d['tag']}: check the HHS figures.")
    steps.append(("3", "annual cap per identical provision", cap, cap_src))
    point_pv = (tmin + tmax) / 2 if per_violation is None else check_number(
        "per_violation", per_violation, minimum=tmin, maximum=tmax)
    lo, pt, hi = (min(n * v, cap) for v in (tmin, point_pv, tmax))
    steps.append(("4", "per provision-year: min(violations x amount, cap): low / point / high",
                  f"{lo:,.0f} / {pt:,.0f} / {hi:,.0f}", "arithmetic"))
    k = provisions * years
    steps.append(("5", f"x {provisions} provision(s) x {years} year(s)", k, "45 CFR 160.404(b) (cap per provision per year)"))
    if per_violation is None:
        notes.append("Point estimate uses the midpoint of the tier's per-violation range; OCR weighs 45 CFR 160.408 factors.")
    return Calculation("HIPAA 45 CFR 160.404", lo * k, pt * k, hi * k, "USD", steps_frame(steps), notes)


# --------------------------------------------------------------------------- NY SHIELD, FTC, SEC
def ny_shield_penalty(violations: int = 0, *, failed_notices: int = 0, per_violation: float | None = None) -> Calculation:
    """NY SHIELD Act civil penalties (AG enforcement only; no private right of action).

    Reasonable-safeguards failures (§ 899-bb) are enforced under GBL § 350-d: not more than
    $5,000 per violation. Knowing or reckless failures to notify (§ 899-aa(6)): $20 per failed
    notification, at most $250,000.

    Parameters
    ----------
    violations : int, default=0
        Safeguards violations the AG would count (the statute does not say how; an analyst's choice).
    failed_notices : int, default=0
        New York residents not notified (knowing or reckless failure).
    per_violation : float, optional
        Point estimate per safeguards violation, <= $5,000. Default: the log-midpoint between one
        violation and the maximum for all of them (a stated assumption).

    Examples
    --------
    >>> ny_shield_penalty(100, failed_notices=20_000).high
    750000.0
    """
    v = check_number("violations", violations, minimum=0, integer=True)
    f = check_number("failed_notices", failed_notices, minimum=0, integer=True)
    safeguards_max = 5_000.0 * v
    notice = min(20.0 * f, 250_000.0)
    notes = []
    if per_violation is None:
        pt_safe = math.sqrt(5_000.0 * safeguards_max) if v else 0.0
        notes.append("Point estimate for safeguards: log-midpoint between $5,000 and the maximum (assumption A).")
    else:
        pt_safe = check_number("per_violation", per_violation, minimum=0, maximum=5_000) * v
    steps = [("1", "safeguards violations (GBL § 899-bb) x up to $5,000 (GBL § 350-d)", safeguards_max,
              "https://www.nysenate.gov/legislation/laws/GBS/350-D (V); link to § 899-bb: lawgist.ai (V2)"),
             ("2", "failed notices x $20, capped at $250,000 (GBL § 899-aa(6))", notice,
              "https://www.bytebacklaw.com/2019/07/new-york-expands-the-data-security-requirements-and-increases-the-"
              "data-breach-penalties-for-entities-holding-new-yorkers-private-information/ (V)"),
             ("3", "total: low / point / high", f"0 / {pt_safe + notice:,.0f} / {safeguards_max + notice:,.0f}",
              "'not more than': the minimum is zero")]
    notes.append("Enforcement example: Wegmans, $400,000 (2022).")
    return Calculation("NY SHIELD (GBL §§ 899-aa, 899-bb, 350-d)", 0.0, pt_safe + notice, safeguards_max + notice, "USD",
                       steps_frame(steps), notes)


def ftc_exposure(order_violations: int = 0, *, date="2025-06-30") -> Calculation:
    """FTC Act § 5 posture: a first data-security order carries no civil penalty; order violations do.

    Examples
    --------
    >>> ftc_exposure(0).high, ftc_exposure(10).high
    (0.0, 530880.0)
    """
    n = check_number("order_violations", order_violations, minimum=0, integer=True)
    date = check_date("date", date)
    eff, amount = FTC_CIVIL_PENALTY
    notes = ["A first consent order typically requires a comprehensive security program for 20 years with biennial "
             "independent assessments (Equifax; sources §2.7); its compliance cost is not counted here."]
    if date < eff:
        notes.append("The per-violation amount before 17 Jan 2025 is not in sources (docs/sources.md); the 2025 amount is used.")
    steps = [("1", "first order under § 5(a): no civil penalty for the initial violation", 0.0,
              "15 U.S.C. § 45; sources §2.7 (V)"),
             ("2", "violations of an existing order or trade rule x civil penalty per violation", f"{n} x ${amount:,.0f}",
              "16 C.F.R. § 1.98; 90 FR 5580 (17 Jan 2025) (V)")]
    high = n * amount
    mid = math.sqrt(amount * high) if n else 0.0
    return Calculation("FTC Act § 5", 0.0, mid, high, "USD", steps_frame(steps), notes)


def sec_disclosure_penalty() -> Calculation:
    """SEC cyber-disclosure penalty: the documented range of settled precedents (USD).

    Examples
    --------
    >>> r = sec_disclosure_penalty(); r.low, r.median, r.high
    (990000.0, 1000000.0, 4000000.0)
    """
    p = SEC_PRECEDENTS["penalty_usd"].astype(float)
    steps = [(str(i + 1), f"{r.company} ({r.year})", float(r.penalty_usd), "helpnetsecurity 2024-10-25 / Hunton 2023-03-13 (V)")
             for i, r in enumerate(SEC_PRECEDENTS.itertuples())]
    steps.append(("result", "min / median / max of the precedents", f"{p.min():,.0f} / {p.median():,.0f} / {p.max():,.0f}",
                  "arithmetic"))
    return Calculation("SEC disclosure (precedent range)", float(p.min()), float(p.median()), float(p.max()), "USD",
                       steps_frame(steps), ["Applies to registrants only (Form 8-K Item 1.05; disclosure controls)."])
