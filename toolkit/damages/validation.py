"""Grouped cross-validation of the outcome model against its baselines: the method's known error rates.

:func:`validate` splits the monetary outcomes into folds by ``incident_id`` (an incident's
outcomes are never on both sides), fits :class:`OutcomeRegressor` and the baselines on each
training part and scores the held-out part: median absolute error in log10 dollars, interval
coverage and median interval width in orders of magnitude.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from ..summary import Summary
from ._common import check_number

__all__ = ["validate", "ValidationReport", "TARGETS", "validation_table", "load_validation", "VALIDATION_FILE",
           "VALIDATION_COLUMNS", "SHIPPED_PARAMETERS", "validation_markdown"]

#: Done-when targets of issue 5 (coverage of the 80% ranges, width in orders of magnitude).
TARGETS = {"coverage_min": 0.70, "coverage_max": 0.92, "max_median_width": 2.2}

#: The shipped validation table (in the data folder), written by ``benchmarks/bench_accuracy.py --write``.
VALIDATION_FILE = "market_check_error_rates.csv"
#: Its columns: the run (keyed by the outcomes file's sha256 and the parameters), then one row per model.
VALIDATION_COLUMNS = ["outcomes_sha256", "n_splits", "nominal_coverage", "random_state", "alpha", "n_rows",
                      "n_incidents", "model", "n", "mae_log10", "coverage", "median_width"]
#: The parameters of the shipped table (those the methodology appendix and the README quote).
SHIPPED_PARAMETERS = {"n_splits": 5, "coverage": 0.8, "random_state": 0, "alpha": 1.0}

_JACOBS_NOTE = ("JacobsBaseline predicts a breached firm's total cost (not a legal outcome) and is scored only where "
                "records_exposed is known.")


@dataclass
class ValidationReport:
    """Result of :func:`validate`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per model: n (held-out rows scored), mae_log10 (median absolute error, log10 USD),
        coverage (share inside the range), median_width (orders of magnitude).
    predictions : pandas.DataFrame
        Out-of-fold predictions: fold, model, outcome_id/incident_id/outcome_type, log10 actual, low, median, high.
        Empty (with these columns) in a report read from the shipped table by :func:`load_validation`.
    coverage, n_splits, random_state, n_rows, n_incidents
    alpha : float
        Ridge penalty of the regressor.
    """

    table: pd.DataFrame
    predictions: pd.DataFrame
    coverage: float
    n_splits: int
    random_state: int | None
    n_rows: int
    n_incidents: int
    notes: list = field(default_factory=list)
    alpha: float = 1.0

    def meets_targets(self) -> bool:
        """True if the regressor beats the outcome-type median baseline and meets the range targets."""
        reg = self.table.loc["OutcomeRegressor"]
        base = self.table.loc["OutcomeTypeMedianBaseline"]
        return bool(reg["mae_log10"] < base["mae_log10"] and
                    TARGETS["coverage_min"] <= reg["coverage"] <= TARGETS["coverage_max"] and
                    reg["median_width"] <= TARGETS["max_median_width"])

    def summary(self) -> Summary:
        """Facts about the run, the per-model scores and the targets check (a :class:`toolkit.summary.Summary`).

        ``kind`` is ``fact`` (section "run"), ``metric`` (section: the model; item: the metric) or
        ``check``; the per-model table itself is ``tables["models"]``.
        """
        rows = [("run", item, value, "", "", "fact") for item, value in (
            ("rows (monetary)", self.n_rows), ("incidents", self.n_incidents),
            ("folds (GroupKFold by incident_id)", self.n_splits), ("nominal coverage", self.coverage),
            ("random_state", self.random_state))]
        rows += [(str(model), str(metric), value, "", "grouped cross-validation", "metric")
                 for model, scores in self.table.iterrows() for metric, value in scores.items()]
        rows.append(("targets", f"regressor beats type median; coverage in [{TARGETS['coverage_min']}, "
                     f"{TARGETS['coverage_max']}]; median width <= {TARGETS['max_median_width']}",
                     self.meets_targets(), "", "", "check"))
        return Summary.build(rows, notes=self.notes, tables={"models": self.table.reset_index()},
                             title="Validation of the OutcomeRegressor")

    def plot(self, ax=None):
        """Held-out log10 actual vs predicted median for the regressor, with its ranges; returns the axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(5, 5))
        p = self.predictions[self.predictions["model"] == "OutcomeRegressor"]
        lo, med, hi = (np.log10(p[c]) for c in ("low", "median", "high"))
        ax.errorbar(med, p["log10_actual"], xerr=[med - lo, hi - med], fmt="o", ms=3, alpha=0.5, lw=0.5)
        lims = [min(p["log10_actual"].min(), lo.min()), max(p["log10_actual"].max(), hi.max())]
        ax.plot(lims, lims, "k--", lw=1)
        ax.set_xlabel("predicted log10 USD (range)")
        ax.set_ylabel("actual log10 USD")
        ax.set_title("Grouped cross-validation: held-out outcomes")
        return ax

    def __repr__(self) -> str:
        return f"<ValidationReport: {self.n_rows} rows, {self.n_splits} folds; meets targets: {self.meets_targets()}>"


