"""The rolled-back decision tree: a pure table, checked against the Monte Carlo paths and by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest

from toolkit.litigation import STAGES, Draws, TrackInputs, decision_tree, simulate, stage_parameters, stage_schedule


def inputs(**kw):
    base = dict(p_survive_dismissal=0.6, p_liability=0.5, attribution=0.8, payable_share=0.9,
                damages_median=50e6, damages_sigma=1.0)
    base.update(kw)
    return TrackInputs(**base)


def test_shape_and_probabilities():
    tree = decision_tree(inputs())
    assert list(tree["node"]) == list(range(len(tree))) and tree.loc[0, "parent"] == -1
    assert int(tree["terminal"].sum()) == len(STAGES) + 1
    assert tree.loc[tree["terminal"], "p_reach"].sum() == pytest.approx(1.0, abs=1e-12)
    assert set(tree.loc[tree["terminal"], "winner"]) == {"class", "defendant"}
    assert (tree.loc[tree["winner"] == "class", "branch"] == "verdict upheld").all()
    # the branches out of every chance node sum to one
    for node in tree.loc[~tree["terminal"], "node"]:
        assert tree.loc[tree["parent"] == node, "p_branch"].sum() == pytest.approx(1.0, abs=1e-12)


def test_roll_back_by_hand():
    p = stage_parameters()
    i = inputs()
    tree = decision_tree(i)
    cum_cost, _, discount = stage_schedule(p)
    reach_upheld = (i.p_survive_dismissal * p["p_class_certification"] * p["p_survive_summary_judgment"]
                    * i.p_liability * (1 - p["p_appeal_reversal"]))
    award = i.damages_median * math.exp(i.damages_sigma ** 2 / 2) * i.attribution * i.payable_share * discount
    assert tree.loc[0, "award"] == pytest.approx(reach_upheld * award, rel=1e-12)
    # expected costs: each ending's cumulative cost, weighted by the chance of ending there
    ends = tree[tree["terminal"]]
    assert tree.loc[0, "defendant_cost"] - tree.loc[0, "award"] == pytest.approx(
        float((ends["p_reach"] * ends["cost_pv"]).sum()), rel=1e-12)
    assert sorted(ends["cost_pv"].unique()) == pytest.approx(sorted(set(cum_cost.tolist())))


def test_root_values_agree_with_the_monte_carlo_paths():
    i = inputs()
    tree = decision_tree(i)
    sim = simulate(i, Draws.make(400_000, seed=3))
    n = sim.n
    for column, paths in (("award", sim.award), ("defendant_cost", sim.defendant_total),
                          ("plaintiff_net", sim.plaintiff_net)):
        mean, se = float(np.mean(paths)), float(np.std(paths) / math.sqrt(n))
        assert abs(tree.loc[0, column] - mean) < 5 * se + 1e-6 * abs(mean), column


def test_no_damages_means_no_award_anywhere():
    tree = decision_tree(inputs(damages_median=0.0))
    assert (tree["award"] == 0).all()
    assert (tree["defendant_cost"] >= 0).all() and (tree["plaintiff_net"] <= 0).all()


def test_an_assessment_is_read_through_its_inputs():
    class Result:
        pass

    r = Result()
    r.inputs = inputs(p_liability=0.3)
    assert decision_tree(r).equals(decision_tree(r.inputs))


def test_the_tree_reads_the_simulations_closed_form(monkeypatch):
    """One computation of the stage tree: decision_tree takes its probabilities, costs and award from
    ``simulate._tree``, so changing that one place changes both (a second copy would not follow)."""
    import dataclasses
    import importlib

    module = importlib.import_module("toolkit.litigation.decision_tree")
    sim_module = importlib.import_module("toolkit.litigation.simulate")

    i = inputs()
    closed = sim_module._tree(i)
    tree = decision_tree(i)
    stats = simulate(i, Draws.make(1000, seed=1)).stats()
    assert tree.loc[0, "award"] == pytest.approx(stats["award"]["mean"], rel=1e-14)
    ends = tree[tree["terminal"]]
    assert float(ends.loc[ends["winner"] == "class", "p_reach"].iloc[0]) == closed.p_upheld
    chance = tree[~tree["terminal"]]
    assert [float(v) for v in chance["p_reach"]] == list(closed.reach)
    assert float(tree.loc[0, "defendant_cost"] - tree.loc[0, "award"]) == pytest.approx(
        closed.mean_cost, rel=1e-12)

    seen = []

    def doubled_costs(x):
        t = sim_module._tree(x)
        seen.append(x)
        return dataclasses.replace(t, stage_cost=2 * t.stage_cost, award_scale=3 * t.award_scale)

    monkeypatch.setattr(module, "_tree", doubled_costs)
    changed = decision_tree(i)
    assert seen == [i]
    assert changed.loc[0, "award"] == pytest.approx(3 * tree.loc[0, "award"], rel=1e-12)
    assert np.allclose(changed["cost_pv"].dropna(), 2 * tree["cost_pv"].dropna(), rtol=1e-12)
