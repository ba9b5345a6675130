"""Exceedance curves P(amount > x) of the headline tracks (class settlement, penalties, AG settlements).

Read from ``result.outcome_ranges`` only, like every other headline view: each track happens with
its ``probability`` and, if it happens, its amount is lognormal with the stated median and with
the 80% range ``low``–``high`` as its 10th and 90th percentiles (a split lognormal when the
range is not symmetric on the log scale). The curve therefore passes through
``probability × 0.9`` at ``low``, ``probability × 0.5`` at the median and ``probability × 0.1``
at ``high``.
"""
from __future__ import annotations

import math

import numpy as np

from ..vocab import HEADLINE_TRACK_LABELS
from .base import new_axes, pct_axis, usd_axis

__all__ = ["exceedance", "plot_exceedance", "TRACK_LABELS"]

Z90 = 1.2815515655446004  # standard normal quantile at 0.90

#: Display names of the headline tracks.
TRACK_LABELS = HEADLINE_TRACK_LABELS  # the vocabulary's words, under the name the figures and exhibits use


def _survival(x, median, low, high):
    """P(amount > x | it happens) for a split lognormal with P10 = low, P50 = median, P90 = high."""
    from scipy.special import ndtr

    x = np.asarray(x, dtype=float)
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
        Amounts (USD). Default: ``points`` amounts spaced evenly on a log scale around every range.
    points : int, default=200

    Returns
    -------
    pandas.DataFrame
        Indexed by amount ``x``; one column per track that can happen (probability > 0 and a
        positive median), holding P(amount > x), unconditional (it includes the chance that the
        track does not happen at all).

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

    if hasattr(ranges, "outcome_ranges"):
        ranges = ranges.outcome_ranges
    live = ranges[(ranges["probability"] > 0) & (ranges["median"] > 0)]
    if x is None:
        if len(live):
            lo = float(live["low"].where(live["low"] > 0, live["median"]).min()) / 10
            hi = float(live["high"].max()) * 10
        else:
            lo, hi = 1e3, 1e9
        x = np.geomspace(max(lo, 1.0), max(hi, 10.0), points)
    x = np.asarray(x, dtype=float)
    data = {track: float(r["probability"]) * _survival(x, float(r["median"]), float(r["low"]), float(r["high"]))
            for track, r in live.iterrows()}
    frame = pd.DataFrame(data, index=pd.Index(x, name="x"))
    return frame


def plot_exceedance(source, ax=None, **kwargs):
    """Exceedance curves: the probability that each track costs more than x, for every x (log scale).

    Parameters
    ----------
    source : Assessment or pandas.DataFrame
        An assessment (read through ``outcome_ranges``) or the ranges table itself.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``ax.plot``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"probability": [0.5, 1.0], "low": [1e6, 1e5], "median": [4e6, 5e5],
    ...                   "high": [2e7, 3e6]}, index=["class_settlement", "regulatory_fine"])
    >>> ax = plot_exceedance(r)
    >>> len(ax.get_lines()), ax.get_xscale()      # a curve and its three range markers per track
    (4, 'log')
    """
    ranges = source.outcome_ranges if hasattr(source, "outcome_ranges") else source
    curves = exceedance(ranges)
    ax = new_axes(ax, figsize=(7.5, 4.2))
    colors = {"class_settlement": "#d1495b", "regulatory_fine": "#2e4057", "ag_settlement": "#00798c"}
    for track in curves.columns:
        r = ranges.loc[track]
        ax.plot(curves.index, curves[track], color=colors.get(track, "#595959"),
                label=f"{TRACK_LABELS.get(track, track)} (happens with probability {float(r['probability']):.0%})",
                **kwargs)
        marks = [v for v in (float(r["low"]), float(r["median"]), float(r["high"])) if v > 0]
        ax.plot(marks, exceedance(ranges.loc[[track]], x=marks)[track], ls="none", marker="o", ms=4,
                color=colors.get(track, "#595959"))
    ax.set_xscale("log")
    usd_axis(ax.xaxis)
    ax.set_ylim(0, 1.02)
    pct_axis(ax.yaxis)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel("amount x (USD, nominal, log scale); dots: low, median and high of the 80% range")
    ax.set_ylabel("probability the amount exceeds x")
    ax.set_title("Exceedance curves of the headline tracks")
    if len(curves.columns):
        ax.legend(loc="upper right")
    else:
        ax.text(0.5, 0.5, "no track with a positive amount", transform=ax.transAxes, ha="center")
    return ax
