"""Fault share and payable share of each party."""
from __future__ import annotations

import numpy as np

from .base import new_axes, pct_axis

__all__ = ["plot_fault"]


def plot_fault(fault, ax=None, **kwargs):
    """Fault share and payable share of each party (``Assessment.fault``).

    Parameters
    ----------
    fault : pandas.DataFrame
        Columns ``party``, ``share``, ``payable_share``.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``ax.bar``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"party": ["customer", "provider"], "share": [0.9, 0.1], "payable_share": [1.0, 0.0]})
    >>> len(plot_fault(f).patches)
    4
    """
    ax = new_axes(ax, figsize=(6.5, 3.5))
    parties = list(fault["party"])
    x = np.arange(len(parties))
    ax.bar(x - 0.2, fault["share"], width=0.4, color="#2e4057", label="fault share", **kwargs)
    ax.bar(x + 0.2, fault["payable_share"], width=0.4, color="#f2c14e", label="payable share", **kwargs)
    ax.set_xticks(x, parties)
    ax.set_ylim(0, 1)
    pct_axis(ax.yaxis)
    ax.set_ylabel("share of damages")
    ax.set_title("Allocation of fault (shared-responsibility model and jurisdiction rule)")
    ax.legend(fontsize="small", frameon=False)
    return ax
