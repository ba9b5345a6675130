"""CCPA § 1798.150 statutory damages: a claim of the class, in force from 2020-01-01.

USD 100-750 per consumer per incident (USD 107-799 from 1 Jan 2025, :data:`toolkit.damages.statutory.CCPA_AMOUNTS`).
The court sets the award within the range weighing, among others, "the persistence of the misconduct"
and "the willfulness of the defendant's misconduct" (§ 1798.150(a)(2)). Under willful disregard
(``Case.willful_disregard``: warnings ignored, or previous infringements) the award moves from the
midpoint up to the stage parameter ``ccpa_award_position_willful`` of the range (default 0.75, never
below the midpoint); otherwise it stays at the midpoint (unknown is neutral).

The CCPA's civil penalties (§ 1798.155, § 1798.199.90: up to USD 2,500 per violation, 7,500 per
intentional violation, enforced by the Attorney General and the CPPA) are not modelled as a regime.
"""
from __future__ import annotations

from typing import Mapping

from ..damages.statutory import ccpa_statutory_damages
from ._registry import register
from .base import Context, Exposure, Regime

__all__ = ["CCPA", "ccpa_award_position", "ccpa_claim"]


def ccpa_award_position(case, parameters: Mapping | None = None) -> float:
    """Where in the statutory range the award sits: 0.5 (midpoint), or ``ccpa_award_position_willful`` under
    willful disregard.

    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US-CA"])
    >>> ccpa_award_position(case), ccpa_award_position(case.replace(previous_infringements="yes"))
    (0.5, 0.75)
    """
    if case.willful_disregard != "yes":
        return 0.5
    from ..litigation import stage_parameters

    return float(stage_parameters(dict(parameters or {}))["ccpa_award_position_willful"])


def ccpa_claim(case, ca_residents: int, *, incident_date, parameters: Mapping | None = None):
    """The class's § 1798.150 claim: a :class:`~toolkit.damages.Calculation` with the award at
    :func:`ccpa_award_position`.

    Used by the :class:`CCPA` regime and by the calibrated headline's statutory term
    (:func:`toolkit.calibration.structural.statutory_claims`), so both set the same award.

    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US-CA"], prior_warnings="yes")
    >>> calc = ccpa_claim(case, 1_000, incident_date="2024-06-30")
    >>> calc.low, calc.median, calc.high
    (100000.0, 587500.0, 750000.0)
    """
    return ccpa_statutory_damages(ca_residents, incident_date=incident_date,
                                  award_position=ccpa_award_position(case, parameters))


@register
class CCPA(Regime):
    """USD 100-750 per California consumer per incident (USD 107-799 from 2025); the whole claim is its ceiling."""

    name = "CCPA § 1798.150"
    kind = "statutory_claim"
    effective_year = 2020

    def applies(self, case, regulators):
        return "US-CA" in case.jurisdictions

    def exposure(self, case, context: Context):
        n = int(context.residents.get("ca_residents", case.class_size))
        year = case.incident_year
        position = ccpa_award_position(case, context.parameters)
        calc = ccpa_claim(case, n, incident_date=f"{year}-06-30" if year else context.date,
                          parameters=context.parameters)
        award = "award at the midpoint of the range" if position == 0.5 else \
            f"award at {position:.0%} of the range (willful disregard, § 1798.150(a)(2))"
        return Exposure(self.name, self.kind, None, calc.low, calc.median, calc.high, float(calc.high),
                        f"class claim: {n:,} California residents; {award}")
