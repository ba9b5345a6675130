"""The headline's own error rate: an end-to-end backtest, k-fold grouped by incident.

Every monetary outcome of the curated table (class settlements, regulatory fines, AG
settlements) becomes the matter it came from (:func:`~toolkit.calibration.case_from_outcome`);
that matter goes through :func:`toolkit.assess` with a :class:`~toolkit.calibration.HeadlineModel`
fitted without the outcome's fold (folds never split an incident, so neither the level, the
pooling, the conformal quantile nor the structural ratio saw the incident); the outcome's real
amount is compared with the range ``assess`` reports for its track. The result, per track and
per region, is the method's known error rate: n, coverage of the nominal 80% range, median
absolute log10 error of the median, median bias (log10 of predicted / real) and median width of
the range (log10).

:func:`load_error_rates` reads the table the benchmark (``benchmarks/bench_backtest.py``) wrote
for the shipped data; the tests re-run the backtest and check that the shipped table is current.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError
from ..vocab import HEADLINE_TRACKS
from .facts import case_from_outcome

__all__ = ["backtest", "error_rate_table", "load_error_rates", "error_rates_markdown", "ERROR_RATE_COLUMNS",
           "ERROR_RATES_FILE", "TARGETS", "DEFAULTS"]

ERROR_RATE_COLUMNS = ["track", "group", "n", "coverage", "median_abs_log10_error", "bias_log10",
                      "median_width_log10"]
#: Targets of the headline (issue 11): (track, coverage low, coverage high, max median |log10 error|).
TARGETS = (("class_settlement", 0.75, 0.88, 0.40), ("fines_and_ag_settlements", 0.75, 0.88, 0.55))
#: Settings of the shipped table (the benchmark writes it with these; the tests re-run them).
DEFAULTS = {"n_splits": 5, "seed": 0, "n_paths": 5_000}
#: The shipped error-rate table, in the data folder.
ERROR_RATES_FILE = "backtest_error_rates.csv"


def _folds(incidents: np.ndarray, n_splits: int, seed: int) -> np.ndarray:
    """Fold of each row: a hash of (seed, incident id), so that adding or removing other outcomes never
    moves an incident to another fold (the measured error rate changes only where the data do)."""
    import hashlib

    def fold(incident) -> int:
        digest = hashlib.sha256(f"{seed}:{incident}".encode()).digest()
        return int.from_bytes(digest[:8], "big") % n_splits

    folds = {i: fold(i) for i in dict.fromkeys(incidents)}  # one digest per incident
    return np.array([folds[i] for i in incidents])


def backtest(outcomes: pd.DataFrame | None = None, *, n_splits: int = 5, seed: int = 0, n_paths: int = 20_000,
             coverage: float = 0.8, progress: bool = False) -> pd.DataFrame:
    """Predictions of every monetary outcome by ``assess``, fitted without the outcome's fold.

    Parameters
    ----------
    outcomes : pandas.DataFrame, optional
        The outcomes table (default: :func:`toolkit.datasets.load_outcomes`).
    n_splits : int, default=5
        Folds, grouped by ``incident_id``.
    seed : int, default=0
        Seeds the fold assignment and every assessment.
    n_paths : int, default=20_000
        Monte Carlo paths of each assessment.
    coverage : float, default=0.8
        Nominal coverage of the ranges.
    progress : bool, default=False
        Show a tqdm progress bar.

    Returns
    -------
    pandas.DataFrame
        One row per outcome: outcome_id, incident_id, track, group (authority or court), region,
        fold, amount_usd, low, median, high, inside (bool), error_log10 (log10 median / amount).
    """
    from ..assess import assess
    from ..datasets import load_outcomes
    from .headline import HeadlineModel  # scikit-learn: imported by the backtest, not by load_error_rates

    if not isinstance(n_splits, int) or n_splits < 2:
        raise InputError("n_splits", n_splits, "a whole number >= 2")
    table = load_outcomes() if outcomes is None else outcomes
    rows = HeadlineModel.training_rows(table)
    by_id = table.set_index("outcome_id")
    folds = _folds(rows["incident_id"].to_numpy(), n_splits, seed)
    records = []
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(rows), desc="backtest")
    for fold in range(n_splits):
        test = folds == fold
        if not test.any():
            continue
        model = HeadlineModel(coverage=coverage, random_state=seed).fit(None, rows=rows[~test])
        for row in rows[test].itertuples():
            case = case_from_outcome(by_id.loc[row.outcome_id].to_dict() | {"outcome_id": row.outcome_id})
            result = assess(case, seed=seed, n_paths=n_paths, market_check=False, headline_model=model)
            band = result.outcome_ranges.loc[row.track]
            amount = 10 ** row.y
            records.append({"outcome_id": row.outcome_id, "incident_id": row.incident_id, "track": row.track,
                            "group": row.group, "region": row.region, "fold": fold, "amount_usd": amount,
                            "low": float(band["low"]), "median": float(band["median"]), "high": float(band["high"])})
            if bar is not None:
                bar.update()
    if bar is not None:
        bar.close()
    out = pd.DataFrame(records)
    out["inside"] = (out["low"] <= out["amount_usd"]) & (out["amount_usd"] <= out["high"])
    with np.errstate(divide="ignore"):
        out["error_log10"] = np.log10(out["median"].clip(lower=1e-9)) - np.log10(out["amount_usd"])
        out["width_log10"] = np.log10(out["high"].clip(lower=1e-9)) - np.log10(out["low"].clip(lower=1e-9))
    return out


def _rates(part: pd.DataFrame) -> dict:
    return {"n": int(len(part)), "coverage": float(part["inside"].mean()),
            "median_abs_log10_error": float(part["error_log10"].abs().median()),
            "bias_log10": float(part["error_log10"].median()),
            "median_width_log10": float(part["width_log10"].median())}


def error_rate_table(predictions: pd.DataFrame) -> pd.DataFrame:
    """Per track (``group == "all"``), per track and region, and for fines and AG settlements together."""
    recs = []
    for track in HEADLINE_TRACKS:
        part = predictions[predictions["track"] == track]
        if not len(part):
            continue
        recs.append({"track": track, "group": "all", **_rates(part)})
        for region, sub in part.groupby("region", sort=True):
            recs.append({"track": track, "group": region, **_rates(sub)})
    penalties = predictions[predictions["track"].isin(["regulatory_fine", "ag_settlement"])]
    if len(penalties):
        recs.append({"track": "fines_and_ag_settlements", "group": "all", **_rates(penalties)})
    out = pd.DataFrame(recs, columns=ERROR_RATE_COLUMNS)
    for col in ("coverage", "median_abs_log10_error", "bias_log10", "median_width_log10"):
        out[col] = out[col].round(3)
    return out


def load_error_rates() -> pd.DataFrame:
    """The headline's backtest error rates for the shipped data (``data/backtest_error_rates.csv``).

    Columns: track, group (``all`` or a region), n, coverage, median_abs_log10_error, bias_log10,
    median_width_log10. Written by ``benchmarks/bench_backtest.py``; a test re-runs the backtest
    and checks the file is current.

    >>> rates = load_error_rates()
    >>> sorted(rates.loc[rates["group"] == "all", "track"])[:2]
    ['ag_settlement', 'class_settlement']
    """
    from ..datasets import data_dir

    path = data_dir() / ERROR_RATES_FILE
    if not path.is_file():
        raise InputError("data", str(path), "the backtest table written by benchmarks/bench_backtest.py")
    return pd.read_csv(path)


def error_rates_markdown(rates: pd.DataFrame | None = None) -> str:
    """The per-track error rates as a Markdown table (the README and the appendix quote it)."""
    rates = load_error_rates() if rates is None else rates
    labels = {"class_settlement": "Class settlements", "regulatory_fine": "Regulatory fines",
              "ag_settlement": "AG settlements", "fines_and_ag_settlements": "Fines and AG settlements together"}
    lines = ["| track | n | coverage of the 80% range | median abs. log10 error | median bias (log10) | "
             "median width (log10) |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in rates[rates["group"] == "all"].itertuples():
        lines.append(f"| {labels.get(r.track, r.track)} | {r.n} | {r.coverage:.2f} | {r.median_abs_log10_error:.2f} "
                     f"(x{10 ** r.median_abs_log10_error:.1f}) | {r.bias_log10:+.2f} | {r.median_width_log10:.2f} |")
    return "\n".join(lines)


