"""Stage parameters of a data-breach class action: defaults, sources, and validation.

One table holds every litigation parameter that is not fitted from data, with its value,
unit and source (or the stated assumption behind it). Analysts change values with
:func:`stage_parameters` overrides; every override is validated.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..errors import InputError

__all__ = ["Parameter", "DEFAULT_PARAMETERS", "stage_parameters", "parameters_table", "STAGES"]

#: The stages of the class-action track, in order.
STAGES = ("motion_to_dismiss", "class_certification", "summary_judgment", "trial", "appeal")


@dataclass(frozen=True)
class Parameter:
    """One editable parameter: value, unit, allowed range and provenance."""

    name: str
    value: float
    unit: str
    low: float
    high: float
    source: str
    tag: str  # V (read in the cited source), V2 (second hand), A (stated assumption)


_P = Parameter
DEFAULT_PARAMETERS: dict[str, Parameter] = {p.name: p for p in [
    _P("p_class_certification", 0.14, "probability", 0, 1,
       "Duane Morris Class Action Review 2024: certification granted in 14% of data-breach cases decided "
       "in 2023 (sources §1.8)", "V"),
    _P("p_survive_summary_judgment", 0.70, "probability", 0, 1,
       "Stated assumption: no published rate for data-breach class actions (sources §5 item 10); "
       "Edgeworth Economics (2024) reports that no data-breach class action has reached a verdict", "A"),
    _P("p_appeal_reversal", 0.15, "probability", 0, 1,
       "Stated assumption for the reversal of a plaintiffs' verdict on appeal", "A"),
    _P("cost_motion_to_dismiss", 0.4e6, "USD per side", 0, 1e9,
       "Stated assumption; total defence fees average about $2.1M per data-breach suit (Romanosky, Hoffman & "
       "Acquisti 2014, via McDonald Hopkins; sources §1.1), spread over the stages", "A"),
    _P("cost_class_certification", 0.8e6, "USD per side", 0, 1e9, "Stated assumption (as above)", "A"),
    _P("cost_summary_judgment", 0.6e6, "USD per side", 0, 1e9, "Stated assumption (as above)", "A"),
    _P("cost_trial", 2.5e6, "USD per side", 0, 1e9, "Stated assumption (as above)", "A"),
    _P("cost_appeal", 0.5e6, "USD per side", 0, 1e9, "Stated assumption (as above)", "A"),
    _P("months_motion_to_dismiss", 9, "months", 0, 120,
       "Stated assumption; mean suit duration 15 months in the Romanosky et al. 2011 workshop sample "
       "(sources §1.1)", "A"),
    _P("months_class_certification", 12, "months", 0, 120, "Stated assumption", "A"),
    _P("months_summary_judgment", 8, "months", 0, 120, "Stated assumption", "A"),
    _P("months_trial", 6, "months", 0, 120, "Stated assumption", "A"),
    _P("months_appeal", 14, "months", 0, 120, "Stated assumption", "A"),
    _P("discount_rate", 0.05, "per year", 0, 1, "Stated assumption (nominal annual discount rate)", "A"),
    _P("plaintiff_risk_tolerance", 100e6, "USD (0 = risk-neutral)", 0, 1e13,
       "Stated assumption: class counsel value a risky recovery by its certainty equivalent under "
       "exponential utility with this risk tolerance (a lower value = more risk-averse)", "A"),
    _P("defendant_risk_tolerance", 0.0, "USD (0 = risk-neutral)", 0, 1e13,
       "Stated assumption: an insured corporate defendant is taken as risk-neutral", "A"),
    _P("bargaining_power_low", 0.25, "share of the zone", 0, 1,
       "Stated assumption: the plaintiffs' bargaining power lies between 0.25 and 0.75 of the zone", "A"),
    _P("bargaining_power_high", 0.75, "share of the zone", 0, 1, "Stated assumption (as above)", "A"),
    _P("fee_share", 0.25, "share of the fund", 0, 1,
       "Fitzpatrick (2010), JELS 7(4): mean and median percentage-method fee about 25% "
       "(sources §1.8)", "V"),
    _P("p_regulatory_action", 0.35, "probability", 0, 1,
       "Stated assumption: probability that a regulator imposes a monetary penalty after a large exposure", "A"),
    _P("merits_elasticity_class", 0.5, "elasticity", 0, 2,
       "Stated assumption: the calibrated class settlement moves with the square root of the class claim's "
       "expected value against the same matter at its reference levers (1 = proportionally, 0 = not at all); "
       "the level and spread come from the outcomes table", "A"),
    _P("merits_elasticity_penalty", 0.5, "elasticity", 0, 2,
       "Stated assumption: calibrated penalties move with the square root of P(breach of the standard of care) "
       "against the same matter at its reference levers (regulators weigh the same controls and warnings: "
       "GDPR Art. 83(2)(b),(d); 45 CFR 160.408)", "A"),
    _P("statutory_settlement_share", 0.05, "share of statutory damages", 0, 1,
       "Stated assumption: the share of the class's statutory damages exposure (CCPA § 1798.150: USD 100-750 "
       "per consumer; BIPA: USD 1,000-5,000 per violation) that a settlement pays; settlements pay a small "
       "fraction of statutory exposure, e.g. a USD 100 payment to a California subclass (In re California "
       "Pizza Kitchen Data Breach Litig., 9th Cir. 2025)", "A"),
    _P("ccpa_award_position_willful", 0.75, "position in the statutory range (0 = minimum, 1 = maximum)", 0.5, 1,
       "Stated assumption on size: under willful disregard (warnings ignored or previous infringements, "
       "Case.willful_disregard) the CCPA § 1798.150 award per consumer moves from the midpoint three quarters of the "
       "way up the range, because § 1798.150(a)(2) tells the court to weigh 'the persistence of the misconduct' and "
       "'the willfulness of the defendant's misconduct'; at least 0.5, so aggravation never lowers the award", "A"),
    # Aggravating and mitigating factors of the penalty track (toolkit.regimes.factors), issue 18. Each is a
    # magnitude: the sign is the law's direction, fixed in code; an unknown answer adds nothing.
    *[_P(f"penalty_share_{key}", value, "share of the penalty", 0, 1, f"Stated assumption on size; {basis}", "A")
      for key, value, basis in (
          ("long_duration", 0.10, "aggravating: the exposure window (days to detect + contain) exceeded 200 days "
           "(GDPR Art. 83(2)(a) duration; 45 CFR 160.408(a)(2) time period; the 200-day line is IBM Cost of a Data "
           "Breach 2023's lifecycle split, https://abnormalsecurity.com/blog/4-45-million-the-cost-of-a-data-breach-in-2023-says-ibm)"),
          ("short_duration", 0.05, "mitigating: detected and contained within 30 days in all (the 30-day correction "
           "period of 45 CFR 160.404(b)(2)(iii))"),
          ("mitigation", 0.10, "mitigating: credit monitoring offered (GDPR Art. 83(2)(c)); anchor: the ICO cut its "
           "British Airways penalty by 20% for mitigating factors that included compensation offered, prompt notice "
           "and cooperation (penalty notice 16 Oct 2020, https://www.preiskel.com/british-airways-issued-20-million-fine-by-ico-for-data-breach/)"),
          ("governance", 0.03, "per governance factor absent (+) or in place (-) (GDPR Art. 83(2)(d); OCC Capital One "
           "consent order 2020: risk assessment, internal audit and board findings)"),
          ("previous_infringements", 0.20, "aggravating: previous infringements (GDPR Art. 83(2)(e); 45 CFR 160.408(c))"),
          ("cooperation", 0.05, "mitigating: cooperation with the regulator (GDPR Art. 83(2)(f); ICO British Airways "
           "2020: full cooperation among the mitigating factors)"),
          ("obstruction", 0.15, "aggravating: no cooperation, e.g. a breach withheld during an investigation (FTC "
           "Uber revised complaint, 2018, https://www.clearycyberwatch.com/2018/04/revised-ftc-uber-data-breach-settlement-include-second-breach-criticize-bug-bounty-payment/)"),
          ("late_notice", 0.10, "aggravating: a notification deadline missed (GDPR Art. 33(1) and 83(2)(h); 23 NYCRR "
           "500.17(a) 72 hours; 45 CFR 164.404(b) 60 days; state deadlines in toolkit.regimes.factors)"),
          ("prompt_notice", 0.05, "mitigating: notified on time (ICO British Airways 2020: prompt notification; OCC "
           "Capital One 2020 'positively considered the bank's customer notification')"),
          ("financial_benefit", 0.15, "aggravating: a finding that lax security saved the business money (GDPR Art. "
           "83(2)(k) financial benefits gained or losses avoided)"),
          ("willful", 0.20, "aggravating: warnings ignored and not remediated (GDPR Art. 83(2)(b); HIPAA willful "
           "neglect, 45 CFR 160.401: 'reckless indifference to the obligation to comply')"))],
    *[_P(f"p_money_{key}", value, "probability", 0, 1,
         f"Stated assumption, not calibrated (the outcomes table records money paid, not the matters that paid "
         f"nothing): the chance that {who} imposes or settles for any money after an exposure large enough to "
         f"litigate. {why}", "A")
      for key, value, who, why in (
          ("us_federal", 0.15, "a US federal agency (HHS OCR, FTC, SEC, OCC, FRB, CFPB, FCC)",
           "HHS OCR closes most of the several hundred large breaches reported each year without a resolution "
           "agreement (HHS OCR breach portal; annual reports to Congress)."),
          ("us_state", 0.30, "a US state regulator (NYDFS, CPPA)",
           "NYDFS has fined most covered entities whose breaches it investigated under 23 NYCRR 500."),
          ("state_ag", 0.15, "one state's attorney general", ""),
          ("multistate_ag", 0.35, "a multistate group of attorneys general",
           "Multistate settlements follow most nationwide exposures of millions of people."),
          ("gb", 0.10, "a UK authority (ICO, FCA, PRA)",
           "The ICO reprimands far more often than it fines (ICO enforcement action pages)."),
          ("eu", 0.20, "an EU/EEA data-protection authority", ""),
          ("apac", 0.30, "an Asia-Pacific authority (PDPC, PIPC, OAIC, PPC, PCPD)",
           "The Singapore PDPC publishes a decision, often with a financial penalty, on most breaches it investigates."),
          ("americas", 0.15, "a Canadian or Latin American authority", ""),
          ("other", 0.20, "another national authority (KVKK, ...)", ""))],
]}


def stage_parameters(overrides: dict | None = None) -> dict[str, float]:
    """Default values with validated overrides, as a plain ``{name: value}`` dict.

    Examples
    --------
    >>> stage_parameters({"p_class_certification": 0.3})["p_class_certification"]
    0.3
    """
    values = {name: p.value for name, p in DEFAULT_PARAMETERS.items()}
    for name, value in (overrides or {}).items():
        if name not in DEFAULT_PARAMETERS:
            from ..errors import suggest

            near = suggest(name, DEFAULT_PARAMETERS)
            raise InputError(f"parameters.{name}", name, "one of " + ", ".join(DEFAULT_PARAMETERS),
                             f"did you mean {near!r}?" if near else None)
        p = DEFAULT_PARAMETERS[name]
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or not np.isfinite(value) or not p.low <= value <= p.high:
            raise InputError(f"parameters.{name}", value, f"a number between {p.low:g} and {p.high:g} ({p.unit})")
        values[name] = float(value)
    if values["bargaining_power_low"] > values["bargaining_power_high"]:
        raise InputError("parameters.bargaining_power_low", values["bargaining_power_low"],
                         "a value not above bargaining_power_high")
    return values


def parameters_table(overrides: dict | None = None):
    """The parameter table (name, value, unit, tag, source) as a DataFrame, for reports.

    Built once per set of overrides (every assessment reports it); each call returns its own copy.
    """
    values = stage_parameters(overrides)
    return _parameters_table(tuple(values.items())).copy()


@functools.lru_cache(maxsize=64)
def _parameters_table(items: tuple):
    import pandas as pd

    values = dict(items)
    rows = [{"parameter": n, "value": values[n], "unit": p.unit,
             "tag": p.tag if values[n] == p.value else "analyst", "source": p.source}
            for n, p in DEFAULT_PARAMETERS.items()]
    return pd.DataFrame(rows)
