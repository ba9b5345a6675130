"""Aggravating and mitigating factors of the penalty track, and the breach-notification deadlines.

Regulators weigh how a matter was run and handled, not only what was exposed. This module turns a
matter's governance, response and aggravation blocks into **signed shares** of a penalty, one per
factor, each with the provision that names it:

=====================  =============================================  ==================================
factor                 when it moves (``yes``/``no``; unknown = 0)    named by
=====================  =============================================  ==================================
duration               exposure window (days to detect + contain)     GDPR Art. 83(2)(a); 45 CFR 160.408(a)(2)
                       over 200 days: +; both known, 30 days or less: −
mitigation             credit monitoring offered: −                   GDPR Art. 83(2)(c); ICO penalty notices
governance             each program factor absent +, in place −       GDPR Art. 83(2)(d) (Arts 25, 32)
previous_infringements yes: +                                         GDPR Art. 83(2)(e); 45 CFR 160.408(c)
cooperation            yes: −; no (obstruction, concealment): +       GDPR Art. 83(2)(f)
notification           late: +; on time: −                            GDPR Art. 83(2)(h), Art. 33(1); 23 NYCRR
                                                                      500.17(a); 45 CFR 164.404(b); state laws
financial_benefit      yes: +                                         GDPR Art. 83(2)(k)
willful                warnings ignored (``prior_warnings`` yes): +   GDPR Art. 83(2)(b); 45 CFR 160.401, 160.404
=====================  =============================================  ==================================

The sizes are the stage parameters ``penalty_share_*`` (:mod:`toolkit.litigation.parameters`,
editable with ``parameters=``; magnitudes, the sign is fixed by the law's direction). The penalty
multiplier is ``1 + Σ shares`` (additive, as EDPB step 3 adjusts the starting amount), never below
``MULTIPLIER_FLOOR``. It scales the calculators (GDPR and UK GDPR as step 3; HIPAA within the tier's
range) and, through :func:`toolkit.calibration.structural.structural_terms`, the calibrated penalty
headline.

**Unknown is neutral**: an unknown answer (or an omitted day count) adds a share of exactly 0, so a
matter with every factor unknown has multiplier 1, the value before these levers existed and the
calibration's reference. The absence of a mitigating act (``offered_credit_monitoring: no``) and a
clean record (``previous_infringements: no``) are also 0: they are the expected baseline, not a
reason to raise the penalty.

References
----------
- Regulation (EU) 2016/679 (GDPR), Art. 83(2)(a)-(k) and Art. 33(1) (72 hours); EDPB Guidelines
  04/2022 on the calculation of administrative fines v2.1, ch. 5 (step 3).
- ICO penalty notice, British Airways plc (16 Oct 2020): GBP 30M reduced by 20% for mitigating
  factors (prompt notification, full cooperation, no financial benefit, compensation offered, no
  previous infringements), then GBP 4M for COVID-19: https://www.preiskel.com/british-airways-issued-20-million-fine-by-ico-for-data-breach/ ;
  https://www.cliffordchance.com/insights/resources/blogs/regulatory-investigations-financial-crime-insights/2020/10/ico-announces-significantly-reduced-gdpr-fine-for-british-airways.html
- 45 C.F.R. § 160.401 (willful neglect: "conscious, intentional failure or reckless indifference"),
  § 160.404(b)(2) (tiers; willful neglect corrected within 30 days or not), § 160.408 (factors:
  number of individuals and time period, harm, history of prior compliance):
  https://www.govregs.com/regulations/expand/title45_chapterA-i1_part160_subpartD_section160.404 ;
  https://www.ecfr.gov/cgi-bin/text-idx?mc=true&node=se45.2.160_1408&rgn=div8 ; § 164.404(b) (notice to
  individuals without unreasonable delay, at most 60 calendar days after discovery).
- 23 NYCRR 500.17(a)(1): notice to the superintendent "in no event later than 72 hours after determining
  that a cybersecurity incident has occurred": https://www.law.cornell.edu/regulations/new-york/23-NYCRR-500.17
- OCC, Capital One consent order (2020): the OCC "positively considered the bank's customer notification
  and remediation efforts": https://www.occ.gov/news-issuances/news-releases/2020/nr-occ-2020-101.html
"""
from __future__ import annotations

