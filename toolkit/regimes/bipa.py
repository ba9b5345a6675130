"""Illinois BIPA liquidated damages (740 ILCS 14/20): a claim of the class, biometric data only.

The statute has two tiers: USD 1,000 for each negligent violation and USD 5,000 for each
intentional or reckless one (740 ILCS 14/20(1)-(2)). The tier follows the matter's aggravation:
under willful disregard (``Case.willful_disregard``: warnings ignored, or previous infringements)
the class claims the reckless tier; otherwise (``no`` or ``unknown``) the negligent tier, which is
what the calculator used before the aggravation levers existed (unknown is neutral).
"""
from __future__ import annotations

from ..damages.statutory import bipa_damages
from ._registry import register
from .base import Context, Exposure, Regime

__all__ = ["BIPA", "bipa_culpability", "bipa_claim"]


def bipa_culpability(case) -> str:
    """``"reckless"`` under willful disregard, else ``"negligent"`` (the tier of :func:`bipa_damages`).

    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["biometric"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US-IL"])
    >>> bipa_culpability(case), bipa_culpability(case.replace(prior_warnings="yes"))
    ('negligent', 'reckless')
    """
    return "reckless" if case.willful_disregard == "yes" else "negligent"


def bipa_claim(case, persons: int, *, as_of):
    """The class's BIPA claim for ``persons`` Illinois persons: a :class:`~toolkit.damages.Calculation`.

    Used by the :class:`BIPA` regime and by the calibrated headline's statutory term
    (:func:`toolkit.calibration.structural.statutory_claims`), so both read the same tier. In the
    reckless tier the low end stays the negligent amount (recklessness is the class's to prove).

    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["biometric"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US-IL"], prior_warnings="yes")
    >>> calc = bipa_claim(case, 100, as_of="2025-06-30")
    >>> calc.low, calc.median, calc.high
    (100000.0, 500000.0, 500000.0)
    """
    return bipa_damages(persons, culpability=bipa_culpability(case), as_of=as_of)


def _tier_note(case) -> str:
    if bipa_culpability(case) == "reckless":
        return "reckless tier, USD 5,000 per violation (willful disregard: warnings ignored or previous infringements)"
    return "negligent tier, USD 1,000 per violation (no willful disregard stated; reckless USD 5,000 if shown)"


@register
class BIPA(Regime):
    """USD 1,000 (negligent) or, under willful disregard, 5,000 (reckless) per violation for Illinois persons."""

    name = "BIPA 740 ILCS 14/20"
    kind = "statutory_claim"
    effective_year = 2008

    def applies(self, case, regulators):
        return "US-IL" in case.jurisdictions and "biometric" in case.data_types

    def exposure(self, case, context: Context):
        n = int(context.residents.get("il_persons", case.class_size))
        year = case.incident_year
        calc = bipa_claim(case, n, as_of=f"{year}-06-30" if year else context.date)
        return Exposure(self.name, self.kind, None, calc.low, calc.median, calc.high, float(calc.high),
                        f"class claim: {n:,} Illinois persons, {_tier_note(case)}")
