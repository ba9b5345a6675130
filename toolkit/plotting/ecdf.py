"""Empirical distribution functions of several samples on one log axis (breach sizes, fine amounts)."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .base import new_axes

__all__ = ["plot_ecdf"]


def plot_ecdf(samples: Mapping, *, xlabel: str, ylabel: str = "share at or below", title: str = "", ax=None):
    """One empirical CDF a sample, log x, each labelled with its number of positive values.

    Values that are missing, not numbers, or not above 0 are left out (a log axis has no place
    for them).

    Parameters
    ----------
    samples : mapping of str to array-like
        Label -> values.
    xlabel, ylabel, title : str
        Axis labels and title.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = plot_ecdf({"a": [1, 10, 100], "b": [5, None, 0, 50]}, xlabel="records")
    >>> [line.get_label() for line in ax.get_lines()]
    ['a (n=3)', 'b (n=2)']
    """
    ax = new_axes(ax, figsize=(8, 4.5))
    for name, values in samples.items():
        x = pd.to_numeric(pd.Series(values), errors="coerce").dropna()
        x = x[x > 0]
        ax.ecdf(x, label=f"{name} (n={len(x):,})")
    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(loc="lower right", fontsize="small")
    return ax
