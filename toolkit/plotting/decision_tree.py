"""Drawing of the litigation decision tree (the table is :func:`toolkit.litigation.decision_tree`).

Chance nodes run along the top, the suit's endings below; each node shows its rolled-back
expected values (risk-neutral, present value), each edge its event and probability.
"""
from __future__ import annotations

from .base import new_axes, usd

__all__ = ["plot_decision_tree"]


def plot_decision_tree(result, ax=None, *, fontsize: float = 6.5):
    """Draw the rolled-back stage tree: chance nodes along the top, the suit's endings below.

    Each chance node shows the stage, its cost per side and the rolled-back expected award,
    defence cost and class net; each edge its event and probability; each terminal node its
    probability of being reached and its value.

    Parameters
    ----------
    result : Assessment or TrackInputs
        See :func:`toolkit.litigation.decision_tree`.
    ax : matplotlib.axes.Axes, optional
    fontsize : float, default=6.5

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import toolkit as tk
    >>> r = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"), n_paths=5_000,
    ...               market_check=False)
    >>> ax = plot_decision_tree(r)
    >>> any("Class certification" in t.get_text() for t in ax.texts)
    True
    """
    from ..litigation import decision_tree

    tree = decision_tree(result)
    ax = new_axes(ax, figsize=(7.5, 3.6))
    ax.set_axis_off()
    chance = tree[~tree["terminal"]].reset_index(drop=True)
    n = len(chance)
    pos: dict[int, tuple[float, float]] = {}
    for i, r in enumerate(chance.itertuples()):
        pos[r.node] = (i, 1.0)
    for r in tree[tree["terminal"]].itertuples():
        px, _ = pos[r.parent]
        upheld = r.winner == "class"   # the verdict upheld on appeal: the end of the chance nodes' row
        pos[r.node] = (px + 1.0, 1.0) if upheld else (px + 0.5, 0.0)
    for r in tree[tree["parent"] >= 0].itertuples():
        (x0, y0), (x1, y1) = pos[r.parent], pos[r.node]
        ax.plot([x0, x1], [y0, y1], color="#9aa9bd", lw=1.0, zorder=1)
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        ax.text(mx, my + (0.06 if y1 == y0 else 0.0), f"{r.branch}\np = {r.p_branch:.0%}", ha="center",
                va="bottom" if y1 == y0 else "center", fontsize=fontsize - 0.5, color="#595959",
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none") if y1 != y0 else None, zorder=3)
    for r in tree.itertuples():
        x, y = pos[r.node]
        if r.terminal:
            color = "#d1495b" if r.award > 0 else "#2e4057"
            ax.plot([x], [y], marker="<", ms=7, color=color, zorder=4, ls="none")
            text = (f"reached {r.p_reach:.1%}\naward {usd(r.award)}\ncosts {usd(r.cost_pv)} each")
            ax.text(x, y - 0.09, text, ha="center", va="top", fontsize=fontsize, color="#222222", zorder=4)
        else:
            ax.plot([x], [y], marker="o", ms=8, color="#f2c14e", mec="#222222", mew=0.6, zorder=4, ls="none")
            head = "Suit filed" if r.node == 0 else r.label
            text = (f"{head}\ncost {usd(r.stage_cost)}/side\nE[award] {usd(r.award)}\n"
                    f"E[defence] {usd(r.defendant_cost)}\nE[class net] {usd(r.plaintiff_net)}")
            ax.text(x, y + 0.3, text, ha="center", va="bottom", fontsize=fontsize, color="#222222", zorder=4,
                    fontweight="bold" if r.node == 0 else "normal")
    xs = [p[0] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.55, max(xs) + 0.55)
    ax.set_ylim(-0.75, 2.05)
    ax.set_title("Litigation decision tree, rolled back (risk-neutral expected values, present value)")
    return ax
