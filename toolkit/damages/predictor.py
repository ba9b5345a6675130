"""What the market check predicts with, without scikit-learn: :class:`OutcomePredictor`.

A fitted :class:`~toolkit.damages.OutcomeRegressor` keeps its prediction state here (the
featuriser's fill values, the standardisation, the ridge coefficients, the conformal multiplier and
scales, the training rows of the comparables), as plain numpy and pandas; its ``predict``,
``predict_interval`` and ``comparables`` validate their input the scikit-learn way and delegate to
this object. The on-disk cache of the fitted models (:mod:`toolkit.calibration.fitted`) stores it,
so an assessment that reads a cached fit never imports scikit-learn.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError
from ._common import check_number
from .features import FEATURE_NAMES, _as_frame, featurize

__all__ = ["OutcomePredictor"]


@dataclass(eq=False)
class OutcomePredictor:
    """The prediction state of a fitted :class:`~toolkit.damages.OutcomeRegressor`.

    Rows are outcomes-schema records: a DataFrame, a Series (one row) or a dict, read by column
    name (see :func:`toolkit.damages.features.featurize`).

    Attributes
    ----------
    fill_ : dict
        The featuriser's fill values (training medians of log10 records, log10 class size, year).
    mean_, std_ : ndarray
        Standardisation of the engineered features (training mean and standard deviation).
    coef_ : ndarray
        Ridge coefficients on the standardised features (:data:`~toolkit.damages.features.FEATURE_NAMES`).
    intercept_ : float
    conformal_quantile_ : float
        Calibrated multiplier of the residual scale.
    scale_by_type_ : dict
        Residual scale (log10) per outcome type, with ``"_all"`` for unseen types.
    train_Z_ : ndarray
        The training rows' standardised design (for :meth:`comparables`).
    train_types_ : ndarray
        Their outcome types.
    comparable_w_ : ndarray
        Feature weights of the comparables' distance (absolute coefficients, summing to 1).
    training_shown_ : dict
        Column -> the training rows' values that :meth:`comparables` shows.
    """

    fill_: dict
    mean_: np.ndarray
    std_: np.ndarray
    coef_: np.ndarray
    intercept_: float
    conformal_quantile_: float
    scale_by_type_: dict
    train_Z_: np.ndarray
    train_types_: np.ndarray
    comparable_w_: np.ndarray
    training_shown_: dict

    def design(self, X) -> tuple[np.ndarray, pd.Index, list]:
        """Standardised design of the rows (numpy), their index and their outcome types.

        Raises :class:`~toolkit.errors.InputError` naming ``X`` for rows that are not records, or
        whose sizes or years are not finite.
        """
        F, index, kinds = featurize(X, self.fill_)
        Z = (F - self.mean_) / self.std_
        if not np.isfinite(Z).all():
            bad = np.flatnonzero(~np.isfinite(Z).all(axis=1))[0]
            features = [FEATURE_NAMES[j] for j in np.flatnonzero(~np.isfinite(Z[bad]))]
            raise InputError("X", f"row {index[bad]!r}: non-finite {', '.join(features)}",
                             "finite records_exposed, class_size, outcome_year and year_disclosed")
        return Z, index, kinds

    def predict_log(self, X) -> tuple[pd.Index, list, np.ndarray]:
        """The rows' index, their outcome types and the log10 median amount of each."""
        Z, index, kinds = self.design(X)
        return index, kinds, Z @ self.coef_ + self.intercept_

    def predict(self, X) -> np.ndarray:
        """Median amount (USD) for each row."""
        *_, logp = self.predict_log(X)
        return 10 ** logp

    def predict_interval(self, X) -> pd.DataFrame:
        """Calibrated range: DataFrame indexed like X with low, median, high (USD)."""
        index, kinds, logp = self.predict_log(X)
        overall = self.scale_by_type_["_all"]
        scale = np.array([self.scale_by_type_.get(k, overall) for k in kinds], dtype=float)
        half = self.conformal_quantile_ * scale
        return pd.DataFrame({"low": 10 ** (logp - half), "median": 10 ** logp, "high": 10 ** (logp + half)},
                            index=index)

    def comparables(self, rows, k: int = 5) -> pd.DataFrame:
        """The k most similar past outcomes for each row, with weights.

        Similarity is Euclidean distance in the standardised feature space, each feature weighted
        by the size of its ridge coefficient (so that features the model relies on count most),
        plus one unit when the outcome type differs from the query's; weights are a Gaussian kernel
        of the distance, normalised to sum to 1 per query row.

        Returns
        -------
        pandas.DataFrame
            query (the row's index label), rank, distance, weight, and the outcome's identifying
            columns (outcome_id, defendant, outcome_type, jurisdiction, outcome_year, amount_usd, ...).
        """
        k = check_number("k", k, minimum=1, integer=True)
        Z, index, kinds = self.design(_as_frame(rows, "rows"))
        d = np.sqrt((((Z[:, None, :] - self.train_Z_[None, :, :]) ** 2) * self.comparable_w_).sum(axis=2))
        # an outcome of another type (a fine for a class settlement) is a weaker comparable: +1 distance unit
        q_type = np.array(kinds, dtype=object)
        d = d + ((q_type[:, None] != self.train_types_[None, :]) & (q_type[:, None] != "")).astype(float)
        k = min(k, d.shape[1])
        orders: list[np.ndarray] = []
        parts: dict[str, list] = {"query": [], "rank": [], "distance": [], "weight": []}
        for i, label in enumerate(index):
            order = np.argsort(d[i], kind="stable")[:k]
            dist = d[i, order]
            h = max(float(np.median(dist)), 1e-9)
            kern = np.exp(-0.5 * (dist / h) ** 2)
            kern = kern / kern.sum()
            orders.append(order)
            parts["query"] += [label] * k
            parts["rank"].append(np.arange(1, k + 1))
            parts["distance"].append(dist)
            parts["weight"].append(kern)
        taken = np.concatenate(orders)
        table = {"query": parts["query"], "rank": np.concatenate(parts["rank"]),
                 "distance": np.concatenate(parts["distance"]), "weight": np.concatenate(parts["weight"])}
        table.update({c: values.take(taken) for c, values in self.training_shown_.items()})
        return pd.DataFrame(table)
