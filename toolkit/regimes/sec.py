"""SEC cyber-disclosure enforcement (Form 8-K Item 1.05; disclosure controls): precedent range."""
from __future__ import annotations

from ..damages.fines import sec_disclosure_penalty
from ._registry import register
from .base import Context, Exposure, Regime


@register
class SECDisclosure(Regime):
    """Registrants only: listed when ``US-SEC`` is among the matter's authorities."""

    name = "SEC cyber disclosure"
    authorities = ("US-SEC",)

    def applies(self, case, regulators):
        return "US-SEC" in regulators

    def exposure(self, case, context: Context):
        calc = sec_disclosure_penalty()
        return Exposure(self.name, self.kind, None, calc.low, calc.median, calc.high,
                        basis="registrant: precedent range of settled cyber-disclosure cases")
