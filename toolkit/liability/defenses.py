"""Affirmative defenses: each raised defense multiplies the liability probability by (1 - effect).

Effects are the editable parameter ``defense_effect`` (defaults, all stated assumptions):

- ``vendor_documentation`` 0.15: the defendant followed the provider's documentation;
- ``soc2`` 0.05, ``iso27001`` 0.05: certified processes are evidence of care, not of the
  configuration that failed;
- ``sophisticated_attack`` 0.10: rare for a misconfiguration found by scanning;
- ``disclosed_risk`` 0.05: the risk was disclosed to the data subjects.

>>> from toolkit.liability._params import LiabilityParams
>>> round(defense_factor(("soc2", "iso27001"), LiabilityParams()), 4)
0.9025
"""
from __future__ import annotations

from ._params import LiabilityParams

__all__ = ["defense_factor", "defense_factors"]


def defense_factors(defenses, p: LiabilityParams) -> dict:
    """``{defense: 1 - effect}`` for each raised defense."""
    return {d: 1.0 - p.defense_effect[d] for d in defenses}


def defense_factor(defenses, p: LiabilityParams) -> float:
    """The product of the factors of the raised defenses (1 when none)."""
    out = 1.0
    for f in defense_factors(defenses, p).values():
        out *= f
    return out