def validate(outcomes: pd.DataFrame, *, n_splits: int = 5, coverage: float = 0.8, random_state=0,
             alpha: float = 1.0) -> ValidationReport:
    """Grouped cross-validation of :class:`OutcomeRegressor` and the baselines.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        The outcomes table (``toolkit.datasets.load_outcomes()``); monetary rows (amount_usd > 0) are scored.
    n_splits : int, default=5
        Folds (GroupKFold by ``incident_id``, shuffled with ``random_state``).
    coverage : float, default=0.8
    random_state : int or None, default=0
    alpha : float, default=1.0
        Ridge penalty of the regressor.

    Returns
    -------
    ValidationReport

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> n = 150
    >>> rec = 10 ** rng.uniform(3, 8, n)
    >>> amt = 10 ** (2 + 0.6 * np.log10(rec) + rng.normal(0, 0.3, n))
    >>> X = pd.DataFrame({"incident_id": [f"i{i}" for i in range(n)], "records_exposed": rec.round(),
    ...                   "outcome_type": "class_settlement", "amount_usd": amt})
    >>> report = validate(X, n_splits=5)
    >>> bool(report.table.loc["OutcomeRegressor", "mae_log10"] < report.table.loc["OutcomeTypeMedianBaseline", "mae_log10"])
    True
    """
    from sklearn.model_selection import GroupKFold

    # the models load scikit-learn: imported here, so that reading the shipped table (load_validation) does not
    from .regressor import (JacobsBaseline, OutcomeRegressor, OutcomeTypeMedianBaseline, PerPersonMedianBaseline,
                            _group_ids, monetary_rows)

    n_splits = check_number("n_splits", n_splits, minimum=2, integer=True)
    coverage = check_number("coverage", coverage, minimum=0.01, maximum=0.99)
    rows, logy = monetary_rows(outcomes)
    groups = _group_ids(rows)
    n_groups = len(set(groups))
    if n_groups < n_splits:
        raise InputError("n_splits", n_splits, f"at most the number of incidents with a monetary outcome ({n_groups})")
    models: dict[str, Callable[[], Any]] = {
        "OutcomeRegressor": lambda: OutcomeRegressor(coverage=coverage, alpha=alpha, random_state=random_state),
        "OutcomeTypeMedianBaseline": lambda: OutcomeTypeMedianBaseline(coverage=coverage),
        "PerPersonMedianBaseline": lambda: PerPersonMedianBaseline(coverage=coverage),
        "JacobsBaseline": lambda: JacobsBaseline(coverage=coverage),
    }
    cv = GroupKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    preds = []
    ids = rows["outcome_id"].to_numpy() if "outcome_id" in rows.columns else np.arange(len(rows)).astype(str)
    kinds = rows["outcome_type"].to_numpy() if "outcome_type" in rows.columns else np.full(len(rows), "")
    for fold, (tr, te) in enumerate(cv.split(rows, logy, groups)):
        train, test = rows.iloc[tr], rows.iloc[te]
        for name, make in models.items():
            model = make().fit(train, 10 ** logy[tr])
            iv = model.predict_interval(test)
            preds.append(pd.DataFrame({"fold": fold, "model": name, "outcome_id": ids[te], "incident_id": groups[te],
                                       "outcome_type": kinds[te], "log10_actual": logy[te],
                                       "low": iv["low"].to_numpy(), "median": iv["median"].to_numpy(),
                                       "high": iv["high"].to_numpy()}))
    P = pd.concat(preds, ignore_index=True)
    recs = []
    for name in models:
        p = P[(P["model"] == name) & P["median"].notna()]
        err = np.abs(np.log10(p["median"]) - p["log10_actual"])
        inside = (np.log10(p["low"]) <= p["log10_actual"]) & (p["log10_actual"] <= np.log10(p["high"]))
        width = np.log10(p["high"]) - np.log10(p["low"])
        recs.append((name, len(p), float(np.median(err)), float(inside.mean()), float(np.median(width))))
    table = pd.DataFrame(recs, columns=["model", "n", "mae_log10", "coverage", "median_width"]).set_index("model")
    return ValidationReport(table=table, predictions=P, coverage=coverage, n_splits=n_splits, random_state=random_state,
                            n_rows=len(rows), n_incidents=n_groups, notes=[_JACOBS_NOTE], alpha=float(alpha))


_PREDICTION_COLUMNS = ["fold", "model", "outcome_id", "incident_id", "outcome_type", "log10_actual", "low", "median",
                       "high"]


