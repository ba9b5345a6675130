"""Plots of a LiabilityAssessment (matplotlib is imported here only)."""
from __future__ import annotations

__all__ = ["plot_waterfall", "plot_hand"]


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8, 4.5))
    return ax


def plot_waterfall(result, ax=None, **kwargs):
    """Waterfall of P(liable): baseline, then each factor's change. Returns the axes."""
    ax = _axes(ax)
    wf = result.waterfall
    starts, heights, colors = [], [], []
    prev = 0.0
    for i, row in enumerate(wf.itertuples()):
        if i == 0:
            starts.append(0.0)
            heights.append(row.probability)
            colors.append("0.6")
        else:
            starts.append(prev)
            heights.append(row.delta)
            colors.append("tab:red" if row.delta > 0 else "tab:green")
        prev = row.probability
    labels = list(wf["step"]) + ["P(liable)"]
    starts.append(0.0)
    heights.append(result.probability)
    colors.append("tab:blue")
    ys = range(len(labels))
    ax.barh(list(ys), heights, left=starts, color=colors, **kwargs)
    ax.set_yticks(list(ys))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability found liable in negligence")
    ax.set_title("How each factor moved the liability probability")
    return ax


def plot_hand(result, ax=None, **kwargs):
    """Scatter of burden B against expected harm averted ΔP·L per control; the diagonal is B = ΔP·L."""
    ax = _axes(ax)
    t = result.controls
    colors = {"yes": "tab:green", "no": "tab:red", "unknown": "tab:orange"}
    for status, group in t.groupby("status"):
        ax.scatter(group["burden_usd"], group["expected_harm_averted_usd"].clip(lower=1.0),
                   color=colors.get(status, "0.5"), label=f"control {status}", **kwargs)
        for r in group.itertuples():
            ax.annotate(r.control, (r.burden_usd, max(r.expected_harm_averted_usd, 1.0)), fontsize=7,
                        xytext=(3, 3), textcoords="offset points")
    if len(t):
        lo = max(1.0, min(t["burden_usd"].min(), t["expected_harm_averted_usd"].clip(lower=1.0).min()) / 2)
        hi = max(t["burden_usd"].max(), t["expected_harm_averted_usd"].max()) * 2
        ax.plot([lo, hi], [lo, hi], color="0.4", linestyle="--", linewidth=1, label="B = ΔP·L")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("burden B (USD per year)")
    ax.set_ylabel("expected harm averted ΔP·L (USD per year)")
    ax.set_title("Hand test per control: above the line the precaution was owed")
    ax.legend(fontsize=8)
    return ax
