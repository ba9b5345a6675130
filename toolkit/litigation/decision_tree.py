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

import numpy as np

from .parameters import STAGES
from .simulate import _tree

__all__ = ["decision_tree", "STAGE_LABELS"]

#: Per stage: its name, the event that carries the suit on, the event that ends it.
STAGE_LABELS = {
    "motion_to_dismiss": ("Motion to dismiss", "survives", "dismissed"),
    "class_certification": ("Class certification", "certified", "denied"),
    "summary_judgment": ("Summary judgment", "survives", "granted for defendant"),
    "trial": ("Trial", "verdict for the class", "defence verdict"),
    "appeal": ("Appeal", "verdict upheld", "reversed"),
}


def decision_tree(inputs):
    """The rolled-back stage tree of the class track, one row per node.

    Parameters
    ----------
    inputs : TrackInputs or Assessment
        The numbers the simulation ran on (``Assessment.inputs``: the probabilities from the
        liability engine, the damages lognormal, the stage parameters); an assessment is read
        through its ``inputs``.

    Returns
    -------
    pandas.DataFrame
        Columns ``node`` (0 = the root), ``parent`` (-1 for the root), ``stage``, ``label``,
        ``branch`` (the event on the edge into the node), ``p_branch``, ``p_reach``,
        ``stage_cost`` (per side, nominal USD, of the stage the node stands for), ``cost_pv``
        (cumulative present-value costs of each side at a terminal node), ``terminal`` (bool),
        ``winner`` ("class" or "defendant" at a terminal node, "" at a chance node), and the
        rolled-back expected values at the node: ``award`` (to the class), ``defendant_cost``
        (award plus defence costs) and ``plaintiff_net`` (award minus the class's costs),
        present-value USD.

    Notes
    -----
    The root's ``award`` is the simulation's expected award (the mean over the paths), without
    sampling error: each path of :func:`~toolkit.litigation.simulate` ends at one of the six
    terminal nodes with the node's ``p_reach``.

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

    inputs = getattr(inputs, "inputs", inputs)
    p = inputs.parameters
    closed = _tree(inputs)  # the simulation's closed form: pass probabilities, costs, award
    cum_cost, award = closed.stage_cost, closed.upheld_mean_award
    rows = [dict(node=0, parent=-1, stage=STAGES[0], label="Suit filed: " + STAGE_LABELS[STAGES[0]][0].lower(),
                 branch="", p_branch=1.0, p_reach=1.0, stage_cost=float(p[f"cost_{STAGES[0]}"]), cost_pv=np.nan,
                 terminal=False, winner="", leaf_award=0.0)]
    parent, reach = 0, 1.0
    for i, stage in enumerate(STAGES):
        name, yes, no = STAGE_LABELS[stage]
        q = closed.passes[i]
        last = i == len(STAGES) - 1
        # the branch that ends the suit at this stage
        rows.append(dict(node=len(rows), parent=parent, stage=stage, label=f"{name}: {no}", branch=no,
                         p_branch=1 - q, p_reach=reach * (1 - q), stage_cost=np.nan,
                         cost_pv=float(cum_cost[i]), terminal=True, winner="defendant", leaf_award=0.0))
        if last:
            rows.append(dict(node=len(rows), parent=parent, stage=stage, label=f"{name}: {yes}", branch=yes,
                             p_branch=q, p_reach=reach * q, stage_cost=np.nan, cost_pv=float(cum_cost[-1]),
                             terminal=True, winner="class", leaf_award=award))
        else:
            nxt = STAGES[i + 1]
            rows.append(dict(node=len(rows), parent=parent, stage=nxt, label=STAGE_LABELS[nxt][0], branch=yes,
                             p_branch=q, p_reach=reach * q, stage_cost=float(p[f"cost_{nxt}"]), cost_pv=np.nan,
                             terminal=False, winner="", leaf_award=0.0))
            parent, reach = len(rows) - 1, reach * q
    tree = pd.DataFrame(rows)
    # roll back from the leaves: a chance node's value is the probability-weighted value of its children
    award_v = {r.node: float(r.leaf_award) for r in tree[tree["terminal"]].itertuples()}
    cost_v = {r.node: float(r.cost_pv) for r in tree[tree["terminal"]].itertuples()}
    for node in tree.loc[~tree["terminal"], "node"][::-1]:
        kids = tree[tree["parent"] == node]
        award_v[node] = float(sum(k.p_branch * award_v[k.node] for k in kids.itertuples()))
        cost_v[node] = float(sum(k.p_branch * cost_v[k.node] for k in kids.itertuples()))
    tree["award"] = tree["node"].map(award_v)
    tree["defendant_cost"] = tree["award"] + tree["node"].map(cost_v)
    tree["plaintiff_net"] = tree["award"] - tree["node"].map(cost_v)
    return tree.drop(columns=["leaf_award"])
