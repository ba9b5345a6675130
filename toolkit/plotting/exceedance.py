"""Drawing of the exceedance curves P(amount > x) (the curves are :func:`toolkit.calibration.exceedance.exceedance`)."""
from __future__ import annotations

from ..vocab import HEADLINE_TRACK_LABELS
from .base import new_axes, pct_axis, usd_axis

__all__ = ["plot_exceedance", "TRACK_LABELS"]

#: Display names of the headline tracks.
TRACK_LABELS = HEADLINE_TRACK_LABELS  # the vocabulary's words, under the name the figures and exhibits use


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
    from ..calibration.exceedance import exceedance

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
