"""Plots of an :class:`~toolkit.assess.Assessment`. Each takes ``ax=None``, draws only there and
returns the axes; none calls ``plt.show()``. They read results; they compute nothing a test
could not check without a figure."""
from __future__ import annotations

import numpy as np

__all__ = ["new_axes", "plot_settlement", "plot_tornado", "plot_fault", "usd"]


def new_axes(ax=None, figsize=(7.5, 4.5)):
    """Return ``ax`` or a new figure's axes (never the notebook's hidden current axes)."""
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    try:  # attach a pyplot manager only when pyplot is already in use (inline display in notebooks)
        import sys

        if "matplotlib.pyplot" in sys.modules:
            import matplotlib.pyplot as plt

            fig = plt.figure(figsize=figsize)
    except Exception:  # pragma: no cover
        pass
    return fig.add_subplot(1, 1, 1)


def usd(value: float) -> str:
    """Compact USD label with three significant digits: $950, $12.3K, $4.5M, -$50M, $2.5B.

    >>> usd(1_234_000), usd(950), usd(2.5e9), usd(-5e7)
    ('$1.23M', '$950', '$2.5B', '-$50M')
    """
    value = float(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    for unit, size in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if value >= size:
            return f"{sign}${value / size:.3g}{unit}"
    return f"{sign}${value:,.0f}"


def _tex_safe(text: str) -> str:
    """Escape dollar signs so matplotlib does not read "$1M–$2M" as mathtext."""
    return text.replace("$", r"\$")


def _usd_axis(axis):
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _: _tex_safe(usd(v))))


def plot_settlement(result, ax=None, *, bins: int = 60, **kwargs):
    """Distribution of the class's recovery at trial (where it recovers), with the bargaining zone,
    the recommended range and the market-check range of comparable settlements."""
    ax = new_axes(ax)
    s = result.settlement
    award = result._sim.award if result._sim is not None else np.array([])
    positive = award[award > 0]
    markers = [v for v in (s.zone_low, s.zone_high, s.low, s.high) if v > 0]
    if result.market_check is not None:
        markers += [float(result.market_check["low"]), float(result.market_check["high"])]
    values = np.concatenate([positive, np.array(markers)]) if markers else positive
    if values.size == 0:
        values = np.array([1.0, 10.0])
    lo, hi = max(values.min() / 2, 1.0), values.max() * 2
    edges = np.geomspace(lo, hi, bins)
    if positive.size:
        weights = np.full(positive.size, 1.0 / award.size)
        ax.hist(positive, bins=edges, weights=weights, color="#9aa9bd", label="recovery at trial (share of paths)",
                **kwargs)
    if s.zone_high > s.zone_low:
        ax.axvspan(max(s.zone_low, lo), s.zone_high, color="#f2c14e", alpha=0.25, label="bargaining zone")
    ax.axvspan(max(s.low, lo), max(s.high, lo), color="#d1495b", alpha=0.25, label="recommended range")
    ax.axvline(max(s.median, lo), color="#d1495b", lw=2, label=_tex_safe(f"recommended median {usd(s.median)}"))
    if result.market_check is not None:
        m = result.market_check
        ax.axvspan(float(m["low"]), float(m["high"]), ymin=0.0, ymax=0.06, color="#2e4057",
                   label=_tex_safe(f"market check {usd(m['low'])}–{usd(m['high'])}"))
        ax.axvline(float(m["median"]), color="#2e4057", ls="--", lw=1.5)
    ax.set_xscale("log")
    _usd_axis(ax.xaxis)
    ax.set_xlabel("USD, present value (log scale)")
    ax.set_ylabel("share of simulated paths")
    p_zero = result.simulation["p_zero_recovery"]
    ax.set_title(f"Settlement range (class recovers nothing on {p_zero:.0%} of paths)")
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    return ax


def plot_tornado(table, ax=None, **kwargs):
    """Horizontal tornado: each input's low and high effect on the median settlement."""
    ax = new_axes(ax, figsize=(7.5, 0.45 * max(len(table), 4) + 1.2))
    if len(table) == 0:
        ax.set_title("No sensitivity inputs")
        return ax
    base = float(table["base"].iloc[0])
    y = np.arange(len(table))[::-1]
    low = table["low"].to_numpy(dtype=float) - base
    high = table["high"].to_numpy(dtype=float) - base
    ax.barh(y, low, color="#2e4057", label="low value", **kwargs)
    ax.barh(y, high, color="#d1495b", label="high value", **kwargs)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, list(table["input"]))
    _usd_axis(ax.xaxis)
    ax.set_xlabel(_tex_safe(f"change in the median settlement from {usd(base)} (USD)"))
    ax.set_title("Sensitivity of the median settlement (common random numbers)")
    ax.legend(loc="lower right", fontsize="small", frameon=False)
    return ax


def plot_fault(fault, ax=None, **kwargs):
    """Fault share and payable share of each party."""
    ax = new_axes(ax, figsize=(6.5, 3.5))
    parties = list(fault["party"])
    x = np.arange(len(parties))
    ax.bar(x - 0.2, fault["share"], width=0.4, color="#2e4057", label="fault share", **kwargs)
    ax.bar(x + 0.2, fault["payable_share"], width=0.4, color="#f2c14e", label="payable share", **kwargs)
    ax.set_xticks(x, parties)
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of damages")
    ax.set_title("Allocation of fault (shared-responsibility model and jurisdiction rule)")
    ax.legend(fontsize="small", frameon=False)
    return ax
