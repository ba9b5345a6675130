"""Calibration of the headline numbers to the curated outcomes, and their measured error rate.

- :mod:`~toolkit.calibration.facts`: an outcome row -> the matter it came from (a Case).
- :mod:`~toolkit.calibration.structural`: the legal model's ratio (the levers' effect).
- :mod:`~toolkit.calibration.pooling`: log-linear regression with authority -> region -> global pooling.
- :mod:`~toolkit.calibration.headline`: :class:`HeadlineModel`, the calibrated level, spread and ranges.
"""
from __future__ import annotations

from .facts import case_from_outcome, outcome_track
from .headline import HeadlineModel, headline_features, jurisdiction_region, track_groups
from .pooling import PooledLogLinearRegressor
from .structural import (LEVER_FIELDS, reference_case, state_residents, statutory_claims, statutory_ratio,
                         structural_ratio)

__all__ = ["HeadlineModel", "PooledLogLinearRegressor", "case_from_outcome", "outcome_track", "headline_features",
           "track_groups", "jurisdiction_region", "LEVER_FIELDS", "reference_case", "structural_ratio",
           "statutory_claims", "statutory_ratio", "state_residents"]
