"""State breach laws with a private right of action but no statutory amount (actual damages)."""
from __future__ import annotations

import math

from ..damages.statutory import private_right_states
from ._registry import register
from .base import Context, Exposure, Regime


@register
class StatePrivateRights(Regime):
    """Listed for the record; they put no number on the matter (the class's actual damages do)."""

    name = "state breach laws (private right of action)"
    kind = "private_right"

    def applies(self, case, regulators):
        return len(private_right_states([j for j in case.jurisdictions if j != "US-CA"])) > 0

    def exposure(self, case, context: Context):
        rows = private_right_states([j for j in case.jurisdictions if j != "US-CA"])
        names = ", ".join(state for state, _ in rows)
        measure = "; ".join(sorted({m for _, m in rows}))
        return Exposure(f"{names} breach law (private right of action)", self.kind, None, math.nan, math.nan,
                        math.nan, basis=measure)
