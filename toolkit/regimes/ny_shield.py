"""New York SHIELD Act (GBL § 899-bb) penalties, enforced by the New York Attorney General."""
from __future__ import annotations

from ..damages.fines import ny_shield_penalty
from ._registry import register
from .base import Context, Exposure, Regime


@register
class NYShield(Regime):
    """USD 5,000 per safeguards violation (one per NY resident): the ceiling of the NY AG's penalty."""

    name = "NY SHIELD Act GBL § 899-bb"
    authorities = ("US-NY-AG",)
    effective_year = 2020  # the data-security requirements took effect on 2020-03-21

    def applies(self, case, regulators):
        return "US-NY-AG" in regulators

    def exposure(self, case, context: Context):
        n = int(context.residents.get("ny_residents", case.class_size))
        calc = ny_shield_penalty(n)
        return Exposure(self.name, self.kind, None, calc.low, calc.median, calc.high, float(calc.high),
                        f"{n:,} safeguards violations (one per NY resident)")
