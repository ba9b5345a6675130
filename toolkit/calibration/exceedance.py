"""Exceedance curves P(amount > x) of the headline tracks (class settlement, penalties, AG settlements).

Read from ``Assessment.outcome_ranges`` only, like every other headline view: each track happens
with its ``probability`` and, if it happens, its amount is lognormal with the stated median and
with the 80% range ``low``–``high`` as its 10th and 90th percentiles (a split lognormal when the
range is not symmetric on the log scale). The curve therefore passes through
``probability × 0.9`` at ``low``, ``probability × 0.5`` at the median and ``probability × 0.1``
at ``high``.
"""
from __future__ import annotations

import math

import numpy as np

from .ranges import Z90

__all__ = ["exceedance", "range_survival"]


def range_survival(x, median: float, low: float, high: float) -> np.ndarray:
    """P(amount > x | it happens) for a split lognormal with P10 = ``low``, P50 = ``median``, P90 = ``high``.

    A side whose quantile equals the median (no spread that side) is a step: every amount below
    the median is exceeded, none above it.

    Examples
    --------
    >>> [round(float(v), 3) for v in range_survival([1e6, 4e6, 2e7], 4e6, 1e6, 2e7)]
    [0.9, 0.5, 0.1]
    >>> range_survival([1.0, 10.0], 0.0, 0.0, 0.0).tolist()   # an amount that never arises
    [0.0, 0.0]
    """
    from scipy.special import ndtr

    x = np.atleast_1d(np.asarray(x, dtype=float))
    if not median > 0:
        return np.zeros_like(x)
    log_m = math.log(median)
    s_lo = (log_m - math.log(low)) / Z90 if 0 < low < median else 0.0
    s_hi = (math.log(high) - log_m) / Z90 if high > median else 0.0
    z = np.log(np.maximum(x, 1e-300)) - log_m
    below = z < 0
    out = np.empty_like(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        out[below] = ndtr(-z[below] / s_lo) if s_lo > 0 else 1.0
        out[~below] = ndtr(-z[~below] / s_hi) if s_hi > 0 else 0.0
    out[x <= 0] = 1.0
    return out


def exceedance(ranges, x=None, *, points: int = 200):
    """P(amount > x) for each track of ``ranges`` (``Assessment.outcome_ranges``).

    Parameters
    ----------
    ranges : pandas.DataFrame or Assessment
        Indexed by track, columns ``probability``, ``low``, ``median``, ``high`` (USD); an
        assessment is read through its ``outcome_ranges``.
    x : array-like, optional
        Amounts (USD). Default: ``points`` amounts spaced evenly on a log scale from a tenth of
        the lowest ``low`` to ten times the highest ``high`` of the tracks that can happen.
    points : int, default=200
        Number of default amounts (ignored when ``x`` is given).

    Returns
    -------
    pandas.DataFrame
        Indexed by amount ``x``; one column per track that can happen (probability > 0 and a
        positive median), holding P(amount > x), unconditional (it includes the chance that the
        track does not happen at all).

    Raises
    ------
    toolkit.InputError
        ``ranges`` lacks one of the columns, or ``points`` is not a whole number >= 2.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"probability": [0.5], "low": [1e6], "median": [4e6], "high": [2e7]},
    ...                  index=["class_settlement"])
    >>> e = exceedance(r, x=[1e6, 4e6, 2e7])
    >>> [round(v, 3) for v in e["class_settlement"]]
    [0.45, 0.25, 0.05]
    """
    import pandas as pd

    from ..errors import InputError

    if hasattr(ranges, "outcome_ranges"):
        ranges = ranges.outcome_ranges
    missing = [c for c in ("probability", "low", "median", "high") if c not in getattr(ranges, "columns", ())]
    if missing:
        raise InputError("ranges", type(ranges).__name__,
                         "a table like Assessment.outcome_ranges (columns probability, low, median, high)",
                         f"missing {', '.join(missing)}")
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or points < 2:
        raise InputError("points", points, "a whole number >= 2")
    live = ranges[(ranges["probability"] > 0) & (ranges["median"] > 0)]
    if x is None:
        if len(live):
            lo = float(live["low"].where(live["low"] > 0, live["median"]).min()) / 10
            hi = float(live["high"].max()) * 10
        else:
            lo, hi = 1e3, 1e9
        x = np.geomspace(max(lo, 1.0), max(hi, 10.0), int(points))
    x = np.atleast_1d(np.asarray(x, dtype=float))
    data = {track: float(r["probability"]) * range_survival(x, float(r["median"]), float(r["low"]), float(r["high"]))
            for track, r in live.iterrows()}
    return pd.DataFrame(data, index=pd.Index(x, name="x"))
