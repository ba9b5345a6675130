"""Causation: P(the element is proven) and the attribution fraction of damages.

``P(causation) = logistic(causation_intercept + causation_slope * (causation_strength - 0.5)
- intervening_act_logit * [intervening criminal act] - prior_exposure_logit * prior_exposure)``

``attribution = (attribution_floor + (1 - attribution_floor) * causation_strength)
* (1 - prior_exposure_attribution * prior_exposure)``

Both are non-decreasing in ``causation_strength`` (``causation_slope >= 0``) and
non-increasing in ``prior_exposure``.

References
----------
Dittman v. UPMC (Pa. 2018): a criminal third party's act does not negate the duty (a
foreseeable intervening act does not break the chain of causation).
"""
from __future__ import annotations

from ._params import LiabilityParams, logistic

__all__ = ["causation_terms", "causation_probability", "attribution_fraction"]


def causation_terms(case, p: LiabilityParams) -> dict:
    """The additive terms of the causation logit."""
    return {
        "intercept": p.causation_intercept,
        "causation_strength": p.causation_slope * (case.causation_strength - 0.5),
        "intervening_criminal_act": -p.intervening_act_logit if case.intervening_criminal_act == "yes" else 0.0,
        "prior_exposure": -p.prior_exposure_logit * case.prior_exposure,
    }


def causation_probability(case, p: LiabilityParams) -> float:
    """P(causation proven)."""
    return logistic(sum(causation_terms(case, p).values()))


def attribution_fraction(case, p: LiabilityParams) -> float:
    """Share of the damages attributed to this exposure (0..1)."""
    base = p.attribution_floor + (1.0 - p.attribution_floor) * case.causation_strength
    return base * (1.0 - p.prior_exposure_attribution * case.prior_exposure)
