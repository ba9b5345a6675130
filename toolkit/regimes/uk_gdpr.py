"""UK GDPR / DPA 2018 penalties of the Information Commissioner."""
from __future__ import annotations

import math

from ..damages.fines import uk_gdpr_fine
from ._registry import register
from .factors import art83_factors
from .base import Context, Exposure, Regime


@register
class UKGDPR(Regime):
    """ICO penalty for a security failure; cap: GBP 17.5M or 4% of turnover (DPA 2018 s.157)."""

    name = "UK GDPR Art. 83 / DPA 2018 s.155"
    authorities = ("GB-ICO",)
    effective_year = 2018

    def applies(self, case, regulators):
        return "GB-ICO" in regulators

    def exposure(self, case, context: Context):
        gbp = float(context.fx["GBP"])
        revenue = case.defendant_revenue_usd
        turnover = None if revenue is None else revenue / gbp
        # The ICO's penalty notices weigh the Art. 83(2) factors as the EDPB's step 3 does (British Airways,
        # 2020: mitigating factors -20%); toolkit.regimes.factors gives their shares.
        factors = art83_factors(case, regulators=context.regulators or None, parameters=context.parameters)
        calc = uk_gdpr_fine(turnover_gbp=turnover, tier="art83_4", seriousness=context.seriousness, factors=factors)
        cap = math.inf if turnover is None else max(17.5e6, 0.04 * turnover) * gbp
        return Exposure(self.name, self.kind, None, calc.low * gbp, calc.median * gbp, calc.high * gbp, cap,
                        f"'{context.seriousness}' seriousness; cap max(GBP 17.5M, 4% of turnover) "
                        f"{'(turnover unknown: no cap applied)' if turnover is None else ''}".strip()
                        + "; Art. 83(2) factors: " + (", ".join(f"{k} {v:+.0%}" for k, v in factors.items())
                                                       or "none stated"))
