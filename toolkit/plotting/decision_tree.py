"""The litigation decision tree of the class track (as TreeAge users draw it), rolled back.

The tree is the stage tree that :func:`toolkit.litigation.simulate` samples: motion to dismiss →
class certification → summary judgment → trial → appeal of a plaintiffs' verdict. Each stage is a
chance node; the branch that ends the suit leads to a terminal node. Costs are each side's
cumulative present-value costs of the stages entered (the simulation's schedule); the award is
the expected class damages × causation attribution × payable share, discounted to today.
Rolling back (probability-weighted averages from the leaves to the root) gives the expected
value at every node, risk-neutral: the settlement range itself adds the parties' risk attitudes.
"""
from __future__ import annotations

import math

import numpy as np

from .base import new_axes, usd

__all__ = ["decision_tree", "plot_decision_tree"]

_STAGE_TEXT = {
    "motion_to_dismiss": ("Motion to dismiss", "survives", "dismissed"),
    "class_certification": ("Class certification", "certified", "denied"),
    "summary_judgment": ("Summary judgment", "survives", "granted for defendant"),
    "trial": ("Trial", "verdict for the class", "defence verdict"),
    "appeal": ("Appeal", "verdict upheld", "reversed"),
}


def decision_tree(result):
    """The rolled-back stage tree of an assessment, one row per node.

    Parameters
    ----------
    result : Assessment
        Read: ``result.inputs`` (the numbers the simulation ran on: probabilities from the
        liability engine, the damages lognormal) and its stage parameters.

    Returns
    -------
    pandas.DataFrame
        Columns ``node`` (0 = the root), ``parent`` (-1 for the root), ``stage``, ``label``,
        ``branch`` (the event on the edge into the node), ``p_branch``, ``p_reach``,
        ``stage_cost`` (per side, nominal USD, of the stage the node stands for), ``cost_pv``
        (cumulative present-value costs of each side at a terminal node), ``terminal`` (bool),
        and the rolled-back expected values at the node: ``award`` (to the class),
        ``defendant_cost`` (award plus defence costs) and ``plaintiff_net`` (award minus the
        class's costs), present-value USD.

    Examples
    --------
    >>> import toolkit as tk
    >>> r = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"), n_paths=200_000,
    ...               market_check=False)
    >>> tree = decision_tree(r)
    >>> int(tree["terminal"].sum()), round(float(tree.loc[tree["terminal"], "p_reach"].sum()), 12)
    (6, 1.0)
    >>> bool(abs(tree.loc[0, "award"] / r.simulation["award"]["mean"] - 1) < 0.05)   # the simulation agrees
    True
    """
    import pandas as pd

    from ..litigation import STAGES
    from ..litigation import stage_schedule

    inputs = result.inputs
    p = inputs.parameters
    cum_cost, _, final_discount = stage_schedule(p)
    probs = {"motion_to_dismiss": inputs.p_survive_dismissal, "class_certification": p["p_class_certification"],
             "summary_judgment": p["p_survive_summary_judgment"], "trial": inputs.p_liability,
             "appeal": 1.0 - p["p_appeal_reversal"]}
    if inputs.damages_median > 0:
        award = (inputs.damages_median * math.exp(inputs.damages_sigma ** 2 / 2) * inputs.attribution
                 * inputs.payable_share * final_discount)
    else:
        award = 0.0
    rows = [dict(node=0, parent=-1, stage=STAGES[0], label="Suit filed: " + _STAGE_TEXT[STAGES[0]][0].lower(),
                 branch="", p_branch=1.0, p_reach=1.0, stage_cost=float(p[f"cost_{STAGES[0]}"]), cost_pv=np.nan,
                 terminal=False)]
    parent, reach = 0, 1.0
    for i, stage in enumerate(STAGES):
        name, yes, no = _STAGE_TEXT[stage]
        q = float(probs[stage])
        # the branch that ends the suit at this stage
        terminal_cost = float(cum_cost[min(i, len(STAGES) - 1)])
        last = i == len(STAGES) - 1
        rows.append(dict(node=len(rows), parent=parent, stage=stage, label=f"{name}: {no}", branch=no,
                         p_branch=1 - q, p_reach=reach * (1 - q), stage_cost=np.nan,
                         cost_pv=float(cum_cost[len(STAGES) - 1]) if last else terminal_cost, terminal=True,
                         leaf_award=0.0))
        if last:
            rows.append(dict(node=len(rows), parent=parent, stage=stage, label=f"{name}: {yes}", branch=yes,
                             p_branch=q, p_reach=reach * q, stage_cost=np.nan, cost_pv=float(cum_cost[-1]),
                             terminal=True, leaf_award=award))
        else:
            nxt = STAGES[i + 1]
            rows.append(dict(node=len(rows), parent=parent, stage=nxt, label=_STAGE_TEXT[nxt][0], branch=yes,
                             p_branch=q, p_reach=reach * q, stage_cost=float(p[f"cost_{nxt}"]), cost_pv=np.nan,
                             terminal=False))
            parent, reach = len(rows) - 1, reach * q
    tree = pd.DataFrame(rows)
    tree["leaf_award"] = tree["leaf_award"].fillna(0.0) if "leaf_award" in tree else 0.0
    # roll back from the leaves
    award_v = dict.fromkeys(tree["node"], 0.0)
    cost_v = dict.fromkeys(tree["node"], 0.0)
    for r in tree[tree["terminal"]].itertuples():
        award_v[r.node], cost_v[r.node] = float(r.leaf_award), float(r.cost_pv)
    for node in tree.loc[~tree["terminal"], "node"][::-1]:
        kids = tree[tree["parent"] == node]
        award_v[node] = float(sum(k.p_branch * award_v[k.node] for k in kids.itertuples()))
        cost_v[node] = float(sum(k.p_branch * cost_v[k.node] for k in kids.itertuples()))
    tree["award"] = tree["node"].map(award_v)
    tree["defendant_cost"] = tree["award"] + tree["node"].map(cost_v)
    tree["plaintiff_net"] = tree["award"] - tree["node"].map(cost_v)
    return tree.drop(columns=["leaf_award"])


def plot_decision_tree(result, ax=None, *, fontsize: float = 6.5):
    """Draw the rolled-back stage tree: chance nodes along the top, the suit's endings below.

    Each chance node shows the stage, its cost per side and the rolled-back expected award,
    defence cost and class net; each edge its event and probability; each terminal node its
    probability of being reached and its value.

    Parameters
    ----------
    result : Assessment
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
        upheld = r.p_branch > 0 and r.stage == "appeal" and r.branch == _STAGE_TEXT["appeal"][1]
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
