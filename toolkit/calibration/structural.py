"""The legal model's part of the calibrated headline: how a matter's levers move it.

The calibrated headline (``toolkit.calibration.headline``) takes its **level and spread** from the
outcomes table and its **relative effects** from the legal model. The relative effect of a
matter's levers is a ratio: the matter's structural value against the same matter with every
lever at its neutral reference, raised to an elasticity.

- Class track: the structural value is the expected value of the class claim on the stage tree,
  ``P(survive dismissal) x P(class certification) x P(survive summary judgment) x P(liability)
  x (1 - P(reversal)) x attribution x payable share x (1 + statutory term)``, where the statutory
  term is the class's statutory damages (CCPA § 1798.150, BIPA) relative to its actual damages,
  weighted by the share of statutory exposure that settlements pay.
- Penalty tracks: the structural value is P(breach of the standard of care), the element that
  turns on the controls and ignored warnings, times the aggravation/mitigation multiplier of
  :mod:`toolkit.regimes.factors` (duration, mitigation, governance, previous infringements,
  cooperation, notification, financial benefit, willful disregard); the authorities weigh the same facts.
- The class value is also multiplied by the per-person cognizable harm (lost time, emotional
  distress, identity theft, credit monitoring offered), which only the harms and response levers move.

The levers are causation strength, the controls, prior warnings, evidence of misuse, the
intervening act, prior exposure, the provider's default, the defenses, the misconfigured layer,
the governance, response, harms and aggravation blocks and the analyst's stage-parameter overrides. Records, class size, data types, sector,
jurisdiction and authority are *not* levers: the empirical level already depends on them.
"""
from __future__ import annotations

import dataclasses
import math
from typing import Mapping

from ..case import Case
from ..vocab import CONTROLS

__all__ = ["RATIO_LOSS", "LEVER_FIELDS", "reference_case", "structural_terms", "structural_ratio"]

#: L of the Hand test inside the ratio (USD): 100,000 records (the median matter of the outcomes
#: table) at the liability engine's cost per record (USD 165, IBM Cost of a Data Breach 2023). The
#: ratio measures the levers at a typical matter's stakes, so that the matter's size enters the
#: headline once, through the empirical level, and never through the ratio.
RATIO_LOSS = 100_000 * 165.0

#: The Case fields the legal model owns (reset to their defaults in the reference matter).
LEVER_FIELDS = ("causation_strength", "controls", "prior_warnings", "evidence_of_misuse",
                "intervening_criminal_act", "prior_exposure", "provider_insecure_default", "defenses",
                "misconfigured_layer",
                # issue 18: the governance program, incident handling, harms and aggravation blocks (reset to
                # all-unknown in the reference matter, where every one of their effects is exactly neutral)
                "governance", "response", "harms", "aggravation")


def reference_case(case: Case) -> Case:
    """The same matter with every lever at its neutral default (unknown controls, causation 0.5, ...).

    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["ssn"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US"], causation_strength=0.9,
    ...             controls={"mfa": "no"})
    >>> ref = reference_case(case)
    >>> ref.causation_strength, ref.controls["mfa"], ref.records_exposed
    (0.5, 'unknown', 10)
    """
    defaults = {f.name: (f.default if f.default is not dataclasses.MISSING
                         else f.default_factory())  # type: ignore[operator]
                for f in dataclasses.fields(Case) if f.name in LEVER_FIELDS}
    defaults["controls"] = {c: "unknown" for c in CONTROLS}
    defaults["misconfigured_layer"] = None  # back to the default layer of the misconfiguration type
    return dataclasses.replace(case, **defaults)  # validated again by Case.__post_init__