def validation_table(report: ValidationReport, outcomes_sha256: str) -> pd.DataFrame:
    """The scores of a :class:`ValidationReport` as the flat table shipped in ``data/market_check_error_rates.csv``.

    Parameters
    ----------
    report : ValidationReport
    outcomes_sha256 : str
        Hex sha256 of the outcomes file the report was computed on (the table's key).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`VALIDATION_COLUMNS`, one row per model.
    """
    if not isinstance(outcomes_sha256, str) or len(outcomes_sha256) != 64:
        raise InputError("outcomes_sha256", outcomes_sha256, "the 64-character hex sha256 of the outcomes file")
    t = report.table.reset_index()
    run = {"outcomes_sha256": outcomes_sha256, "n_splits": report.n_splits, "nominal_coverage": report.coverage,
           "random_state": report.random_state, "alpha": report.alpha, "n_rows": report.n_rows,
           "n_incidents": report.n_incidents}
    for col, value in run.items():
        t[col] = value
    return t[VALIDATION_COLUMNS]


def load_validation(outcomes_sha256: str, *, n_splits: int = 5, coverage: float = 0.8, random_state=0,
                    alpha: float = 1.0, path=None) -> ValidationReport | None:
    """The shipped validation of the outcomes whose file has sha256 ``outcomes_sha256``, or None.

    Reads ``data/market_check_error_rates.csv`` (written by ``benchmarks/bench_accuracy.py --write``;
    a test re-runs :func:`validate` and checks it is current). Returns None when the table is absent
    or holds no run with this sha256 and these parameters (custom outcomes): the caller then runs
    :func:`validate` itself. The returned report has the scores, not the out-of-fold predictions.

    Parameters
    ----------
    outcomes_sha256 : str
        Hex sha256 of the outcomes file in use.
    n_splits, coverage, random_state, alpha
        As for :func:`validate`.
    path : path-like, optional
        The table (default: :data:`VALIDATION_FILE` in ``toolkit.datasets.data_dir()``).

    Returns
    -------
    ValidationReport or None

    Examples
    --------
    >>> load_validation("0" * 64) is None
    True
    """
    from pathlib import Path

    from ..datasets import data_dir

    path = Path(path) if path is not None else data_dir() / VALIDATION_FILE
    if not path.is_file():
        return None
    t = pd.read_csv(path, dtype={"outcomes_sha256": str, "model": str})
    missing = [c for c in VALIDATION_COLUMNS if c not in t.columns]
    if missing:
        raise InputError(str(path), ", ".join(missing), f"the columns {', '.join(VALIDATION_COLUMNS)}")
    rs = -1 if random_state is None else random_state
    run = t[(t["outcomes_sha256"] == outcomes_sha256) & (t["n_splits"] == n_splits)
            & np.isclose(t["nominal_coverage"], coverage) & (t["random_state"].fillna(-1) == rs)
            & np.isclose(t["alpha"], alpha)]
    if not len(run):
        return None
    first = run.iloc[0]
    table = run.set_index("model")[["n", "mae_log10", "coverage", "median_width"]]
    table.index.name = "model"
    return ValidationReport(table=table, predictions=pd.DataFrame(columns=_PREDICTION_COLUMNS), coverage=coverage,
                            n_splits=n_splits, random_state=random_state, n_rows=int(first["n_rows"]),
                            n_incidents=int(first["n_incidents"]), notes=[_JACOBS_NOTE], alpha=float(alpha))


_MARKDOWN_LABELS = {"OutcomeTypeMedianBaseline": "median by outcome type (baseline)",
                    "PerPersonMedianBaseline": "per-person median (baseline)",
                    "JacobsBaseline": "Jacobs (2014) per-record cost model ({n} rows with records)"}


def validation_markdown(report: ValidationReport) -> str:
    """The per-model scores of ``report`` as the Markdown table the README quotes (the regressor in bold).

    >>> from toolkit.datasets import data_dir
    >>> import hashlib
    >>> sha = hashlib.sha256((data_dir() / "outcomes.csv").read_bytes()).hexdigest()
    >>> print(validation_markdown(load_validation(sha)).splitlines()[0])
    | model | median absolute error (log10 USD) | coverage of 80% ranges | median range width (orders of magnitude) |
    """
    lines = [f"| model | median absolute error (log10 USD) | coverage of {report.coverage:.0%} ranges | median range "
             "width (orders of magnitude) |", "| --- | --- | --- | --- |"]
    for name, r in report.table.iterrows():
        if name == "OutcomeRegressor":
            lines.append(f"| **{name}** | **{r['mae_log10']:.3f}** (a factor of {10 ** r['mae_log10']:.1f}) | "
                         f"**{r['coverage']:.1%}** | **{r['median_width']:.2f}** |")
        else:
            label = _MARKDOWN_LABELS.get(str(name), str(name)).format(n=f"{int(r['n']):,}")
            lines.append(f"| {label} | {r['mae_log10']:.3f} | {r['coverage']:.1%} | {r['median_width']:.2f} |")
    return "\n".join(lines)
