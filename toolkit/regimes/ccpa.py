"""CCPA § 1798.150 statutory damages: a claim of the class, in force from 2020-01-01."""
from __future__ import annotations

from ..damages.statutory import ccpa_statutory_damages
from ._registry import register
from .base import Context, Exposure, Regime


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
        calc = ccpa_statutory_damages(n, incident_date=f"{year}-06-30" if year else context.date)
        return Exposure(self.name, self.kind, None, calc.low, calc.median, calc.high, float(calc.high),
                        f"class claim: {n:,} California residents")