from typing import Mapping

__all__ = ["NOTIFICATION_DEADLINES", "DURATION_LONG_DAYS", "DURATION_SHORT_DAYS", "MULTIPLIER_FLOOR",
           "notification_deadlines", "late_notice", "corrected_within_30_days", "exposure_window", "response_window",
           "penalty_factors", "penalty_multiplier", "art83_factors", "factors_note"]

#: Exposure window above which the duration aggravates: IBM Cost of a Data Breach 2023 reports
#: breaches with a lifecycle over 200 days cost $4.95M against $3.93M under 200 days
#: (https://abnormalsecurity.com/blog/4-45-million-the-cost-of-a-data-breach-in-2023-says-ibm).
DURATION_LONG_DAYS = 200
#: Exposure window at or below which it mitigates: the 30-day correction period of 45 CFR 160.404(b)(2)(iii).
DURATION_SHORT_DAYS = 30
#: The multiplier never falls below this (mitigation cannot erase a penalty): a stated assumption.
MULTIPLIER_FLOOR = 0.25

_CORNELL_500 = "https://www.law.cornell.edu/regulations/new-york/23-NYCRR-500.17"
#: Breach-notification deadlines: (key, who it binds, deadline in days, to whom, first year in force,
#: provision, source, tag). ``binds`` is an authority code (the matter's regulators) or a jurisdiction
#: code (the matter's jurisdictions). Tags: V read in the cited page; V2 read at second hand; S the
#: provision's own text, cited but not retrieved for this table. States without a fixed number of days
#: ("most expedient time possible and without unreasonable delay", e.g. Cal. Civ. Code § 1798.82(a))
#: have no row: only ``notified_regulator_on_time`` can say they were missed.
NOTIFICATION_DEADLINES = (
    ("gdpr_art33", "EU-DPA", 3.0, "lead supervisory authority", 2018, "GDPR Art. 33(1): 72 hours",
     "https://gdpr-info.eu/art-33-gdpr/", "S"),
    ("uk_gdpr_art33", "GB-ICO", 3.0, "Information Commissioner", 2018, "UK GDPR Art. 33(1): 72 hours",
     "https://gdpr-info.eu/art-33-gdpr/ (retained in UK law)", "S"),
    ("nydfs_500_17", "US-NY-DFS", 3.0, "NYDFS superintendent", 2017, "23 NYCRR 500.17(a)(1): 72 hours",
     _CORNELL_500, "V"),
    ("hipaa_164_404", "US-HHS-OCR", 60.0, "individuals (and HHS for 500 or more)", 2009,
     "45 CFR 164.404(b), 164.408(b): at most 60 calendar days after discovery",
     "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-D", "S"),
    ("us_co", "US-CO", 30.0, "Colorado residents", 2018, "C.R.S. § 6-1-716(2): 30 days (HB18-1128)",
     "https://propertycasualty360.com/2018/06/08/new-colorado-law-sets-30-day-requirement-for-data-breach-notification-414-130042/", "V"),
    ("us_fl", "US-FL", 30.0, "Department of Legal Affairs (500 or more)", 2014, "Fla. Stat. § 501.171(3): 30 days",
     "http://www.pepperlaw.com/index.cfm?content=capabilities&action=view&id=74&subAction=content&subId=172", "V"),
    ("us_wa", "US-WA", 30.0, "Washington residents and the AG", 2020, "RCW 19.255.010: 30 days",
     "https://www.dwt.com/blogs/privacy--security-law-blog/2023/06/texas-data-breach-notification-law-update", "V2"),
    ("us_tx_ag", "US-TX", 30.0, "Texas AG (250 or more residents)", 2023,
     "Tex. Bus. & Com. Code § 521.053 (SB 768, from 1 Sep 2023): AG within 30 days; residents within 60",
     "https://www.dwt.com/blogs/privacy--security-law-blog/2023/06/texas-data-breach-notification-law-update", "V"),
    ("us_tx", "US-TX", 60.0, "Texas residents", 2009, "Tex. Bus. & Com. Code § 521.053(b): 60 days",
     "https://www.dwt.com/blogs/privacy--security-law-blog/2023/06/texas-data-breach-notification-law-update", "V"),
    ("us_ny", "US-NY", 30.0, "New York residents", 2025,
     "N.Y. Gen. Bus. Law § 899-aa(2) as amended by S2659B (signed 21 Dec 2024): 30 days after discovery",
     "https://www.covingtonblogs.com/2025/01/07/new-york-adopts-amendment-to-the-state-data-breach-notification-law/", "V"),
)


