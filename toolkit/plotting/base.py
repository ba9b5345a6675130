"""What every plot of the toolkit shares: a new axes when none is given, and the USD formatter.

Plot functions follow lifelines/statsmodels: ``plot_*(..., ax=None, **kwargs)`` draws only in
``ax`` (a new figure's axes when ``ax`` is None, never pyplot's hidden current axes), returns
the axes and never calls ``plt.show()``.
"""
from __future__ import annotations

import math

__all__ = ["new_axes", "usd", "usd_axis", "pct_axis", "tex_safe"]


def new_axes(ax=None, figsize=(7.5, 4.5)):
    """Return ``ax``, or the axes of a new figure of size ``figsize`` (inches).

    A new figure is a plain :class:`matplotlib.figure.Figure`; when pyplot is already imported
    (a notebook with inline display) it is a pyplot figure, so that it is shown.

    Examples
    --------
    >>> ax = new_axes(figsize=(4, 3))
    >>> ax.figure.get_size_inches().tolist()
    [4.0, 3.0]
    >>> new_axes(ax) is ax
    True
    """
    if ax is not None:
        return ax
    import sys

    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=figsize)
    else:
        from matplotlib.figure import Figure

        fig = Figure(figsize=figsize)
    return fig.add_subplot(1, 1, 1)


def usd(value) -> str:
    """Compact USD label with three significant digits: $950, $12.3K, $4.5M, -$50M, $2.5B, $1.2T.

    The unit is chosen after rounding, so $999,600 is "$1M" (never "$1e+03K"), and amounts of a
    thousand billion or more are in trillions (never "$1e+03B"). NaN and None give "n/a".

    Examples
    --------
    >>> usd(1_234_000), usd(950), usd(2.5e9), usd(-5e7)
    ('$1.23M', '$950', '$2.5B', '-$50M')
    >>> usd(999_600), usd(1e12), usd(3.4e15), usd(float("nan"))
    ('$1M', '$1T', '$3,400T', 'n/a')
    """
    try:
        value = float(value)
    except (TypeError, ValueError):
        return "n/a"
    if not math.isfinite(value):
        return "n/a"
    sign = "-" if value < 0 else ""
    value = abs(value)
    if round(value) < 1000:
        return f"{sign}${value:,.0f}"
    for unit, size in (("K", 1e3), ("M", 1e6), ("B", 1e9), ("T", 1e12)):
        q = float(f"{value / size:.3g}")
        if q < 1000:
            return f"{sign}${q:.3g}{unit}"
    return f"{sign}${value / 1e12:,.0f}T"


def tex_safe(text: str) -> str:
    """Escape dollar signs, so that matplotlib's default style does not read "$1M–$2M" as mathtext.

    (The exhibits' house style turns mathtext off and draws the escapes as plain "$".)

    >>> tex_safe("$1M–$2M")
    '\\\\$1M–\\\\$2M'
    """
    return str(text).replace("$", r"\$")


def usd_axis(axis) -> None:
    """Label an axis (``ax.xaxis`` or ``ax.yaxis``) with :func:`usd`; no minor labels on a log scale.

    Examples
    --------
    >>> ax = new_axes()
    >>> ax.set_xscale("log"); ax.set_xlim(1e3, 1e13)
    (1000.0, 10000000000000.0)
    >>> usd_axis(ax.xaxis)
    >>> print(ax.xaxis.get_major_formatter()(1e12, 0))   # "$" escaped: the default style reads mathtext
    \\$1T
    """
    import matplotlib as mpl
    from matplotlib.ticker import FuncFormatter, NullFormatter

    def label(v, _pos=None):  # escape "$" only where matplotlib would read it as mathtext
        return tex_safe(usd(v)) if mpl.rcParams["text.parse_math"] else usd(v)

    axis.set_major_formatter(FuncFormatter(label))
    axis.set_minor_formatter(NullFormatter())


def pct_axis(axis, decimals: int = 0) -> None:
    """Label an axis holding probabilities or shares (0–1) as percentages.

    >>> ax = new_axes(); pct_axis(ax.yaxis); ax.yaxis.get_major_formatter()(0.25, 0)
    '25%'
    """
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(1.0, decimals=decimals))
