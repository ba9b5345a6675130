"""Calibration of the headline numbers to the curated outcomes, and their measured error rate.

- :mod:`~toolkit.calibration.facts`: an outcome row -> the matter it came from (a Case).
- :mod:`~toolkit.calibration.structural`: the legal model's ratio (the levers' effect).
- :mod:`~toolkit.calibration.pooling`: log-linear regression with authority -> region -> global pooling.
- :mod:`~toolkit.calibration.headline`: :class:`HeadlineModel`, the calibrated level, spread and ranges.
- :mod:`~toolkit.calibration.prediction`: what the two estimators predict with, without scikit-learn.
- :mod:`~toolkit.calibration.fitted`: the models fitted on the curated outcomes, cached (also on disk).

scikit-learn loads only when an estimator (:class:`HeadlineModel`, :class:`PooledLogLinearRegressor`)
is first used: an assessment that reads a cached fit never imports it.
"""
from __future__ import annotations

from .facts import case_from_outcome, outcome_track
from .prediction import headline_features, jurisdiction_region, track_groups
from .structural import (LEVER_FIELDS, reference_case, state_residents, statutory_claims, statutory_ratio,
                         structural_ratio)

__all__ = ["HeadlineModel", "PooledLogLinearRegressor", "case_from_outcome", "outcome_track", "headline_features",
           "track_groups", "jurisdiction_region", "LEVER_FIELDS", "reference_case", "structural_ratio",
           "statutory_claims", "statutory_ratio", "state_residents"]

_LAZY = {"HeadlineModel": "headline", "PooledLogLinearRegressor": "pooling"}


def __getattr__(name):  # lazy: scikit-learn is imported only when an estimator is used
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'toolkit.calibration' has no attribute {name!r}")
