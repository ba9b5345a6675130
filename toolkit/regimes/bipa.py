"""Illinois BIPA liquidated damages (740 ILCS 14/20): a claim of the class, biometric data only."""
from __future__ import annotations

from ..damages.statutory import bipa_damages
from ._registry import register
from .base import Context, Exposure, Regime


@register
class BIPA(Regime):
    """USD 1,000 (negligent) to 5,000 (reckless) per violation for Illinois persons."""

    name = "BIPA 740 ILCS 14/20"
    kind = "statutory_claim"
    effective_year = 2008

    def applies(self, case, regulators):
        return "US-IL" in case.jurisdictions and "biometric" in case.data_types

    def exposure(self, case, context: Context):
        n = int(context.residents.get("il_persons", case.class_size))
        calc = bipa_damages(n, as_of=context.date)
        return Exposure(self.name, self.kind, None, calc.low, calc.median, calc.high, float(calc.high),
                        f"class claim: {n:,} Illinois persons, negligent-reckless")
