"""GDPR Art. 83 fines of an EU/EEA supervisory authority (EDPB Guidelines 04/2022)."""
from __future__ import annotations

from ..damages.fines import gdpr_fine
from ..vocab import EU_EEA_STATES
from ._registry import register
from .base import Context, Regime, turnover_fine


@register
class GDPR(Regime):
    """One fine of the lead authority for an Art. 32 security failure; cap: Art. 83(5) (EUR 20M or 4% of turnover)."""

    name = "GDPR Art. 83 (EDPB 04/2022)"
    authorities = tuple(f"EU-{s}-DPA" for s in EU_EEA_STATES)
    effective_year = 2018

    def applies(self, case, regulators):
        return any(r in self.authorities for r in regulators)

    def exposure(self, case, context: Context):
        return turnover_fine(self, case, context, lambda t, **kw: gdpr_fine(turnover_eur=t, **kw), "EUR", 20e6, 0.04,
                             "Art. 32 security failure; Art. 83(5) ceiling")
