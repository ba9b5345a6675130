"""Vectorised Monte Carlo of the class-action stage tree and the regulatory track.

The tree: motion to dismiss (standing, economic-loss rule) → class certification → summary
judgment → trial (liability) → appeal of a plaintiffs' verdict. Damages at trial are class
damages × causation attribution × the defendant's payable fault share. Each side pays its
costs for every stage it enters; money is discounted to today. Regulatory penalties are drawn
alongside, on their own track.

How the paths are drawn
-----------------------
A path of the class track ends in one of six ways: dismissed, certification denied, summary
judgment for the defendant, a defence verdict, a plaintiffs' verdict reversed on appeal, or a
plaintiffs' verdict upheld. Each path draws **one** uniform ``u`` and its ending is read off the
cumulative probabilities of those endings, upheld first (``u < P(upheld)``). Only the upheld
paths carry an amount, and it comes from the same draw: given ``u < P(upheld)``, ``u / P(upheld)``
is uniform on (0, 1) and independent of the ending, so the award is the lognormal quantile at that
point (normal quantiles are computed only where an award is paid). The regulatory track does the
same with a second uniform per path: a penalty is imposed when ``v < p_regulatory_action`` and its
amount is the lognormal quantile at ``v / p_regulatory_action``. That is two draws per path, where
the tree drawn stage by stage needed eight. (The calibrated headline draws its own class normals,
:attr:`Draws.damages_z`, on first use.)

What comes from the paths and what is exact
-------------------------------------------
The expected values of the tree have closed forms and are computed from them: the probability of
each ending, of reaching each stage, of zero recovery, and the means of the award, of the costs and
of the penalty (a lognormal's mean is ``median x exp(sigma^2 / 2)``). The plaintiffs' certainty
equivalent under exponential utility needs ``E[exp(-award / R)]``, which has no closed form; it
is the integral of a closed-form integrand against the normal density and is computed by the
trapezoid rule on a grid centred on the integrand's peak (accurate to about 1e-12, no sampling
noise). A risk-averse *cost* side (``defendant_risk_tolerance > 0``) has no finite expectation
under a lognormal award (a lognormal has no exponential moments); it keeps the sample estimate
over the paths, as the tree always did. The simulation gives the distribution: the percentiles
(all of them computed in one pass, from the counts of each ending and the upheld paths only) and
the per-path arrays, built once on first access.

All draws come from one :class:`Draws` object built from ``numpy.random.SeedSequence(seed)``,
one independent stream per track, so that the same seed gives the same numbers and what-if runs
reuse them (common random numbers).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from ..errors import InputError
from .parameters import STAGES, stage_parameters

__all__ = ["Draws", "TrackInputs", "SimulationResult", "simulate", "certainty_equivalent", "stage_schedule"]

#: Percentiles reported by :meth:`SimulationResult.stats`.
PERCENTILES = (10, 50, 90)

#: The six endings of a path of the class track, in the order ``u`` is read (upheld first), with
#: the index into :data:`~toolkit.litigation.parameters.STAGES` of the last stage each one enters.
ENDINGS = (("verdict_upheld", 4), ("verdict_reversed", 4), ("defence_verdict", 3),
           ("summary_judgment_for_defendant", 2), ("certification_denied", 1), ("dismissed", 0))


@dataclass(frozen=True)
class Draws:
    """Pre-drawn random numbers for ``n`` paths (reused across what-if runs).

    Two uniforms a path: ``ending_u`` picks the ending of the class track (and, on the paths
    where the verdict is upheld, the award's quantile); ``regulatory_u`` decides whether a penalty
    is imposed (and, where it is, the penalty's quantile). See the module docstring.

    Parameters
    ----------
    n : int
        Number of paths, between 1 and 20,000,000.
    seed : int
        Seed of the ``SeedSequence``; the same seed gives the same numbers.

    Attributes
    ----------
    ending_u : numpy.ndarray
        ``(n,)`` uniforms on [0, 1) of the class track.
    regulatory_u : numpy.ndarray
        ``(n,)`` uniforms on [0, 1) of the regulatory track (an independent stream).
    damages_z : numpy.ndarray
        ``(n,)`` standard normals of the class track for the calibrated headline, drawn on first use.

    Examples
    --------
    >>> d1, d2 = Draws.make(1000, seed=3), Draws.make(1000, seed=3)
    >>> bool((d1.ending_u == d2.ending_u).all()), bool((d1.ending_u == Draws.make(1000, seed=4).ending_u).any())
    (True, False)
    """

    n: int
    seed: int
    ending_u: np.ndarray
    regulatory_u: np.ndarray

    @classmethod
    def make(cls, n: int, seed: int = 0) -> "Draws":
        """Draw the uniforms of ``n`` paths from ``SeedSequence(seed)`` (one stream per track)."""
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 20_000_000:
            raise InputError("n_paths", n, "a whole number between 1 and 20,000,000")
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise InputError("seed", seed, "a whole number >= 0")
        ending, _, regulatory, _ = _streams(int(seed))
        return cls(n=int(n), seed=int(seed), ending_u=ending.random(int(n)), regulatory_u=regulatory.random(int(n)))

    @cached_property
    def damages_z(self) -> np.ndarray:
        """``(n,)`` standard normals of the class track, drawn on first use from their own stream.

        The stage tree does not use them (its awards come from ``ending_u``); the calibrated
        headline (:func:`toolkit.calibration.ranges.headline_ranges`) does. Drawn once per Draws.
        """
        return _streams(self.seed)[1].standard_normal(self.n)


def _streams(seed: int) -> list[np.random.Generator]:
    """The four independent streams of a seed: ending, class normals, regulatory, (reserved)."""
    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(4)]


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


# --------------------------------------------------------------------------- the tree in closed form
def stage_schedule(params: dict) -> tuple[np.ndarray, np.ndarray, float]:
    """Cumulative discounted cost per stage entered and the discount factor at the end."""
    months = np.array([params[f"months_{s}"] for s in STAGES], dtype=float)
    costs = np.array([params[f"cost_{s}"] for s in STAGES], dtype=float)
    end_month = np.cumsum(months)
    discount = (1.0 + params["discount_rate"]) ** (-end_month / 12.0)
    cumulative_pv_cost = np.cumsum(costs * discount)
    return cumulative_pv_cost, discount, float(discount[-1])


@dataclass(frozen=True)
class _Tree:
    """The stage tree of one set of inputs, in closed form (no draws)."""

    passes: tuple           # P(the suit goes on | the stage is entered), by stage: a, b, c, d, 1 - r
    reach: tuple            # P(stage >= i) for each stage i: 1, a, ab, abc, abcd
    p_upheld: float         # abcd (1 - r): the threshold of u below which a path's verdict is upheld
    stage_cost: np.ndarray  # cumulative present-value cost of each side, by the last stage entered
    award_scale: float      # median award in present value (0 when nothing is payable)
    award_sigma: float
    p_fine: float           # probability that a penalty is imposed (0 when there is none)
    fine_median: float
    fine_sigma: float

    @property
    def has_award(self) -> bool:
        return self.award_scale > 0 and self.p_upheld > 0

    @property
    def stage_probability(self) -> np.ndarray:
        """P(the last stage entered is i), i = 0..4."""
        reach = np.array(self.reach + (0.0,))
        return reach[:-1] - reach[1:]

    def atoms(self) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities and stages of the paths whose class recovers nothing (every ending but upheld)."""
        p = self.stage_probability.copy()
        if self.has_award:
            p[4] -= self.p_upheld
        return np.maximum(p, 0.0), np.arange(len(STAGES))

    @property
    def upheld_mean_award(self) -> float:
        """The mean award (present value) on a path whose verdict is upheld: a lognormal's mean."""
        return self.award_scale * math.exp(0.5 * self.award_sigma ** 2) if self.award_scale > 0 else 0.0

    @property
    def mean_award(self) -> float:
        if not self.has_award:
            return 0.0
        return self.p_upheld * self.upheld_mean_award

    @property
    def mean_cost(self) -> float:
        return float(self.stage_probability @ self.stage_cost)

    @property
    def mean_fine(self) -> float:
        if self.p_fine <= 0:
            return 0.0
        return self.p_fine * self.fine_median * math.exp(0.5 * self.fine_sigma ** 2)


def _tree(inputs: TrackInputs) -> _Tree:
    """The stage tree of ``inputs`` in closed form; the simulation and :func:`decision_tree` both read it."""
    p = inputs.parameters
    passes = (float(inputs.p_survive_dismissal), float(p["p_class_certification"]),
              float(p["p_survive_summary_judgment"]), float(inputs.p_liability), 1.0 - float(p["p_appeal_reversal"]))
    reach = [1.0]
    for q in passes:
        reach.append(reach[-1] * q)
    cumulative_pv_cost, _, final_discount = stage_schedule(p)
    scale = 0.0
    if inputs.damages_median > 0:
        scale = inputs.damages_median * inputs.attribution * inputs.payable_share * final_discount
    return _Tree(passes=passes, reach=tuple(reach[:-1]), p_upheld=reach[-1],
                 stage_cost=cumulative_pv_cost, award_scale=float(scale), award_sigma=float(inputs.damages_sigma),
                 p_fine=float(p["p_regulatory_action"]) if inputs.fine_median > 0 else 0.0,
                 fine_median=float(inputs.fine_median), fine_sigma=float(inputs.fine_sigma))


def _lognormal_quantile(median: float, sigma: float, v: np.ndarray) -> np.ndarray:
    """``median x exp(sigma x Phi^-1(v))`` for ``v`` in [0, 1) (``v = 0`` is kept finite)."""
    if sigma == 0:
        return np.full(np.shape(v), float(median))
    from scipy.special import ndtri

    v = np.maximum(v, np.finfo(float).tiny)
    return median * np.exp(sigma * ndtri(v))


def _log_laplace_lognormal(scale: float, sigma: float, s: float) -> float:
    """``log E[exp(-s x scale x exp(sigma Z))]`` for standard normal Z (s, scale >= 0).

    Trapezoid rule on a grid centred on the peak of the (log-concave) integrand
    ``phi(z) exp(-k e^(sigma z))``, ``k = s x scale``, 24 standard deviations wide, with a step
    a twentieth of the local width. The integrand is entire and bounded on the strips where the
    rule's error lives, so the rule converges geometrically: far below 1e-12 at this step.
    """
    k = s * scale
    if k == 0:
        return 0.0
    if sigma == 0:
        return -k
    # peak: g'(z) = -z - k sigma e^(sigma z) = 0 (g concave; the root is negative): bisection + Newton
    lo, hi = -1.0, 0.0
    while lo + k * sigma * math.exp(sigma * lo) > 0:
        lo *= 2.0
    z = lo
    for _ in range(200):
        fz = z + k * sigma * math.exp(sigma * z)
        if fz > 0:
            hi = z
        else:
            lo = z
        step = fz / (1.0 + k * sigma * sigma * math.exp(sigma * z))
        new = z - step
        z = new if lo < new < hi else 0.5 * (lo + hi)
        if hi - lo < 1e-13 or abs(step) < 1e-13:
            break
    width = 1.0 / math.sqrt(1.0 + k * sigma * sigma * math.exp(sigma * z))
    h = min(0.02, width / 20.0)
    grid = z + np.arange(-12.0, 12.0 + h / 2, h)
    log_f = -0.5 * grid * grid - k * np.exp(sigma * grid)
    top = float(log_f.max())
    return top + math.log(float(np.exp(log_f - top).sum()) * h) - 0.5 * math.log(2.0 * math.pi)


def _logsumexp(log_values: np.ndarray) -> float:
    log_values = np.asarray(log_values, dtype=float)
    log_values = log_values[np.isfinite(log_values)]
    if log_values.size == 0:
        return -math.inf
    top = float(log_values.max())
    return top + math.log(float(np.exp(log_values - top).sum()))


# --------------------------------------------------------------------------- percentiles of a mixture
def _percentile_indexes(n: int, q) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """numpy's 'linear' method: the two order statistics around ``q`` % of ``n`` values and the weight."""
    virtual = (n - 1) * np.true_divide(np.asarray(q, dtype=float), 100)
    previous = np.floor(virtual)
    gamma = virtual - previous
    previous = previous.astype(np.intp)
    nxt = np.minimum(previous + 1, n - 1)
    previous = np.minimum(previous, n - 1)
    return previous, nxt, gamma


def _lerp(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    """numpy's interpolation between order statistics (bit for bit, so results equal np.percentile)."""
    diff = b - a
    out = a + diff * t
    return np.where(t >= 0.5, b - diff * (1 - t), out)


def _mixture_percentiles(q, n: int, atom_values, atom_counts, cont: np.ndarray, *, cont_select=None,
                         cont_below=None) -> np.ndarray:
    """Percentiles (numpy's 'linear' method) of ``n`` values made of repeated atoms and ``cont``.

    Equal to ``np.percentile`` of the full array of ``n`` values without building or sorting it:
    the rank of each atom follows from the counts, and the order statistics of ``cont`` come from
    one ``np.partition`` at the ranks needed.

    Parameters
    ----------
    q : sequence of float
        Percentiles in [0, 100].
    n : int
        Number of values (atoms' counts plus ``len(cont)``).
    atom_values, atom_counts : sequence
        Distinct values repeated ``count`` times.
    cont : numpy.ndarray
        The other values, unsorted (or the keys whose order is theirs, with ``cont_select``).
    cont_select : callable, optional
        Maps the order statistics of ``cont`` (sorted keys) to values; defaults to the identity.
    cont_below : sequence of int, optional
        For each atom, how many of ``cont`` lie below it (computed when omitted).
    """
    atom_values = np.asarray(atom_values, dtype=float)
    atom_counts = np.asarray(atom_counts, dtype=np.int64)
    keep = atom_counts > 0
    atom_values, atom_counts = atom_values[keep], atom_counts[keep]
    order = np.argsort(atom_values, kind="stable")
    atom_values, atom_counts = atom_values[order], atom_counts[order]
    if cont_below is None:
        below = np.array([np.count_nonzero(cont < v) for v in atom_values], dtype=np.int64)
    else:
        below = np.asarray(cont_below, dtype=np.int64)[keep][order]
    start = np.concatenate([[0], np.cumsum(atom_counts)[:-1]]).astype(np.int64) + below
    end = start + atom_counts
    previous, nxt, gamma = _percentile_indexes(n, q)
    ranks = np.unique(np.concatenate([previous, nxt]))
    value_at = {}
    cont_ranks = {}
    for rank in ranks.tolist():
        inside = np.flatnonzero((start <= rank) & (rank < end))
        if inside.size:
            value_at[rank] = float(atom_values[inside[0]])
        else:
            cont_ranks[rank] = rank - int(atom_counts[end <= rank].sum())
    if cont_ranks:
        kth = np.unique(np.fromiter(cont_ranks.values(), dtype=np.intp))
        part = np.partition(cont, kth)
        keys = part[kth]
        values = keys if cont_select is None else np.asarray(cont_select(keys), dtype=float)
        by_rank = dict(zip(kth.tolist(), values.tolist()))
        for rank, j in cont_ranks.items():
            value_at[rank] = by_rank[j]
    a = np.array([value_at[r] for r in previous.tolist()])
    b = np.array([value_at[r] for r in nxt.tolist()])
    return _lerp(a, b, gamma)


# --------------------------------------------------------------------------- result
class SimulationResult:
    """Outcomes of one simulation of ``n`` paths, in present-value USD.

    Holds the closed-form tree and the upheld paths; the per-path arrays (``award``, ``fine``,
    ``plaintiff_costs``, ``defendant_costs``, ``stage_reached``, ``plaintiff_net``,
    ``defendant_total``) are built once, on first access.

    Attributes
    ----------
    inputs : TrackInputs
    draws : Draws
    n : int
        Number of paths.
    upheld : numpy.ndarray
        Indexes of the paths whose class recovers at trial (an upheld plaintiffs' verdict).
    upheld_award : numpy.ndarray
        The award on each of those paths.
    """

    def __init__(self, inputs: TrackInputs, draws: Draws, tree: _Tree, upheld: np.ndarray, upheld_award: np.ndarray):
        self.inputs = inputs
        self.draws = draws
        self.n = draws.n
        self._tree = tree
        self.upheld = upheld
        self.upheld_award = upheld_award
        self._stats: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return (f"<SimulationResult: {self.n:,} paths, seed {self.draws.seed}; "
                f"class recovers on {self.upheld.size:,} paths>")

    # ------------------------------------------------------------------ per-path arrays (built once)
    @cached_property
    def stage_reached(self) -> np.ndarray:
        """Index into STAGES of the last stage each path entered (int8)."""
        u = self.draws.ending_u
        stage = np.zeros(self.n, dtype=np.int8)
        for threshold in self._tree.reach[1:]:
            stage += u < threshold
        return stage

    @cached_property
    def award(self) -> np.ndarray:
        """Damages paid to the class on each path (0 where the class recovers nothing)."""
        award = np.zeros(self.n)
        award[self.upheld] = self.upheld_award
        return award

    @cached_property
    def plaintiff_costs(self) -> np.ndarray:
        """Each side's cumulative present-value costs of the stages the path entered."""
        return self._tree.stage_cost[self.stage_reached]

    @property
    def defendant_costs(self) -> np.ndarray:
        """The defendant's costs (the stage costs are per side: the same array as the plaintiffs')."""
        return self.plaintiff_costs

    @cached_property
    def fine(self) -> np.ndarray:
        """Regulatory penalty on each path (0 where none is imposed)."""
        t = self._tree
        fine = np.zeros(self.n)
        if t.p_fine > 0:
            imposed = self._imposed
            fine[imposed] = _lognormal_quantile(t.fine_median, t.fine_sigma, self.draws.regulatory_u[imposed] / t.p_fine)
        return fine

    @cached_property
    def plaintiff_net(self) -> np.ndarray:
        """The class's net recovery on each path: award less its costs."""
        return self.award - self.plaintiff_costs

    @cached_property
    def defendant_total(self) -> np.ndarray:
        """What the class track costs the defendant on each path: award plus its own costs."""
        return self.award + self.defendant_costs

    @cached_property
    def _imposed(self) -> np.ndarray:
        return np.flatnonzero(self.draws.regulatory_u < self._tree.p_fine)

    @cached_property
    def _stage_counts(self) -> np.ndarray:
        """Paths whose last stage entered is i (i = 0..4), from the counts below each threshold."""
        u = self.draws.ending_u
        at_least = np.array([self.n] + [np.count_nonzero(u < t) for t in self._tree.reach[1:]] + [0], dtype=np.int64)
        return at_least[:-1] - at_least[1:]

    # ------------------------------------------------------------------ summaries
    def certainty_equivalent(self, side: str, risk_tolerance: float) -> float:
        """Certainty equivalent of ``plaintiff_net`` (a gain) or ``defendant_total`` (a cost).

        Exact where the expectation exists (see the module docstring): the closed-form mean when
        ``risk_tolerance`` is 0, the plaintiffs' exponential utility by quadrature otherwise; the
        sample estimate over the paths for a risk-averse cost side (no finite expectation).
        Equals :func:`certainty_equivalent` of the matching array up to sampling noise.
        """
        t = self._tree
        cost = t.stage_cost
        if side not in ("plaintiff_net", "defendant_total"):
            raise InputError("side", side, "plaintiff_net or defendant_total")
        sign = -1.0 if side == "plaintiff_net" else 1.0
        if risk_tolerance <= 0:
            return float(sign * t.mean_cost + t.mean_award)
        r = float(risk_tolerance)
        p_atom, stage = t.atoms()
        with np.errstate(divide="ignore"):
            log_atoms = np.log(p_atom) + cost[stage] / r
        if side == "plaintiff_net":
            # E[exp(-X/R)] over the atoms (X = -cost) and the upheld paths (X = award - cost of the appeal)
            terms = list(log_atoms)
            if t.has_award:
                terms.append(math.log(t.p_upheld) + cost[4] / r
                             + _log_laplace_lognormal(t.award_scale, t.award_sigma, 1.0 / r))
            return float(-r * _logsumexp(np.array(terms)))
        # cost side, risk-averse: the sample estimate over the paths, grouped by ending
        counts = self._stage_counts.astype(float)
        if t.has_award:
            counts[4] -= self.upheld.size
        with np.errstate(divide="ignore"):
            log_terms = np.concatenate([np.log(counts) + cost / r, (self.upheld_award + cost[4]) / r])
        return float(r * (_logsumexp(log_terms) - math.log(self.n)))

    def percentiles(self, q=PERCENTILES) -> dict:
        """Percentiles of ``plaintiff_net``, ``defendant_total``, ``award`` and ``fine`` over the paths.

        All in one pass, without building the per-path arrays: each side is the same few repeated
        values (the costs of each ending) plus the upheld paths' amounts (the penalty: zero plus the
        imposed amounts). Equal to ``np.percentile`` of the arrays (numpy's 'linear' method).
        """
        t = self._tree
        n = self.n
        counts = self._stage_counts.copy()
        award = self.upheld_award
        if t.has_award:
            counts[4] -= award.size
        cost = t.stage_cost
        out = {
            "plaintiff_net": _mixture_percentiles(q, n, -cost, counts, award - cost[4]),
            "defendant_total": _mixture_percentiles(q, n, cost, counts, award + cost[4]),
            "award": _mixture_percentiles(q, n, [0.0], [n - award.size], award, cont_below=[0]),
        }
        if t.p_fine > 0:
            keys = self.draws.regulatory_u[self._imposed]
            out["fine"] = _mixture_percentiles(
                q, n, [0.0], [n - keys.size], keys, cont_below=[0],
                cont_select=lambda k: _lognormal_quantile(t.fine_median, t.fine_sigma, k / t.p_fine))
        else:
            out["fine"] = np.zeros(len(q))
        return {side: [float(v) for v in values] for side, values in out.items()}

    def stats(self) -> dict:
        """Expected values (exact), P10/P50/P90 (over the paths), the probabilities of zero recovery
        and of reaching each stage (exact), per side."""
        if self._stats is None:
            t = self._tree
            means = {"plaintiff_net": t.mean_award - t.mean_cost, "defendant_total": t.mean_award + t.mean_cost,
                     "award": t.mean_award, "fine": t.mean_fine}
            pct = self.percentiles(PERCENTILES)
            out: dict[str, Any] = {side: {"mean": float(means[side]),
                                          **{f"p{q}": pct[side][i] for i, q in enumerate(PERCENTILES)}}
                                   for side in ("plaintiff_net", "defendant_total", "award", "fine")}
            out["p_zero_recovery"] = float(1.0 - t.p_upheld) if t.has_award else 1.0
            out["p_reach"] = {stage: float(t.reach[i]) for i, stage in enumerate(STAGES)}
            self._stats = out
        return {k: (dict(v) if isinstance(v, dict) else v) for k, v in self._stats.items()}

    def ending_probabilities(self) -> dict:
        """Exact probability of each of the six endings of a path (see :data:`ENDINGS`)."""
        t = self._tree
        p_stage = t.stage_probability
        p_upheld = t.p_upheld
        values = {"verdict_upheld": p_upheld, "verdict_reversed": max(p_stage[4] - p_upheld, 0.0),
                  "defence_verdict": p_stage[3], "summary_judgment_for_defendant": p_stage[2],
                  "certification_denied": p_stage[1], "dismissed": p_stage[0]}
        return {name: float(values[name]) for name, _ in ENDINGS}


def simulate(inputs: TrackInputs, draws: Draws) -> SimulationResult:
    """Run the stage tree over every path at once.

    Parameters
    ----------
    inputs : TrackInputs
    draws : Draws
        The paths' uniforms (reuse one ``Draws`` across what-if runs for common random numbers).

    Returns
    -------
    SimulationResult

    Examples
    --------
    >>> inputs = TrackInputs(p_survive_dismissal=0.6, p_liability=0.5, attribution=0.8, payable_share=0.9,
    ...                      damages_median=50e6, damages_sigma=1.0)
    >>> result = simulate(inputs, Draws.make(100_000, seed=1))
    >>> 0.0 < result.stats()["p_zero_recovery"] < 1.0
    True
    """
    if not isinstance(inputs, TrackInputs):
        raise InputError("inputs", type(inputs).__name__, "a toolkit.litigation.TrackInputs")
    if not isinstance(draws, Draws):
        raise InputError("draws", type(draws).__name__, "a toolkit.litigation.Draws (Draws.make(n, seed))")
    tree = _tree(inputs)
    if tree.has_award:
        u = draws.ending_u
        upheld = np.flatnonzero(u < tree.p_upheld)
        award = _lognormal_quantile(tree.award_scale, tree.award_sigma, u[upheld] / tree.p_upheld)
    else:
        upheld, award = np.empty(0, dtype=np.intp), np.empty(0)
    return SimulationResult(inputs, draws, tree, upheld, award)


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
