"""Exceedance curves from the headline ranges: through the range's quantiles, monotone, clear errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import InputError
from toolkit.calibration.exceedance import exceedance, range_survival


def ranges(**tracks):
    return pd.DataFrame.from_dict(tracks, orient="index", columns=["probability", "low", "median", "high"])


def test_the_curve_passes_through_the_stated_quantiles():
    r = ranges(class_settlement=[0.4, 2e6, 1e7, 9e7], regulatory_fine=[1.0, 1e5, 3e5, 2e6])
    for track, row in r.iterrows():
        e = exceedance(r, x=[row["low"], row["median"], row["high"]])[track].to_numpy()
        assert e == pytest.approx(row["probability"] * np.array([0.9, 0.5, 0.1]), rel=1e-9)


def test_curves_are_non_increasing_and_bounded():
    r = ranges(class_settlement=[0.7, 1e6, 5e6, 1e8])
    e = exceedance(r, points=500)["class_settlement"].to_numpy()
    assert np.all(np.diff(e) <= 1e-15) and e[0] <= 0.7 + 1e-12 and e[-1] >= 0
    assert e[0] > 0.7 * 0.9 and e[-1] < 0.7 * 0.1   # the default amounts run past both ends of the range


def test_the_split_lognormal_matches_a_sample():
    rng = np.random.default_rng(5)
    z = rng.standard_normal(400_000)
    s_lo, s_hi, median = 0.8, 1.6, 1e6      # a skewed range: wider above the median
    sample = median * np.exp(np.where(z < 0, s_lo * z, s_hi * z))
    low, high = np.percentile(sample, [10, 90])
    x = np.geomspace(1e4, 1e8, 25)
    empirical = (sample[:, None] > x).mean(axis=0)
    assert range_survival(x, median, low, high) == pytest.approx(empirical, abs=0.005)


def test_tracks_that_cannot_happen_are_left_out():
    r = ranges(class_settlement=[0.5, 1e6, 4e6, 2e7], ag_settlement=[0.0, 0.0, 0.0, 0.0])
    assert list(exceedance(r).columns) == ["class_settlement"]


def test_bad_input_names_the_field():
    with pytest.raises(InputError, match="ranges"):
        exceedance(pd.DataFrame({"probability": [0.5]}))
    with pytest.raises(InputError, match="points"):
        exceedance(ranges(class_settlement=[0.5, 1e6, 4e6, 2e7]), points=1)
