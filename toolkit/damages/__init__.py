"""Damages and regulatory exposure.

- :func:`estimate_damages` (cost components, class damages, per-record benchmarks),
- statutory damages: :func:`ccpa_statutory_damages`, :func:`bipa_damages`, :func:`state_private_rights`,
- fines: :func:`gdpr_fine`, :func:`uk_gdpr_fine`, :func:`hipaa_penalty`, :func:`ny_shield_penalty`,
  :func:`ftc_exposure`, :func:`sec_disclosure_penalty`, :func:`toolkit.regimes.regulatory_exposure` (moved),
- the empirical model :class:`OutcomeRegressor` (its featurisation the transformer
  :class:`OutcomeFeaturizer`), its baselines and :func:`validate`.

scikit-learn loads only when the regressor or the validation is first used.
"""
from __future__ import annotations

from ._common import Calculation
from .components import (DamagesEstimate, OutOfRangeWarning, economic_share, estimate_damages, jacobs_loglog,
                         per_record_models)
from .fines import (ftc_exposure, gdpr_fine, hipaa_penalty, ny_shield_penalty, 
                    sec_disclosure_penalty, uk_gdpr_fine)
from .statutory import bipa_damages, ccpa_statutory_damages, state_private_rights

__all__ = [
    "Calculation", "DamagesEstimate", "OutOfRangeWarning", "estimate_damages", "economic_share", "jacobs_loglog",
    "per_record_models",
    "ccpa_statutory_damages", "bipa_damages", "state_private_rights",
    "gdpr_fine", "uk_gdpr_fine", "hipaa_penalty", "ny_shield_penalty", "ftc_exposure", "sec_disclosure_penalty",
    "OutcomeRegressor", "OutcomeTypeMedianBaseline", "PerPersonMedianBaseline", "JacobsBaseline",
    "validate", "ValidationReport", "OutcomeFeaturizer",
]

_LAZY = {
    "OutcomeRegressor": "regressor", "OutcomeTypeMedianBaseline": "regressor", "PerPersonMedianBaseline": "regressor",
    "JacobsBaseline": "regressor", "validate": "validation", "ValidationReport": "validation",
    "load_validation": "validation",
    "OutcomeFeaturizer": "regressor",
}


def __getattr__(name):  # lazy: sklearn is imported only when the empirical model is used
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'toolkit.damages' has no attribute {name!r}")
