"""Cross-check of the headline's conformal quantile against an established library (crepes)."""
from __future__ import annotations

import numpy as np
import pytest

from toolkit.calibration import HeadlineModel
from toolkit.calibration.fitted import training_rows

crepes = pytest.importorskip("crepes", reason="crepes (dev extra) is not installed")


def test_normalised_conformal_quantile_matches_crepes():
    """Same out-of-fold residuals and sigmas: crepes' normalised ConformalRegressor gives our half-width.

    crepes takes the rank ``int((1 - coverage) * (n + 1))`` from the top, which floating point can
    truncate one rank more conservatively than the exact ``ceil(coverage * (n + 1))`` from the bottom;
    so the two agree exactly when that product is exact, and otherwise crepes gives the next order
    statistic. At least one exact agreement is required.
    """
    exact = 0
    rows = training_rows()
    for coverage in (0.75, 0.8, 0.9):
        model = HeadlineModel(coverage=coverage).fit(None, rows=rows)
        for track in ("class_settlement", "regulatory_fine", "ag_settlement"):
            oof = model.oof_[model.oof_["track"] == track]
            residuals = (oof["y"] - oof["pred"]).to_numpy()
            sigmas = oof["scale"].to_numpy()
            scores = np.sort(np.abs(residuals) / sigmas)
            cr = crepes.ConformalRegressor().fit(residuals, sigmas=sigmas)
            theirs = float(cr.predict_int(np.zeros(1), sigmas=np.ones(1), confidence=coverage)[0, 1])
            ours = model.quantile_[track]
            rank = int(np.searchsorted(scores, ours))
            assert theirs == pytest.approx(ours, rel=1e-12) or theirs == pytest.approx(scores[rank + 1], rel=1e-12)
            exact += theirs == pytest.approx(ours, rel=1e-12)
    assert exact >= 1
