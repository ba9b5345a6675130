"""UK GDPR / DPA 2018 penalties of the Information Commissioner."""
from __future__ import annotations

import dataclasses

from ..damages.fines import uk_gdpr_fine
from ._registry import register
from .base import Context, Regime, turnover_fine
from .factors import art83_factors, factors_note


@register
class UKGDPR(Regime):
    """ICO penalty for a security failure; cap: GBP 17.5M or 4% of turnover (DPA 2018 s.157).

    The ICO's penalty notices weigh the Art. 83(2) factors as the EDPB's step 3 does (British Airways,
    2020: mitigating factors -20%); :mod:`toolkit.regimes.factors` gives their shares.
    """

    name = "UK GDPR Art. 83 / DPA 2018 s.155"
    authorities = ("GB-ICO",)
    effective_year = 2018

    def applies(self, case, regulators):
        return "GB-ICO" in regulators

    def exposure(self, case, context: Context):
        factors = art83_factors(case, regulators=context.regulators or None, parameters=context.parameters)
        exp = turnover_fine(self, case, context, lambda t, **kw: uk_gdpr_fine(turnover_gbp=t, factors=factors, **kw),
                            "GBP", 17.5e6, 0.04, "security failure; DPA 2018 s.157 ceiling")
        return dataclasses.replace(exp, basis=exp.basis + "; " + factors_note(factors))
