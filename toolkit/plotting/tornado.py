"""Tornado: how far the median settlement moves when one input changes, centred on the assessment's median."""
from __future__ import annotations

import numpy as np

from .base import new_axes, tex_safe, usd, usd_axis

__all__ = ["plot_tornado", "tornado_frame"]


def tornado_frame(source):
    """The tornado as drawn: ``input, low, high, centre, low_change, high_change`` (USD).

    Parameters
    ----------
    source : Assessment or pandas.DataFrame
        An assessment (its ``tornado`` table, centred on its own median
        ``result.outcome_ranges.loc["class_settlement", "median"]``), or a table from
        :func:`toolkit.assess.sensitivity` (centred on its ``base`` column).

    Notes
    -----
    The sensitivity runs use common random numbers on fewer paths than the assessment; the
    *changes* they measure are moved onto the assessment's median, so every exhibit quotes one
    median.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"input": ["a"], "low": [8.0], "high": [15.0], "base": [10.0], "swing": [7.0]})
    >>> tornado_frame(t)[["low_change", "high_change", "centre"]].iloc[0].tolist()
    [-2.0, 5.0, 10.0]
    """
    import pandas as pd

    if hasattr(source, "tornado") and hasattr(source, "outcome_ranges"):
        table = source.tornado
        centre = float(source.outcome_ranges.loc["class_settlement", "median"])
    else:
        table = source
        centre = float(table["base"].iloc[0]) if len(table) else float("nan")
    if not len(table):
        return pd.DataFrame(columns=["input", "low", "high", "centre", "low_change", "high_change"])
    base = table["base"].to_numpy(dtype=float)
    low_change = table["low"].to_numpy(dtype=float) - base
    high_change = table["high"].to_numpy(dtype=float) - base
    return pd.DataFrame({"input": list(table["input"]), "low": centre + low_change, "high": centre + high_change,
                         "centre": centre, "low_change": low_change, "high_change": high_change})


def plot_tornado(source, ax=None, **kwargs):
    """Horizontal tornado: each input's low and high effect on the median settlement.

    Parameters
    ----------
    source : Assessment or pandas.DataFrame
        See :func:`tornado_frame`; with an assessment the axis is centred on its own median.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``ax.barh``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"input": ["a", "b"], "low": [8.0, 9.0], "high": [15.0, 11.0], "base": 10.0,
    ...                   "swing": [7.0, 2.0]})
    >>> ax = plot_tornado(t)
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['a', 'b']
    """
    frame = tornado_frame(source)
    ax = new_axes(ax, figsize=(7.5, 0.45 * max(len(frame), 4) + 1.2))
    if len(frame) == 0:
        ax.set_title("No sensitivity inputs")
        return ax
    centre = float(frame["centre"].iloc[0])
    y = np.arange(len(frame))[::-1]
    ax.barh(y, frame["low_change"], color="#2e4057", label="low value", **kwargs)
    ax.barh(y, frame["high_change"], color="#d1495b", label="high value", **kwargs)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, list(frame["input"]))
    usd_axis(ax.xaxis)
    ax.set_xlabel(tex_safe(f"change in the median settlement from {usd(centre)} (USD)"))
    ax.set_title("Sensitivity of the median settlement (common random numbers)")
    ax.legend(loc="lower right", fontsize="small", frameon=False)
    return ax