def structural_terms(case: Case, *, loss: float | None = None, stage: dict | None = None,
                     liability_params=None, statutory_ratio: float = 0.0) -> dict:
    """The structural values of one matter: ``class_value`` and ``penalty_value``.

    Parameters
    ----------
    case : Case
    loss : float, optional
        L of the Hand test (defaults to the liability engine's records x cost per record).
    stage : dict, optional
        Stage parameters (:func:`toolkit.litigation.stage_parameters`); defaults when omitted.
    liability_params : optional
        Overrides of the liability parameters.
    statutory_ratio : float, default=0.0
        Statutory damages the class can claim, relative to its actual damages.
    """
    from ..liability import assess_liability
    from ..litigation import stage_parameters

    p = stage_parameters(stage)
    lia = assess_liability(case, loss=loss, params=liability_params)
    tree = p["p_class_certification"] * p["p_survive_summary_judgment"] * (1.0 - p["p_appeal_reversal"])
    statutory = 1.0 + p["statutory_settlement_share"] * max(float(statutory_ratio), 0.0)
    class_value = (lia.p_survive_dismissal * tree * lia.probability * lia.attribution
                   * lia.defendant_payable_share * statutory)
    # Class track: x the per-person cognizable harm (median), which moves only with the harms and response
    # levers (lost time, emotional distress, identity theft, credit monitoring offered as mitigation).
    # Penalty tracks: P(breach) x the aggravation/mitigation multiplier of toolkit.regimes.factors (GDPR Art.
    # 83(2), ICO notices, 45 CFR 160.408, notification deadlines); both are exactly 1 / unchanged when unknown.
    from ..damages.components import per_person_harm
    from ..regimes.factors import penalty_multiplier

    class_value *= max(per_person_harm(case), 0.01)
    penalty_value = lia.p_breach * penalty_multiplier(case, parameters=stage)
    # --------------------------------------------------------------------------------------------------------
    return {"class_value": float(class_value), "penalty_value": float(penalty_value), "liability": lia}


def _ratio(value: float, reference: float, elasticity: float) -> float:
    if reference <= 0 or value <= 0:
        return 1.0 if value == reference else (0.0 if value <= 0 else 1.0)
    return float(math.exp(elasticity * math.log(value / reference)))


#: Case fields that never enter a structural value (labels and citations): left out of the cache key.
_LABEL_FIELDS = ("name", "sources")
_REFERENCE_CACHE: dict = {}
_REFERENCE_CACHE_SIZE = 512


def _frozen(value):
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def _reference_terms(case: Case, loss: float, liability_params) -> dict:
    """``structural_terms`` of the matter's reference (default stage parameters, no statutory claim).

    The reference depends only on the fields that are not levers, so re-assessing a matter (a widget
    update, a tornado scenario, a portfolio of what-ifs) reuses it: cached per those fields and ``loss``
    (not cached with liability-parameter overrides), and per version of the liability engine's tables.
    """
    from ..liability import jurisdiction_rules

    if liability_params is not None:
        return structural_terms(reference_case(case), loss=loss, stage=None, liability_params=liability_params)
    # the liability engine's tables as it holds them (a new object after toolkit.liability's clear_cache)
    tables = jurisdiction_rules()
    key = (id(tables), float(loss)) + tuple((f.name, _frozen(getattr(case, f.name))) for f in dataclasses.fields(Case)
                                 if f.name not in LEVER_FIELDS and f.name not in _LABEL_FIELDS)
    hit = _REFERENCE_CACHE.get(key)
    if hit is None:
        terms = structural_terms(reference_case(case), loss=loss, stage=None)
        hit = {"class_value": terms["class_value"], "penalty_value": terms["penalty_value"],
               "tables": tables}  # held, so that its id is not reused while the entry lives
        if len(_REFERENCE_CACHE) >= _REFERENCE_CACHE_SIZE:
            _REFERENCE_CACHE.pop(next(iter(_REFERENCE_CACHE)))  # the oldest entry
        _REFERENCE_CACHE[key] = hit
    return hit


def structural_ratio(case: Case, *, loss: float | None = None, stage: dict | None = None,
                     liability_params=None, statutory_ratio: float = 0.0) -> dict:
    """How the matter's levers move each track against the same matter at its reference levers.

    Returns ``{"class_settlement": r, "regulatory_fine": r, "ag_settlement": r}``: multipliers of
    the empirical level (1 when every lever is at its reference). The Hand test inside the ratio
    uses ``loss`` (default :data:`RATIO_LOSS`, the same for every matter). The reference matter uses the
    default stage parameters and no statutory claim, so analyst overrides and statutory exposure
    move the ratio too.

    Examples
    --------
    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=100_000, data_types=["ssn"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US"])
    >>> structural_ratio(case)["class_settlement"]
    1.0
    >>> structural_ratio(case.replace(causation_strength=0.9))["class_settlement"] > 1
    True
    """
    from ..litigation import stage_parameters

    p = stage_parameters(stage)
    loss = RATIO_LOSS if loss is None else loss
    mine = structural_terms(case, loss=loss, stage=stage, liability_params=liability_params,
                            statutory_ratio=statutory_ratio)
    ref = _reference_terms(case, loss, liability_params)
    class_ratio = _ratio(mine["class_value"], ref["class_value"], p["merits_elasticity_class"])
    penalty_ratio = _ratio(mine["penalty_value"], ref["penalty_value"], p["merits_elasticity_penalty"])
    return {"class_settlement": class_ratio, "regulatory_fine": penalty_ratio, "ag_settlement": penalty_ratio,
            "liability": mine["liability"]}


