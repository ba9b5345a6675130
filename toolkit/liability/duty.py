"""Duty and foreseeability: P(a duty of reasonable care is found).

``P(duty) = logistic(duty_intercept + duty_direct_logit * sector_direct[sector]
+ duty_sensitivity_slope * max(sensitivity[t] for t in data_types)
+ duty_foreseeability_slope * foreseeability[misconfiguration_type])``

The relationship to the data subjects is read from the sector (a hospital, bank, retailer
or school deals with them directly; a processor or broker does not); the sensitivity of the
data from its most sensitive type; public exposure of the misconfiguration type from how
widely it is known as a breach cause. All weights are editable parameters.

References
----------
Dittman v. UPMC, 196 A.3d 1036 (Pa. 2018); In re Equifax, 362 F. Supp. 3d 1295 (N.D. Ga. 2019).
"""
from __future__ import annotations

from ._params import LiabilityParams, logistic

__all__ = ["duty_terms", "duty_probability"]


def duty_terms(case, p: LiabilityParams) -> dict:
    """The additive terms of the duty logit."""
    sens = max(p.sensitivity[t] for t in case.data_types)
    return {
        "intercept": p.duty_intercept,
        "relationship": p.duty_direct_logit * p.sector_direct[case.sector],
        "sensitivity": p.duty_sensitivity_slope * sens,
        "foreseeability": p.duty_foreseeability_slope * p.foreseeability[case.misconfiguration_type],
    }


def duty_probability(case, p: LiabilityParams) -> float:
    """P(duty found)."""
    return logistic(sum(duty_terms(case, p).values()))
