"""Several matters, or what-ifs of one matter, side by side: the headline 80% ranges per track."""
from __future__ import annotations

import numpy as np

from .base import new_axes, usd, usd_axis
from .exceedance import TRACK_LABELS

__all__ = ["plot_comparison"]

_COLORS = {"class_settlement": "#d1495b", "regulatory_fine": "#2e4057", "ag_settlement": "#00798c"}


def plot_comparison(comparison, ax=None, *, tracks=("class_settlement", "regulatory_fine", "ag_settlement")):
    """One row per scenario and track: the 80% range (bar) and the median (diamond), log scale.

    Parameters
    ----------
    comparison : toolkit.compare.Comparison or pandas.DataFrame
        A comparison, or its ``table`` (columns ``<track>_probability/_low/_median/_high``).
    ax : matplotlib.axes.Axes, optional
    tracks : sequence of str
        Tracks to show (those that never happen in any scenario are left out).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"class_settlement_probability": [0.5, 0.6], "class_settlement_low": [1e6, 2e6],
    ...                   "class_settlement_median": [3e6, 5e6], "class_settlement_high": [9e6, 2e7]},
    ...                  index=pd.Index(["base", "what-if"], name="scenario"))
    >>> ax = plot_comparison(t)
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['base', 'what-if']
    """
    table = comparison.table if hasattr(comparison, "table") else comparison
    shown = [t for t in tracks if f"{t}_median" in table.columns
             and ((table[f"{t}_probability"] > 0) & (table[f"{t}_median"] > 0)).any()]
    n = len(table)
    ax = new_axes(ax, figsize=(7.5, 0.5 * max(n, 2) * max(len(shown), 1) + 1.2))
    k = max(len(shown), 1)
    height = 0.8 / k
    positives = []
    for j, track in enumerate(shown):
        for i, (_, row) in enumerate(table.iterrows()):
            p, lo, med, hi = (float(row[f"{track}_{c}"]) for c in ("probability", "low", "median", "high"))
            if not (p > 0 and med > 0):
                continue
            y = i + (j - (k - 1) / 2) * height
            lo = lo if lo > 0 else med
            positives += [lo, hi]
            ax.barh(y, hi - lo, left=lo, height=height * 0.8, color=_COLORS.get(track, "#595959"), alpha=0.85,
                    label=TRACK_LABELS.get(track, track) if i == 0 else None)
            ax.plot([med], [y], marker="D", ms=5, color="white", mec="#222222", mew=0.8, ls="none")
            ax.text(hi * 1.15, y, f"{usd(med)} (p={p:.0%})", va="center", fontsize=7.5, color="#222222")
    ax.set_yticks(np.arange(n), [str(i) for i in table.index])
    ax.invert_yaxis()
    ax.set_xscale("log")
    if positives:
        ax.set_xlim(min(positives) / 2, max(positives) * 12)
    usd_axis(ax.xaxis)
    ax.grid(axis="x", visible=True)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("USD, nominal (log scale): bar = 80% range, diamond = median; p = probability it happens")
    ax.set_title("Scenario comparison of the headline ranges")
    if shown:
        ax.legend(loc="lower right")
    return ax
