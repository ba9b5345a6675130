"""Liability engine: duty, breach (Hand formula per control), causation, standing, defenses, fault.

Entry point: :func:`assess_liability` -> :class:`LiabilityAssessment`. The light
:func:`liability_probability` returns the probability alone for simulations. Parameters
are editable (:class:`LiabilityParams`, :func:`default_parameters`); the tables are
``data/controls.csv`` and ``data/jurisdictions.csv``.
"""
from __future__ import annotations

from ._params import LiabilityParams, default_parameters, resolve_params
from ._tables import jurisdiction_rules
from .assessment import LiabilityAssessment, LossOrigin, assess_liability, liability_probability
from .fault import allocate_fault, default_shares
from .standard_of_care import hand_test

__all__ = ["assess_liability", "liability_probability", "LiabilityAssessment", "LossOrigin", "LiabilityParams",
           "default_parameters", "resolve_params", "jurisdiction_rules", "hand_test", "allocate_fault",
           "default_shares"]
