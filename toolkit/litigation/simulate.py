"""Vectorised Monte Carlo of the class-action stage tree and the regulatory track.

The tree: motion to dismiss (standing, economic-loss rule) → class certification → summary
judgment → trial (liability) → appeal of a plaintiffs' verdict. Damages at trial are class
damages × causation attribution × the defendant's payable fault share. Each side pays its
costs for every stage it enters; money is discounted to today. Regulatory penalties are drawn
alongside, on their own track.

Everything is numpy over paths (no Python loop over paths). All draws come from one
:class:`Draws` object built from ``numpy.random.SeedSequence(seed)``, one independent stream
per component, so that sensitivity runs reuse the same numbers (common random numbers).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from .parameters import STAGES, stage_parameters

__all__ = ["Draws", "TrackInputs", "SimulationResult", "simulate", "certainty_equivalent"]


@dataclass(frozen=True)
class Draws:
    """Pre-drawn random numbers for ``n`` paths (reused across what-if runs).

    Parameters
    ----------
    n : int
        Number of paths.
    seed : int
        Seed of the ``SeedSequence``; the same seed gives the same numbers.

    Examples
    --------
    >>> d1, d2 = Draws.make(1000, seed=3), Draws.make(1000, seed=3)
    >>> bool((d1.stage_u == d2.stage_u).all())
    True
    """

    n: int
    seed: int
    stage_u: np.ndarray      # (5, n) uniforms, one row per stage
    damages_z: np.ndarray    # (n,) standard normals for the damages draw
    regulatory_u: np.ndarray  # (n,) uniforms: is a penalty imposed?
    fine_z: np.ndarray       # (n,) standard normals for the penalty amount

    @classmethod
    def make(cls, n: int, seed: int = 0) -> "Draws":
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 20_000_000:
            raise InputError("n_paths", n, "a whole number between 1 and 20,000,000")
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise InputError("seed", seed, "a whole number >= 0")
        streams = [np.random.default_rng(s) for s in np.random.SeedSequence(int(seed)).spawn(4)]
        return cls(
            n=int(n), seed=int(seed),
            stage_u=streams[0].random((len(STAGES), int(n))),
            damages_z=streams[1].standard_normal(int(n)),
            regulatory_u=streams[2].random(int(n)),
            fine_z=streams[3].standard_normal(int(n)),
        )


@dataclass(frozen=True)
class TrackInputs:
    """Plain numbers that drive one simulation (everything the tree needs).

    Parameters
    ----------
    p_survive_dismissal, p_liability : float
        From the liability engine: surviving the motion to dismiss; liability found at trial.
    attribution : float
        Share of damages attributed to the misconfiguration (causation), in [0, 1].
    payable_share : float
        The defendant's payable share of damages after fault allocation, in [0, 1].
    damages_median, damages_sigma : float
        Lognormal class damages at trial (USD median, log-scale standard deviation).
    fine_median, fine_sigma : float
        Lognormal total regulatory penalty if one is imposed (USD median; 0 for none).
    parameters : dict
        Stage parameters (see :func:`toolkit.litigation.parameters.stage_parameters`).
    """

    p_survive_dismissal: float
    p_liability: float
    attribution: float
    payable_share: float
    damages_median: float
    damages_sigma: float
    fine_median: float = 0.0
    fine_sigma: float = 0.0
    parameters: dict = field(default_factory=stage_parameters)

    def __post_init__(self):
        for name in ("p_survive_dismissal", "p_liability", "attribution", "payable_share"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float, np.floating)) and 0.0 <= value <= 1.0):
                raise InputError(name, value, "a probability or share between 0 and 1")
        for name in ("damages_median", "fine_median"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float, np.floating)) and np.isfinite(value) and value >= 0):
                raise InputError(name, value, "a finite amount in USD >= 0")
        for name in ("damages_sigma", "fine_sigma"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float, np.floating)) and 0.0 <= value <= 5.0):
                raise InputError(name, value, "a log-scale standard deviation between 0 and 5")


@dataclass
class SimulationResult:
    """Per-path outcomes of one simulation (arrays of length ``n``), in present-value USD."""

    award: np.ndarray            # damages paid to the class (0 where the class recovers nothing)
    plaintiff_costs: np.ndarray
    defendant_costs: np.ndarray
    fine: np.ndarray
    stage_reached: np.ndarray    # index into STAGES of the last stage entered
    inputs: TrackInputs

    @property
    def plaintiff_net(self) -> np.ndarray:
        return self.award - self.plaintiff_costs

    @property
    def defendant_total(self) -> np.ndarray:
        """What the class track costs the defendant: award plus its own costs."""
        return self.award + self.defendant_costs

    def stats(self) -> dict:
        """Expected values, P10/P50/P90 and the probability of zero recovery, per side."""
        out = {}
        for side, values in (("plaintiff_net", self.plaintiff_net), ("defendant_total", self.defendant_total),
                             ("award", self.award), ("fine", self.fine)):
            p10, p50, p90 = np.percentile(values, [10, 50, 90])
            out[side] = {"mean": float(values.mean()), "p10": float(p10), "p50": float(p50), "p90": float(p90)}
        out["p_zero_recovery"] = float(np.mean(self.award <= 0))
        out["p_reach"] = {stage: float(np.mean(self.stage_reached >= i)) for i, stage in enumerate(STAGES)}
        return out


def _stage_schedule(params: dict) -> tuple[np.ndarray, np.ndarray, float]:
    """Cumulative discounted cost per stage entered and the discount factor at the end."""
    months = np.array([params[f"months_{s}"] for s in STAGES], dtype=float)
    costs = np.array([params[f"cost_{s}"] for s in STAGES], dtype=float)
    end_month = np.cumsum(months)
    discount = (1.0 + params["discount_rate"]) ** (-end_month / 12.0)
    cumulative_pv_cost = np.cumsum(costs * discount)
    return cumulative_pv_cost, discount, float(discount[-1])


def simulate(inputs: TrackInputs, draws: Draws) -> SimulationResult:
    """Run the stage tree over every path at once.

    Examples
    --------
    >>> inputs = TrackInputs(p_survive_dismissal=0.6, p_liability=0.5, attribution=0.8, payable_share=0.9,
    ...                      damages_median=50e6, damages_sigma=1.0)
    >>> result = simulate(inputs, Draws.make(100_000, seed=1))
    >>> 0.0 < result.stats()["p_zero_recovery"] < 1.0
    True
    """
    p = inputs.parameters
    u = draws.stage_u
    reached_cert = u[0] < inputs.p_survive_dismissal
    reached_sj = reached_cert & (u[1] < p["p_class_certification"])
    reached_trial = reached_sj & (u[2] < p["p_survive_summary_judgment"])
    verdict = reached_trial & (u[3] < inputs.p_liability)
    upheld = verdict & (u[4] >= p["p_appeal_reversal"])
    stage = reached_cert.astype(np.int8) + reached_sj + reached_trial + verdict

    cumulative_pv_cost, _, final_discount = _stage_schedule(p)
    costs = cumulative_pv_cost[stage]
    if inputs.damages_median > 0:
        scale = inputs.damages_median * inputs.attribution * inputs.payable_share * final_discount
        award = np.where(upheld, scale * np.exp(inputs.damages_sigma * draws.damages_z), 0.0)
    else:
        award = np.zeros(draws.n)
    if inputs.fine_median > 0:
        fine = np.where(draws.regulatory_u < p["p_regulatory_action"],
                        inputs.fine_median * np.exp(inputs.fine_sigma * draws.fine_z), 0.0)
    else:
        fine = np.zeros(draws.n)
    return SimulationResult(award=award, plaintiff_costs=costs, defendant_costs=costs, fine=fine,
                            stage_reached=stage, inputs=inputs)


def certainty_equivalent(values: np.ndarray, risk_tolerance: float, *, cost: bool = False) -> float:
    """Certainty equivalent under exponential (CARA) utility; ``risk_tolerance=0`` is risk-neutral.

    For a gain ``X``: ``-R log E[exp(-X/R)]`` (at most the mean). For a cost ``Y``
    (``cost=True``): ``R log E[exp(Y/R)]`` (at least the mean). Both are non-decreasing when
    every path's value grows, which keeps the settlement range monotone in the stakes.

    >>> import numpy as np
    >>> x = np.array([0.0, 100.0])
    >>> certainty_equivalent(x, 0), round(certainty_equivalent(x, 50), 2)
    (50.0, 28.31)
    """
    values = np.asarray(values, dtype=float)
    if risk_tolerance <= 0:
        return float(values.mean())
    sign = 1.0 if cost else -1.0
    scaled = sign * values / risk_tolerance
    top = scaled.max()
    log_mean = top + np.log(np.mean(np.exp(scaled - top)))
    return float(sign * risk_tolerance * log_mean)
