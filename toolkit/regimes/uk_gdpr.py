"""UK GDPR / DPA 2018 penalties of the Information Commissioner."""
from __future__ import annotations

from ..damages.fines import uk_gdpr_fine
from ._registry import register
from .base import Context, Regime, turnover_fine


@register
class UKGDPR(Regime):
    """ICO penalty for a security failure; cap: GBP 17.5M or 4% of turnover (DPA 2018 s.157)."""

    name = "UK GDPR Art. 83 / DPA 2018 s.155"
    authorities = ("GB-ICO",)
    effective_year = 2018

    def applies(self, case, regulators):
        return "GB-ICO" in regulators

    def exposure(self, case, context: Context):
        return turnover_fine(self, case, context, lambda t, **kw: uk_gdpr_fine(turnover_gbp=t, **kw), "GBP", 17.5e6,
                             0.04, "security failure; DPA 2018 s.157 ceiling")
