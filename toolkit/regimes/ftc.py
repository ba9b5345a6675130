"""FTC Act § 5 orders (no civil penalty for a first order; conduct remedies)."""
from __future__ import annotations

from ..damages.fines import ftc_exposure
from ._registry import register
from .base import Context, Exposure, Regime


@register
class FTCAct(Regime):
    """A first § 5 order carries no civil penalty; money comes from consent settlements and redress."""

    name = "FTC Act § 5"
    authorities = ("US-FTC",)

    def applies(self, case, regulators):
        return "US-FTC" in regulators

    def exposure(self, case, context: Context):
        calc = ftc_exposure(0)
        return Exposure(self.name, self.kind, None, calc.low, calc.median, calc.high, basis=
                        "first § 5 order: no civil penalty; conduct remedies for 20 years (money in the data comes "
                        "from consent judgments and redress: see the calibrated range)")