def _regulators(case, regulators) -> tuple[str, ...]:
    if regulators is not None:
        return tuple(regulators)
    from .authorities import matter_regulators

    return matter_regulators(case)[0]


def _binds(binds: str, case, regulators: tuple[str, ...]) -> bool:
    if binds == "EU-DPA":
        return any(r.startswith("EU-") and r.endswith("-DPA") for r in regulators)
    if binds.count("-") >= 2 or binds == "GB-ICO":
        return binds in regulators
    return binds in case.jurisdictions


def notification_deadlines(case, regulators=None):
    """The notification deadlines that bind a matter, and whether ``days_to_notify`` met each.

    A deadline binds when its authority acts on the matter (``regulators``; default the matter's own
    or the inferred ones) or its state is among the jurisdictions, and it was in force in the
    incident year (assumed in force when the year is unknown).

    Returns
    -------
    pandas.DataFrame
        key, deadline_days, to_whom, provision, source, tag, days_to_notify, status
        (``on time`` / ``late`` / ``unknown``).

    Examples
    --------
    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["ssn"], sector="finance",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US", "US-NY"],
    ...             regulators=["US-NY-DFS"], incident_year=2025, response={"days_to_notify": 10})
    >>> notification_deadlines(case)[["key", "status"]].values.tolist()
    [['nydfs_500_17', 'late'], ['us_ny', 'on time']]
    """
    import pandas as pd

    return pd.DataFrame(_deadline_rows(case, regulators),
                        columns=["key", "deadline_days", "to_whom", "provision", "source", "tag", "days_to_notify",
                                 "status"])


def _deadline_rows(case, regulators=None) -> list[tuple]:
    regs = _regulators(case, regulators)
    days = case.response["days_to_notify"]
    year = case.incident_year
    rows = []
    for key, binds, limit, whom, since, provision, source, tag in NOTIFICATION_DEADLINES:
        if not _binds(binds, case, regs) or (year is not None and year < since):
            continue
        status = "unknown" if days is None else ("late" if days > limit else "on time")
        rows.append((key, limit, whom, provision, source, tag, days, status))
    return rows


def late_notice(case, regulators=None) -> str:
    """``yes`` (late), ``no`` (on time) or ``unknown``.

    ``response.notified_regulator_on_time`` decides when stated; otherwise ``days_to_notify``
    against every binding deadline (late if any was missed, on time if all were met); unknown
    when neither is stated or no deadline with a number of days binds.
    """
    stated = case.response["notified_regulator_on_time"]
    if stated != "unknown":
        return "no" if stated == "yes" else "yes"
    if case.response["days_to_notify"] is None:
        return "unknown"
    statuses = [row[-1] for row in _deadline_rows(case, regulators)]
    if not statuses:
        return "unknown"
    return "yes" if "late" in statuses else "no"


def corrected_within_30_days(case) -> str:
    """``response.corrected_within_30_days``, else ``days_to_contain`` against the 30-day period."""
    stated = case.response["corrected_within_30_days"]
    if stated != "unknown":
        return stated
    days = case.response["days_to_contain"]
    if days is None:
        return "unknown"
    return "yes" if days <= DURATION_SHORT_DAYS else "no"


