"""Stage tree, Monte Carlo and bargaining zone: reproducibility, ordering, monotonicity."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import InputError
from toolkit.litigation import (Draws, TrackInputs, certainty_equivalent, settlement_range, simulate,
                                stage_parameters, parameters_table, tornado)

prob = st.floats(0.0, 1.0)


def inputs(**kw):
    base = dict(p_survive_dismissal=0.6, p_liability=0.5, attribution=0.8, payable_share=0.9,
                damages_median=50e6, damages_sigma=1.0, fine_median=5e6, fine_sigma=0.8)
    base.update(kw)
    return TrackInputs(**base)


def test_same_seed_same_numbers_different_seed_different_numbers():
    a = simulate(inputs(), Draws.make(20_000, seed=11))
    b = simulate(inputs(), Draws.make(20_000, seed=11))
    c = simulate(inputs(), Draws.make(20_000, seed=12))
    assert np.array_equal(a.award, b.award) and np.array_equal(a.fine, b.fine)
    assert not np.array_equal(a.award, c.award)
    assert settlement_range(a) == settlement_range(b)


def test_stage_probabilities_match_the_tree():
    sim = simulate(inputs(), Draws.make(400_000, seed=0))
    reach = sim.stats()["p_reach"]
    p = stage_parameters()
    assert reach["motion_to_dismiss"] == 1.0
    assert reach["class_certification"] == pytest.approx(0.6, abs=0.005)
    assert reach["summary_judgment"] == pytest.approx(0.6 * p["p_class_certification"], abs=0.003)
    expected_win = 0.6 * p["p_class_certification"] * p["p_survive_summary_judgment"] * 0.5 * (1 - p["p_appeal_reversal"])
    assert 1 - sim.stats()["p_zero_recovery"] == pytest.approx(expected_win, abs=0.002)


def test_expected_award_matches_closed_form():
    """E[award] = P(win) x median x exp(sigma^2/2) x attribution x share x discount."""
    sim = simulate(inputs(), Draws.make(1_000_000, seed=5))
    p = stage_parameters()
    months = sum(p[f"months_{s}"] for s in ("motion_to_dismiss", "class_certification", "summary_judgment",
                                             "trial", "appeal"))
    discount = (1 + p["discount_rate"]) ** (-months / 12)
    p_win = 0.6 * p["p_class_certification"] * p["p_survive_summary_judgment"] * 0.5 * (1 - p["p_appeal_reversal"])
    expected = p_win * 50e6 * np.exp(0.5) * 0.8 * 0.9 * discount
    assert sim.award.mean() == pytest.approx(expected, rel=0.03)


def test_costs_follow_the_stage_reached():
    sim = simulate(inputs(), Draws.make(10_000, seed=2))
    dismissed = sim.stage_reached == 0
    assert np.all(sim.award[dismissed] == 0)
    assert np.allclose(sim.plaintiff_costs[dismissed], sim.plaintiff_costs[dismissed][0])
    assert sim.plaintiff_costs[sim.stage_reached == 4].min() > sim.plaintiff_costs[dismissed].max()


@settings(max_examples=40, deadline=None)
@given(p_mtd=prob, p_liab=prob, att=prob, share=prob, med=st.floats(0, 1e10), sigma=st.floats(0, 3),
       seed=st.integers(0, 2**32))
def test_range_is_ordered(p_mtd, p_liab, att, share, med, sigma, seed):
    sim = simulate(inputs(p_survive_dismissal=p_mtd, p_liability=p_liab, attribution=att, payable_share=share,
                          damages_median=med, damages_sigma=sigma), Draws.make(2_000, seed=seed))
    s = settlement_range(sim)
    assert s.low <= s.median <= s.high
    assert s.plaintiff_reservation >= 0 and s.defendant_reservation >= 0


@settings(max_examples=40, deadline=None)
@given(lo=st.floats(1e3, 1e9), factor=st.floats(1.0, 100.0), p_liab=prob, seed=st.integers(0, 1000))
def test_larger_damages_never_lower_the_median(lo, factor, p_liab, seed):
    draws = Draws.make(3_000, seed=seed)
    small = settlement_range(simulate(inputs(damages_median=lo, p_liability=p_liab), draws))
    large = settlement_range(simulate(inputs(damages_median=lo * factor, p_liability=p_liab), draws))
    assert large.median >= small.median - 1e-6 * max(1.0, small.median)


@settings(max_examples=40, deadline=None)
@given(a=prob, b=prob, seed=st.integers(0, 1000))
def test_higher_liability_never_lowers_the_median(a, b, seed):
    """The bargaining-zone midpoint rises with P(liability), up to the appeal-cost effect.

    A verdict that is reversed on appeal costs the class the appeal stage and pays nothing; with a
    risk-averse class this can lower its certainty equivalent by a few dollars in a million when
    P(liability) rises (seen: $3 on $1.9M), so the property holds to a relative 1e-4, not exactly.
    """
    lo, hi = sorted((a, b))
    draws = Draws.make(3_000, seed=seed)
    low = settlement_range(simulate(inputs(p_liability=lo), draws)).median
    assert settlement_range(simulate(inputs(p_liability=hi), draws)).median >= low - 1e-4 * max(low, 1.0)


def test_certainty_equivalent_properties():
    x = np.array([0.0, 0.0, 100.0, 300.0])
    assert certainty_equivalent(x, 0) == pytest.approx(100.0)
    assert certainty_equivalent(x, 50) < 100.0 < certainty_equivalent(x, 50, cost=True)
    assert certainty_equivalent(x * 1e9, 1.0) == pytest.approx(np.log(2.0))  # -log(P(X=0)); no overflow


def test_bad_inputs_are_named():
    with pytest.raises(InputError, match="p_liability"):
        inputs(p_liability=1.5)
    with pytest.raises(InputError, match="damages_median"):
        inputs(damages_median=float("nan"))
    with pytest.raises(InputError, match="n_paths"):
        Draws.make(0)
    with pytest.raises(InputError, match="seed"):
        Draws.make(10, seed=-1)
    with pytest.raises(InputError, match="parameters.p_class_certification"):
        stage_parameters({"p_class_certification": 2})
    with pytest.raises(InputError, match="did you mean 'p_class_certification'"):
        stage_parameters({"p_class_certificaton": 0.2})


def test_parameters_table_carries_sources():
    table = parameters_table({"p_class_certification": 0.3})
    assert table["source"].str.len().min() > 10
    row = table.set_index("parameter").loc["p_class_certification"]
    assert row["value"] == 0.3 and row["tag"] == "analyst"


def test_tornado_sorts_by_swing():
    t = tornado(lambda x: x ** 2, 2.0, {"small": (1.9, 2.1), "big": (0.0, 4.0)})
    assert list(t["input"]) == ["big", "small"]
    assert t.loc[0, "swing"] == pytest.approx(16.0)


# --------------------------------------------------------------------------- how paths are drawn
def test_each_path_draws_two_uniforms_and_the_endings_have_the_tree_probabilities():
    draws = Draws.make(1_000_000, seed=4)
    assert draws.ending_u.shape == draws.regulatory_u.shape == (1_000_000,)
    sim = simulate(inputs(), draws)
    exact = sim.ending_probabilities()
    assert sum(exact.values()) == pytest.approx(1.0)
    stage = sim.stage_reached
    upheld = np.zeros(draws.n, dtype=bool)
    upheld[sim.upheld] = True
    observed = {"verdict_upheld": upheld.mean(), "verdict_reversed": np.mean((stage == 4) & ~upheld),
                "defence_verdict": np.mean(stage == 3), "summary_judgment_for_defendant": np.mean(stage == 2),
                "certification_denied": np.mean(stage == 1), "dismissed": np.mean(stage == 0)}
    for ending, p in exact.items():
        assert observed[ending] == pytest.approx(p, abs=4 * np.sqrt(p * (1 - p) / draws.n) + 1e-12), ending
    assert np.all(sim.award[~upheld] == 0) and np.all(sim.award[upheld] > 0)


def test_awards_and_fines_follow_their_lognormals():
    """Given an upheld verdict the award is lognormal (median x attribution x share x discount, sigma)."""
    sim = simulate(inputs(damages_sigma=0.7, fine_sigma=1.2), Draws.make(2_000_000, seed=8))
    p = stage_parameters()
    months = sum(p[f"months_{s}"] for s in ("motion_to_dismiss", "class_certification", "summary_judgment",
                                             "trial", "appeal"))
    scale = 50e6 * 0.8 * 0.9 * (1 + p["discount_rate"]) ** (-months / 12)
    log_award = np.log(sim.upheld_award)
    assert log_award.mean() == pytest.approx(np.log(scale), abs=4 * 0.7 / np.sqrt(log_award.size))
    assert log_award.std() == pytest.approx(0.7, rel=0.02)
    fines = sim.fine[sim.fine > 0]
    assert fines.size / sim.n == pytest.approx(p["p_regulatory_action"], abs=0.002)
    assert np.log(fines).mean() == pytest.approx(np.log(5e6), abs=0.01)
    assert np.log(fines).std() == pytest.approx(1.2, rel=0.01)


@pytest.mark.parametrize("overrides", [{}, {"damages_median": 0.0}, {"fine_median": 0.0}, {"damages_sigma": 0.0},
                                       {"attribution": 0.0}, {"p_survive_dismissal": 1.0, "p_liability": 1.0},
                                       {"p_survive_dismissal": 0.0}])
@pytest.mark.parametrize("n", [1, 2, 17, 5_000])
def test_percentiles_equal_numpy_on_the_per_path_arrays(overrides, n):
    sim = simulate(inputs(**overrides), Draws.make(n, seed=n))
    q = (0, 1, 10, 33.3, 50, 90, 99.9, 100)
    got = sim.percentiles(q)
    for side in ("plaintiff_net", "defendant_total", "award", "fine"):
        assert got[side] == list(np.percentile(getattr(sim, side), q)), side
    stats = sim.stats()
    for side in ("plaintiff_net", "defendant_total", "award", "fine"):
        assert [stats[side][k] for k in ("p10", "p50", "p90")] == list(np.percentile(getattr(sim, side), [10, 50, 90]))


def test_expected_values_are_exact_and_agree_with_the_paths():
    sim = simulate(inputs(), Draws.make(2_000_000, seed=9))
    stats = sim.stats()
    for side in ("plaintiff_net", "defendant_total", "award", "fine"):
        values = getattr(sim, side)
        assert stats[side]["mean"] == pytest.approx(values.mean(), abs=4 * values.std() / np.sqrt(sim.n)), side
    assert stats["p_zero_recovery"] == pytest.approx(np.mean(sim.award <= 0), abs=0.0005)
    # exact: the same for any seed
    other = simulate(inputs(), Draws.make(1_000, seed=1)).stats()
    assert other["award"]["mean"] == stats["award"]["mean"] and other["p_reach"] == stats["p_reach"]


def test_derived_arrays_are_built_once():
    sim = simulate(inputs(), Draws.make(1_000, seed=0))
    assert sim.award is sim.award and sim.fine is sim.fine and sim.plaintiff_net is sim.plaintiff_net
    assert sim.defendant_costs is sim.plaintiff_costs
    assert sim.stats() == sim.stats() and sim.stats() is not sim.stats()


def test_certainty_equivalents_match_the_sample_estimate():
    """The exact reservation values agree with the per-path estimator the tree used before."""
    big = inputs(damages_median=2e9, damages_sigma=1.5)
    sim = simulate(big, Draws.make(4_000_000, seed=2))
    for r in (1e7, 1e8, 1e9):
        exact = sim.certainty_equivalent("plaintiff_net", r)
        sample = certainty_equivalent(sim.plaintiff_net, r)
        assert exact == pytest.approx(sample, rel=0.01, abs=2e4), r
    assert sim.certainty_equivalent("defendant_total", 0) == pytest.approx(sim.defendant_total.mean(), rel=0.01)
    # a risk-averse cost side has no finite expectation under a lognormal award: the sample estimate is kept
    small = simulate(inputs(), Draws.make(50_000, seed=3))
    assert small.certainty_equivalent("defendant_total", 5e7) == pytest.approx(
        certainty_equivalent(small.defendant_total, 5e7, cost=True), rel=1e-12)


def test_plaintiff_certainty_equivalent_quadrature_against_scipy():
    from scipy.integrate import quad

    from toolkit.litigation.simulate import _log_laplace_lognormal

    for scale, sigma, s in [(1e6, 1.0, 1e-8), (5e8, 1.5, 1e-8), (1e11, 5.0, 1e-8), (1e3, 0.1, 1e-2), (1e7, 3.0, 1e-8)]:
        k = scale * s
        ref = quad(lambda z: np.exp(-0.5 * z * z - k * np.exp(sigma * z)) / np.sqrt(2 * np.pi), -60, 40,
                   limit=500, epsabs=0, epsrel=1e-13, points=[0])[0]
        assert _log_laplace_lognormal(scale, sigma, s) == pytest.approx(np.log(ref), rel=1e-10, abs=1e-12)


def test_settlement_range_carries_no_sampling_noise_at_default_parameters():
    big = inputs(damages_median=2e9, damages_sigma=1.5)   # the plaintiffs' floor is positive: both sides count
    a = settlement_range(simulate(big, Draws.make(2_000, seed=1)))
    b = settlement_range(simulate(big, Draws.make(300_000, seed=77)))
    assert a.plaintiff_reservation > 0
    for name in ("plaintiff_reservation", "defendant_reservation", "low", "median", "high"):
        assert getattr(a, name) == pytest.approx(getattr(b, name), rel=1e-12), name


def test_simulate_refuses_what_it_cannot_use():
    with pytest.raises(InputError, match="draws"):
        simulate(inputs(), np.zeros(10))
    with pytest.raises(InputError, match="inputs"):
        simulate({"p_liability": 0.5}, Draws.make(10))
