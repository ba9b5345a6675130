"""HIPAA civil money penalties and resolution agreements (45 C.F.R. § 160.404), HHS OCR.

Culpability picks the tiers (45 C.F.R. § 160.404(b)(2)): without willful disregard, tiers 1-2 (did not
know; reasonable cause). With it (``Case.willful_disregard``: warnings ignored or previous
infringements; willful neglect is "conscious, intentional failure or reckless indifference", § 160.401),
tier 3 when the violation was corrected within 30 days of discovery, tier 4 when it was not, and tiers
3-4 when that is unknown (:func:`toolkit.regimes.factors.corrected_within_30_days`). Within the tiers'
range the point moves with the § 160.408 factors (time period, history of prior compliance, and the
other factors of :mod:`toolkit.regimes.factors`): ``point = clamp(median x multiplier, low, high)``.
"""
from __future__ import annotations

import math

from ..damages.fines import hipaa_penalty
from ._registry import register
from .base import Context, Exposure, Regime
from .factors import corrected_within_30_days, penalty_multiplier

#: Identical provisions an OCR resolution typically cites (risk analysis, risk management, access
#: controls, audit controls, ...): a stated assumption that sets the ceiling at that many annual caps.
PROVISIONS_CEILING = 10


def hipaa_tiers(case) -> tuple[int, int, str]:
    """(lowest tier, highest tier, why) for a matter (45 C.F.R. § 160.404(b)(2)).

    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["health"], sector="healthcare",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US"])
    >>> hipaa_tiers(case)[:2], hipaa_tiers(case.replace(prior_warnings="yes"))[:2]
    ((1, 2), (3, 4))
    >>> hipaa_tiers(case.replace(prior_warnings="yes", corrected_within_30_days="no"))[:2]
    (4, 4)
    """
    if case.willful_disregard != "yes":
        return 1, 2, "no known willful neglect"
    corrected = corrected_within_30_days(case)
    if corrected == "yes":
        return 3, 3, "willful neglect, corrected within 30 days"
    if corrected == "no":
        return 4, 4, "willful neglect, not corrected within 30 days"
    return 3, 4, "willful neglect (warnings ignored or previous infringements); correction unknown"


@register
class HIPAA(Regime):
    """Tiers by culpability and correction; the ceiling is ``PROVISIONS_CEILING`` tier-4 annual caps."""

    name = "HIPAA 45 CFR 160.404"
    authorities = ("US-HHS-OCR",)
    effective_year = 2009  # HITECH Act tiers

    def applies(self, case, regulators):
        return "US-HHS-OCR" in regulators

    def exposure(self, case, context: Context):
        lo_tier, hi_tier, why = hipaa_tiers(case)
        n = max(case.records_exposed, 1)
        lo = hipaa_penalty(n, tier=lo_tier, date=context.date)
        hi = hipaa_penalty(n, tier=hi_tier, date=context.date)
        top = hipaa_penalty(n, tier=4, date=context.date, enforcement_discretion=False, provisions=PROVISIONS_CEILING)
        median = math.sqrt(max(lo.median, 1) * max(hi.median, 1))
        mult = penalty_multiplier(case, regulators=context.regulators or None, parameters=context.parameters)
        point = min(max(median * mult, lo.low), hi.high)
        return Exposure(self.name, self.kind, None, lo.low, point, hi.high, float(top.high),
                        f"tiers {lo_tier}-{hi_tier} ({why}); 45 CFR 160.408 factors x {mult:.2f} within the range; "
                        f"ceiling: {PROVISIONS_CEILING} provisions x the tier-4 calendar-year cap")