def exposure_window(case) -> tuple[float | None, str]:
    """(days, category): detect + contain where known; ``long``, ``short`` or ``unknown``.

    Long when the known days alone exceed :data:`DURATION_LONG_DAYS`; short when both are known and
    total at most :data:`DURATION_SHORT_DAYS`.
    """
    return response_window(case.response)


def response_window(response: Mapping) -> tuple[float | None, str]:
    """:func:`exposure_window` of a matter's ``response`` block (``days_to_detect``, ``days_to_contain``;
    a missing key is unknown).

    >>> response_window({"days_to_detect": 200, "days_to_contain": 90})
    (290.0, 'long')
    >>> response_window({"days_to_detect": 10})
    (10.0, 'unknown')
    """
    detect, contain = response.get("days_to_detect"), response.get("days_to_contain")
    parts = [d for d in (detect, contain) if d is not None]
    if not parts:
        return None, "unknown"
    total = float(sum(parts))
    if total > DURATION_LONG_DAYS:
        return total, "long"
    if len(parts) == 2 and total <= DURATION_SHORT_DAYS:
        return total, "short"
    return total, "unknown"


def penalty_factors(case, *, regulators=None, parameters: Mapping | None = None):
    """The signed penalty share of each factor for a matter (0 when unknown).

    Parameters
    ----------
    case : toolkit.Case
    regulators : tuple of str, optional
        Authorities acting (decides which notification deadlines bind); default the matter's own or inferred.
    parameters : mapping, optional
        Stage-parameter overrides (``penalty_share_*``); see :func:`toolkit.litigation.stage_parameters`.

    Returns
    -------
    pandas.DataFrame
        factor, art83 (the GDPR Art. 83(2) letter key of :data:`toolkit.damages.fines.ART83_2_FACTORS`),
        answer, share, parameter, basis.

    Examples
    --------
    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["ssn"], sector="finance",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US"], regulators=["US-FTC"])
    >>> float(penalty_factors(case)["share"].abs().sum())   # every factor unknown: no share at all
    0.0
    >>> t = penalty_factors(case.replace(cooperated_with_regulator="no"))
    >>> float(t.set_index("factor").loc["cooperation", "share"])
    0.15
    """
    import pandas as pd

    return pd.DataFrame(_factor_rows(case, regulators, parameters),
                        columns=["factor", "art83", "answer", "share", "parameter", "basis"])


