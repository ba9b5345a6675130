"""HIPAA civil money penalties and resolution agreements (45 C.F.R. § 160.404), HHS OCR."""
from __future__ import annotations

import math

from ..damages.fines import hipaa_penalty
from ._registry import register
from .base import Context, Exposure, Regime

#: Identical provisions an OCR resolution typically cites (risk analysis, risk management, access
#: controls, audit controls, ...): a stated assumption that sets the ceiling at that many annual caps.
PROVISIONS_CEILING = 10


@register
class HIPAA(Regime):
    """Tiers 1-2 (3-4 with ignored warnings); the ceiling is ``PROVISIONS_CEILING`` tier-4 annual caps."""

    name = "HIPAA 45 CFR 160.404"
    authorities = ("US-HHS-OCR",)
    effective_year = 2009  # HITECH Act tiers

    def applies(self, case, regulators):
        return "US-HHS-OCR" in regulators

    def exposure(self, case, context: Context):
        warned = case.prior_warnings == "yes"
        lo_tier, hi_tier = (3, 4) if warned else (1, 2)
        lo = hipaa_penalty(max(case.records_exposed, 1), tier=lo_tier, date=context.date)
        hi = hipaa_penalty(max(case.records_exposed, 1), tier=hi_tier, date=context.date)
        top = hipaa_penalty(max(case.records_exposed, 1), tier=4, date=context.date, enforcement_discretion=False,
                            provisions=PROVISIONS_CEILING)
        median = math.sqrt(max(lo.median, 1) * max(hi.median, 1))
        return Exposure(self.name, self.kind, None, lo.low, median, hi.high, float(top.high),
                        f"tiers {lo_tier}-{hi_tier} ({'prior warnings ignored' if warned else 'no known prior warnings'}); "
                        f"ceiling: {PROVISIONS_CEILING} provisions x the tier-4 calendar-year cap")
