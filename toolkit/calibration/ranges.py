"""The headline ranges of an assessment (``Assessment.outcome_ranges``), by Monte Carlo.

Per track: the chance the outcome happens at all and the nominal 80% range of the amount given
that it happens.

- Class settlement: happens with P(surviving the motion to dismiss) (no class, no settlement);
  the amount is lognormal around the calibrated median (empirical level x structural ratio) with
  the conformal range as its P10-P90.
- Regulatory fines and AG settlements: each listed authority imposes money with its own
  probability (stage parameters ``p_money_*``); its amount is lognormal around its calibrated
  median with its conformal range, and never above the regime's statutory ceiling (GDPR Art. 83,
  UK DPA 2018, HIPAA tiers, the NY SHIELD Act). The track is the sum over its authorities; its
  probability is ``1 - prod(1 - p)`` and its range the quantiles of the sum where it is positive.

Where a track is one lognormal (the class track; a penalty track with one authority) its
quantiles are exact and ``median_se`` is 0; where it is a sum over several authorities its
quantiles come from the seeded Monte Carlo and ``median_se`` is the standard error of the median
from the order statistics of the sample: half the distance between the ranks ``n/2 +/- sqrt(n)/2``.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..vocab import AUTHORITIES, AUTHORITY_CODES, HEADLINE_TRACKS

__all__ = ["headline_ranges", "Z90", "median_standard_error"]

Z90 = 1.2815515655446004  # standard normal quantile at 0.90: the 80% range is P10-P90
_COLUMNS = ["probability", "low", "median", "high", "median_se"]


def median_standard_error(sample: np.ndarray) -> float:
    """Monte Carlo standard error of a sample's median, from its order statistics (distribution-free).

    >>> import numpy as np
    >>> se = median_standard_error(np.random.default_rng(0).standard_normal(40_000))
    >>> 0.004 < se < 0.009   # asymptotically sqrt(pi / 2 / n) = 0.0063
    True
    """
    n = len(sample)
    if n < 10:
        return math.nan
    ordered = np.partition(sample, [max(int(n / 2 - math.sqrt(n) / 2), 0), min(int(n / 2 + math.sqrt(n) / 2), n - 1)])
    lo = ordered[max(int(n / 2 - math.sqrt(n) / 2), 0)]
    hi = ordered[min(int(n / 2 + math.sqrt(n) / 2), n - 1)]
    return float((hi - lo) / 2)


def _summary(sample: np.ndarray, probability: float) -> list[float]:
    positive = sample[sample > 0]
    if probability <= 0 or not len(positive):
        return [0.0, 0.0, 0.0, 0.0, 0.0]
    low, median, high = np.percentile(positive, [10, 50, 90])
    return [float(probability), float(low), float(median), float(high), median_standard_error(positive)]


def _closed_form(centre: float, half: float, probability: float, cap: float = math.inf) -> list[float]:
    """Exact quantiles of one lognormal amount (log10 centre, P10-P90 half-width) under a ceiling."""
    if probability <= 0:
        return [0.0, 0.0, 0.0, 0.0, 0.0]
    return [float(probability), float(min(10 ** (centre - half), cap)), float(min(10 ** centre, cap)),
            float(min(10 ** (centre + half), cap)), 0.0]


def _rng(seed: int, code: str) -> np.random.Generator:
    # one stream per authority, keyed by its place in the vocabulary: the same seed gives each
    # authority the same draws whatever else the matter lists
    return np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=(1000 + AUTHORITY_CODES.index(code),)))


def headline_ranges(case, *, model, ratios: dict, regulators: tuple[str, ...], ceilings: dict,
                    p_class: float, parameters: dict, class_z: np.ndarray, seed: int):
    """``(outcome_ranges, authorities)`` DataFrames of a matter.

    Parameters
    ----------
    case : Case
    model : HeadlinePredictor or HeadlineModel
        Fitted without the matter's own incident (anything with ``predict_log`` and ``n_train_group_``).
    ratios : dict
        Structural ratio per track (:func:`toolkit.calibration.structural_ratio`).
    regulators : tuple of str
        Authority codes acting on the matter.
    ceilings : dict
        Authority -> statutory ceiling in USD (:func:`toolkit.regimes.ceilings`).
    p_class : float
        Probability of a class settlement.
    parameters : dict
        Stage parameters (the ``p_money_*`` probabilities).
    class_z : ndarray
        The stage tree's damages draws (their length is the number of Monte Carlo paths).
    seed : int
        Seeds the authorities' draws.
    """
    from ..regimes import probability_parameter

    n = len(class_z)
    rows = {}
    centre, half = model.predict_log(case, "class_settlement", ratio=ratios["class_settlement"])
    rows["class_settlement"] = _closed_form(centre, half, p_class)
    authority_rows = []
    for track in ("regulatory_fine", "ag_settlement"):
        p_none = 1.0
        single = None
        acting = [c for c in regulators if AUTHORITIES[c].track == track]
        # one authority has a closed form; several are summed path by path (each on its own stream, the
        # amount computed only on the paths where that authority imposes money)
        total = np.zeros(n) if len(acting) > 1 else None
        for code in acting:
            c, h = model.predict_log(case, track, code, ratio=ratios[track])
            cap = float(ceilings.get(code, math.inf))
            p = float(parameters[probability_parameter(code)])
            if total is not None:
                rng = _rng(seed, code)
                imposed = rng.random(n) < p
                z = rng.standard_normal(n)[imposed]
                total[imposed] += np.minimum(10 ** (c + (h / Z90) * z), cap)
            p_none *= 1.0 - p
            single = (c, h, p, cap)
            model_rows = model.n_train_group_(track, code)
            authority_rows.append({
                "authority": code, "name": AUTHORITIES[code].name, "track": track, "probability": p,
                "low": float(min(10 ** (c - h), cap)), "median": float(min(10 ** c, cap)),
                "high": float(min(10 ** (c + h), cap)), "ceiling": cap, "rows_in_data": model_rows[0],
                "region_rows_in_data": model_rows[1], "probability_parameter": probability_parameter(code)})
        if len(acting) == 1 and single is not None:  # one authority: a closed form (its lognormal under the ceiling)
            c, h, p, cap = single
            rows[track] = _closed_form(c, h, p, cap)
        elif total is None:  # no authority on this track
            rows[track] = _summary(np.zeros(0), 0.0)
        else:
            rows[track] = _summary(total, 1.0 - p_none)
    ranges = pd.DataFrame([rows[t] for t in HEADLINE_TRACKS], index=pd.Index(list(HEADLINE_TRACKS), name="track"),
                          columns=_COLUMNS)
    authorities = pd.DataFrame(authority_rows, columns=["authority", "name", "track", "probability", "low", "median",
                                                        "high", "ceiling", "rows_in_data", "region_rows_in_data",
                                                        "probability_parameter"])
    return ranges, authorities