def _factor_rows(case, regulators=None, parameters: Mapping | None = None) -> list[tuple]:
    from ..litigation import stage_parameters

    p = stage_parameters(dict(parameters or {}))
    rows = []

    def add(factor, art83, answer, share, parameter, basis):
        rows.append((factor, art83, answer, float(share), parameter, basis))

    days, window = exposure_window(case)
    share = {"long": p["penalty_share_long_duration"], "short": -p["penalty_share_short_duration"]}.get(window, 0.0)
    label = {"long": "long", "short": "short"}.get(window, "neutral")
    add("duration", "a_duration", "unknown" if days is None else f"{days:g} days ({label})", share,
        "penalty_share_long_duration / penalty_share_short_duration",
        "GDPR Art. 83(2)(a) duration; 45 CFR 160.408(a)(2) time period")
    offered = case.response["offered_credit_monitoring"]
    add("mitigation", "c_mitigation", offered, -p["penalty_share_mitigation"] if offered == "yes" else 0.0,
        "penalty_share_mitigation", "GDPR Art. 83(2)(c) action to mitigate the damage (credit monitoring offered); "
        "ICO British Airways penalty notice (2020): compensation offered among the mitigating factors")
    gov = case.governance
    net = sum(v == "no" for v in gov.values()) - sum(v == "yes" for v in gov.values())
    add("governance", "d_responsibility", f"{sum(v == 'no' for v in gov.values())} absent, "
        f"{sum(v == 'yes' for v in gov.values())} in place", p["penalty_share_governance"] * net,
        "penalty_share_governance (per factor)", "GDPR Art. 83(2)(d) technical and organisational measures "
        "(Arts 25, 32); OCC Capital One order (2020): risk assessment, internal audit, board oversight")
    prev = case.aggravation["previous_infringements"]
    add("previous_infringements", "e_previous_infringements", prev,
        p["penalty_share_previous_infringements"] if prev == "yes" else 0.0, "penalty_share_previous_infringements",
        "GDPR Art. 83(2)(e); 45 CFR 160.408(c) history of prior compliance")
    coop = case.response["cooperated_with_regulator"]
    add("cooperation", "f_cooperation", coop, {"yes": -p["penalty_share_cooperation"],
                                                "no": p["penalty_share_obstruction"]}.get(coop, 0.0),
        "penalty_share_cooperation / penalty_share_obstruction",
        "GDPR Art. 83(2)(f); ICO British Airways (2020): full cooperation mitigated; FTC Uber revised complaint "
        "(2018): the 2016 breach withheld from the Commission during its investigation")
    late = late_notice(case, regulators)
    add("notification", "h_how_known", {"yes": "late", "no": "on time"}.get(late, "unknown"),
        {"yes": p["penalty_share_late_notice"], "no": -p["penalty_share_prompt_notice"]}.get(late, 0.0),
        "penalty_share_late_notice / penalty_share_prompt_notice",
        "GDPR Art. 83(2)(h), Art. 33(1); 23 NYCRR 500.17(a); 45 CFR 164.404(b); state deadlines "
        "(NOTIFICATION_DEADLINES); ICO British Airways (2020): prompt notification mitigated")
    benefit = case.aggravation["financial_benefit"]
    add("financial_benefit", "k_other", benefit, p["penalty_share_financial_benefit"] if benefit == "yes" else 0.0,
        "penalty_share_financial_benefit", "GDPR Art. 83(2)(k) financial benefits gained or losses avoided")
    warned = case.prior_warnings
    add("willful", "b_intentional", warned, p["penalty_share_willful"] if warned == "yes" else 0.0,
        "penalty_share_willful", "GDPR Art. 83(2)(b) intentional or negligent character; 45 CFR 160.401 willful "
        "neglect (reckless indifference to the obligation)")
    return rows


def penalty_multiplier(case, *, regulators=None, parameters: Mapping | None = None) -> float:
    """``max(MULTIPLIER_FLOOR, 1 + Σ shares)``: 1 when every factor is unknown.

    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["ssn"], sector="finance",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US"], regulators=["US-FTC"])
    >>> penalty_multiplier(case), penalty_multiplier(case.replace(financial_benefit="yes"))
    (1.0, 1.15)
    """
    total = sum(row[3] for row in _factor_rows(case, regulators, parameters))
    return max(MULTIPLIER_FLOOR, round(1.0 + total, 12))


def art83_factors(case, *, regulators=None, parameters: Mapping | None = None) -> dict[str, float]:
    """The shares grouped by GDPR Art. 83(2) letter, for :func:`toolkit.damages.gdpr_fine` ``factors=``.

    The total is clipped so that ``1 + Σ`` stays at least :data:`MULTIPLIER_FLOOR` (the calculator
    refuses a non-positive fine).
    """
    out: dict[str, float] = {}
    for _, art83, _, share, _, _ in _factor_rows(case, regulators, parameters):
        if share != 0:
            out[art83] = out.get(art83, 0.0) + share
    positive = sum(v for v in out.values() if v > 0)
    negative = sum(v for v in out.values() if v < 0)
    if 1 + positive + negative < MULTIPLIER_FLOOR:  # only with analyst overrides: shrink the mitigation
        scale = (MULTIPLIER_FLOOR - 1 - positive) / negative
        out = {k: v * scale if v < 0 else v for k, v in out.items()}
    return out


def factors_note(factors: Mapping[str, float]) -> str:
    """The step-3 factors as text for an exposure's ``basis``.

    >>> factors_note({"f_cooperation": -0.05}), factors_note({})
    ('step 3 Art. 83(2) factors: f_cooperation -5%', 'step 3 Art. 83(2) factors: none stated')
    """
    return "step 3 Art. 83(2) factors: " + (", ".join(f"{k} {v:+.0%}" for k, v in factors.items()) or "none stated")
