"""GDPR Art. 83 fines of an EU/EEA supervisory authority (EDPB Guidelines 04/2022)."""
from __future__ import annotations

import dataclasses

from ..damages.fines import gdpr_fine
from ..vocab import EU_EEA_STATES
from ._registry import register
from .base import Context, Regime, turnover_fine
from .factors import art83_factors, factors_note


@register
class GDPR(Regime):
    """One fine of the lead authority for an Art. 32 security failure; cap: Art. 83(5) (EUR 20M or 4% of turnover).

    Step 3 of the EDPB method takes the matter's Art. 83(2) factors (:mod:`toolkit.regimes.factors`).
    """

    name = "GDPR Art. 83 (EDPB 04/2022)"
    authorities = tuple(f"EU-{s}-DPA" for s in EU_EEA_STATES)
    effective_year = 2018

    def applies(self, case, regulators):
        return any(r in self.authorities for r in regulators)

    def exposure(self, case, context: Context):
        factors = art83_factors(case, regulators=context.regulators or None, parameters=context.parameters)
        exp = turnover_fine(self, case, context, lambda t, **kw: gdpr_fine(turnover_eur=t, factors=factors, **kw),
                            "EUR", 20e6, 0.04, "Art. 32 security failure; Art. 83(5) ceiling")
        return dataclasses.replace(exp, basis=exp.basis + "; " + factors_note(factors))
