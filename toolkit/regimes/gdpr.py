"""GDPR Art. 83 fines of an EU/EEA supervisory authority (EDPB Guidelines 04/2022)."""
from __future__ import annotations

import math

from ..damages.fines import gdpr_fine
from ..vocab import EU_EEA_STATES
from .factors import art83_factors
from ._registry import register
from .base import Context, Exposure, Regime


@register
class GDPR(Regime):
    """One fine of the lead authority for an Art. 32 security failure; cap: Art. 83(5) (EUR 20M or 4% of turnover)."""

    name = "GDPR Art. 83 (EDPB 04/2022)"
    authorities = tuple(f"EU-{s}-DPA" for s in EU_EEA_STATES)
    effective_year = 2018

    def applies(self, case, regulators):
        return any(r in self.authorities for r in regulators)

    def exposure(self, case, context: Context):
        eur = float(context.fx["EUR"])
        revenue = case.defendant_revenue_usd
        turnover = None if revenue is None else revenue / eur
        factors = art83_factors(case, regulators=context.regulators or None, parameters=context.parameters)
        calc = gdpr_fine(turnover_eur=turnover, tier="art83_4", seriousness=context.seriousness, factors=factors)
        cap = math.inf if turnover is None else max(20e6, 0.04 * turnover) * eur
        return Exposure(self.name, self.kind, None, calc.low * eur, calc.median * eur, calc.high * eur, cap,
                        f"Art. 32 security failure, '{context.seriousness}' seriousness; turnover "
                        f"{'unknown (no cap applied)' if turnover is None else f'EUR {turnover:,.0f}'}; "
                        f"cap Art. 83(5): max(EUR 20M, 4% of turnover); step 3 Art. 83(2) factors: "
                        + (", ".join(f"{k} {v:+.0%}" for k, v in factors.items()) or "none stated"))
