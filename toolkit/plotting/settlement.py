"""Exhibit view of the class track: simulated recovery at trial, bargaining zone, recommended range."""
from __future__ import annotations

import numpy as np

from .base import new_axes, tex_safe, usd, usd_axis

__all__ = ["plot_settlement"]


def plot_settlement(result, ax=None, *, bins: int = 60, **kwargs):
    """Distribution of the class's recovery at trial (where it recovers), with the bargaining zone,
    the recommended range (``result.settlement``) and the market-check range.

    Parameters
    ----------
    result : Assessment
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes when None.
    bins : int, default=60
        Logarithmic histogram bins.
    **kwargs
        Passed to ``ax.hist``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import toolkit as tk
    >>> r = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"), n_paths=5_000,
    ...               market_check=False)
    >>> plot_settlement(r).get_xscale()
    'log'
    """
    ax = new_axes(ax)
    s = result.settlement
    award = result._sim.award if getattr(result, "_sim", None) is not None else np.array([])
    positive = award[award > 0]
    markers = [v for v in (s.zone_low, s.zone_high, s.low, s.high) if v > 0]
    if result.market_check is not None:
        markers += [float(result.market_check["low"]), float(result.market_check["high"])]
    values = np.concatenate([positive, np.array(markers)]) if markers else positive
    if values.size == 0:
        values = np.array([1.0, 10.0])
    lo, hi = max(values.min() / 2, 1.0), max(values.max() * 2, 10.0)
    edges = np.geomspace(lo, hi, bins)
    if positive.size:
        weights = np.full(positive.size, 1.0 / award.size)
        ax.hist(positive, bins=edges, weights=weights, color="#9aa9bd", label="recovery at trial (share of paths)",
                **kwargs)
    if s.zone_high > s.zone_low:
        ax.axvspan(max(s.zone_low, lo), s.zone_high, color="#f2c14e", alpha=0.25, label="bargaining zone")
    ax.axvspan(max(s.low, lo), max(s.high, lo), color="#d1495b", alpha=0.25, label="recommended range")
    ax.axvline(max(s.median, lo), color="#d1495b", lw=2, label=tex_safe(f"recommended median {usd(s.median)}"))
    if result.market_check is not None:
        m = result.market_check
        ax.axvspan(float(m["low"]), float(m["high"]), ymin=0.0, ymax=0.06, color="#2e4057",
                   label=tex_safe(f"market check {usd(m['low'])}–{usd(m['high'])}"))
        ax.axvline(float(m["median"]), color="#2e4057", ls="--", lw=1.5)
    ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    usd_axis(ax.xaxis)
    ax.set_xlabel("USD, present value (log scale)")
    ax.set_ylabel("share of simulated paths")
    p_zero = result.simulation["p_zero_recovery"]
    ax.set_title(f"Settlement range (class recovers nothing on {p_zero:.0%} of paths)")
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    return ax