# --------------------------------------------------------------------------- statutory claims
#: Resident population, 2020 Census apportionment counts (U.S. Census Bureau, "2020 Census
#: Apportionment Results", Table 1, https://www.census.gov/data/tables/2020/dec/2020-apportionment-data.html).
#: Used to estimate how many members of a nationwide class live in a state whose statute applies.
CENSUS_2020 = {"US": 331_449_281, "US-CA": 39_538_223, "US-NY": 20_201_249, "US-IL": 12_812_508}


def state_residents(case: Case) -> dict[str, int]:
    """Estimated class members resident in California, New York and Illinois.

    A matter pleaded only in a state's courts (``jurisdictions`` holds ``US-CA`` but not ``US``)
    is taken as a class of that state's residents; a nationwide matter (``US`` too) is apportioned by
    the state's share of the 2020 Census population.

    >>> case = Case(name="x", defendant="y", records_exposed=1_000_000, data_types=["ssn"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US", "US-CA"])
    >>> state_residents(case)["ca_residents"]
    119288
    """
    nationwide = "US" in case.jurisdictions
    assert case.class_size is not None  # a validated Case always has one
    out = {}
    for code, key in (("US-CA", "ca_residents"), ("US-NY", "ny_residents"), ("US-IL", "il_persons")):
        if code in case.jurisdictions:
            share = CENSUS_2020[code] / CENSUS_2020["US"] if nationwide else 1.0
            out[key] = int(case.class_size * share)
    return out


def statutory_claims(case: Case, parameters: dict | None = None):
    """The class's statutory damages claims (CCPA § 1798.150, BIPA): a DataFrame of the claims in force.

    Columns: regime, low, median, high (USD, the whole claim), basis. A claim is left out for an
    incident before its statute took effect (the regimes' ``in_force``: CCPA 2020, Cal. Civ. Code
    § 1798.198; BIPA 2008); BIPA needs biometric data and Illinois.
    The claims are the regimes' own (:func:`toolkit.regimes.ccpa.ccpa_claim`,
    :func:`toolkit.regimes.bipa.bipa_claim`), so willful disregard moves them here as it does in
    the regulatory table: BIPA to its reckless tier, the CCPA award up its range (``parameters``:
    stage-parameter overrides, ``ccpa_award_position_willful``).
    """
    import pandas as pd

    from ..regimes.bipa import BIPA, bipa_claim, bipa_culpability
    from ..regimes.ccpa import CCPA, ccpa_claim

    residents = state_residents(case)
    rows = []
    year = case.incident_year
    date = f"{year}-06-30" if year is not None else "2025-06-30"
    if "ca_residents" in residents and CCPA().in_force(year):
        calc = ccpa_claim(case, residents["ca_residents"], incident_date=date, parameters=parameters)
        rows.append((calc.regime, calc.low, calc.median, calc.high,
                     f"{residents['ca_residents']:,} California residents in the class"))
    if "il_persons" in residents and "biometric" in case.data_types and BIPA().in_force(year):
        calc = bipa_claim(case, residents["il_persons"], as_of=date)
        rows.append((calc.regime, calc.low, calc.median, calc.high,
                     f"{residents['il_persons']:,} Illinois persons, {bipa_culpability(case)} tier"))
    return pd.DataFrame(rows, columns=["regime", "low", "median", "high", "basis"])


def statutory_ratio(case: Case, class_damages_median: float | None = None, parameters: dict | None = None) -> float:
    """The class's statutory damages (median) relative to its actual damages (median); 0 without a claim.

    ``parameters``: stage-parameter overrides, passed to :func:`statutory_claims`.
    """
    claims = statutory_claims(case, parameters)
    if not len(claims):
        return 0.0
    if class_damages_median is None:
        from ..damages import estimate_damages

        class_damages_median = float(estimate_damages(case).class_damages["median"])
    return float(claims["median"].sum()) / max(float(class_damages_median), 1.0)
