"""The calibrated headline: empirical level x structural ratio, with grouped conformal ranges.

For each track of :data:`toolkit.vocab.HEADLINE_TRACKS` (class settlements, regulatory fines,
AG settlements) a :class:`~toolkit.calibration.pooling.PooledLogLinearRegressor` learns
``log10(amount / structural ratio)`` of the curated outcomes from the matter's size (log people:
the slope below 1 makes the amount per person fall as the class grows), its most sensitive data
types, the year and the kind of authority, with a random intercept per authority (fines, AG settlements) or per
court's jurisdiction (class settlements), nested in its region. A thin authority borrows strength
from its region and the global level; an unseen one is predicted at its region's level with the
wider spread that comes with it.

The prediction for a matter is ``median = 10 ** level x structural ratio`` (the ratio comes
from the legal model: :mod:`toolkit.calibration.structural`). The 80% range is
``median x/÷ 10 ** (q x s)`` where ``s`` is the prediction's standard deviation (residual plus
pooling variance) and ``q`` the grouped split-conformal quantile of the normalised out-of-fold
residuals ``|r| / s`` of the calibrated headline itself (folds by incident), per track and, where a
region holds at least 30 outcomes of the track, per region (Mondrian conformal, Vovk et al. 2005);
a region with 10 to 29 outcomes takes the wider of its own quantile and the track's. This is split
conformal with a normalised score (Papadopoulos et al. 2002; Lei et al. 2018, JASA 113:1094,
section 5.2) computed on out-of-fold residuals; it is not CV+ (Barber et al. 2021) and carries
only the approximate, exchangeability-based coverage the backtest measures.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from ..case import Case
from ..errors import InputError
from ..vocab import AUTHORITIES, HEADLINE_TRACKS
from .facts import case_from_outcome, outcome_track
from .pooling import PooledLogLinearRegressor
from .prediction import (FEATURES, FINANCIAL_SUPERVISORS, HINGE, HeadlinePredictor, design_row, headline_features,
                         jurisdiction_region, track_groups)
from .structural import statutory_ratio, structural_ratio

__all__ = ["HeadlineModel", "headline_features", "track_groups", "jurisdiction_region", "FEATURES",
           "FINANCIAL_SUPERVISORS", "HINGE"]


#: Outcomes a region needs on a track for a conformal quantile of its own.
MONDRIAN_MIN = 30
#: From this many outcomes a region's own quantile widens (never narrows) the track's.
MONDRIAN_THIN = 10


def _row_people(row, track):
    def num(key):
        v = row.get(key)
        try:
            v = float(v)
        except (TypeError, ValueError):
            return None
        return v if math.isfinite(v) and v > 0 else None

    if track == "class_settlement":
        return num("class_size") or num("records_exposed")
    return num("records_exposed")


def _conformal_quantile(scores: np.ndarray, coverage: float) -> float:
    """Finite-sample split-conformal quantile: the ceil((n + 1) x coverage)-th smallest score."""
    n = len(scores)
    if n == 0:
        return 2.0
    k = math.ceil((n + 1) * coverage)
    return float(np.sort(scores)[min(k, n) - 1]) if k <= n else float(np.max(scores))


class HeadlineModel(BaseEstimator):
    """Calibrated headline model of the three tracks, fitted on the curated outcomes.

    Parameters
    ----------
    coverage : float, default=0.8
        Nominal coverage of the ranges.
    alpha : float, default=2.0
        Ridge penalty of the fixed effects.
    n_splits : int, default=5
        Grouped folds (by incident) of the conformal calibration.
    random_state : int, default=0
        Shuffles the folds.

    Attributes
    ----------
    models_ : dict
        Track -> fitted :class:`PooledLogLinearRegressor`.
    quantile_ : dict
        Track -> conformal multiplier ``q`` of the prediction's standard deviation.
    region_quantile_ : dict
        (track, region) -> its own multiplier, for regions with at least :data:`MONDRIAN_MIN` outcomes
        (Mondrian conformal by region; the others use the track's).
    n_train_ : dict
        Track -> monetary outcomes used.
    oof_ : pandas.DataFrame
        Out-of-fold predictions of the training outcomes (track, outcome_id, incident_id, y, pred, scale).
    training_ : pandas.DataFrame
        The training outcomes (outcome_id, incident_id, track, group, region, ratio, y = log10 amount).
    train_x_ : ndarray
        Their design rows.
    predictor_ : toolkit.calibration.prediction.HeadlinePredictor
        What prediction needs (the tracks' pooled levels, the multipliers, the training rows) as a
        plain object without scikit-learn; :meth:`predict_log`, :meth:`predict_interval`,
        :meth:`comparables` and :meth:`n_train_group_` delegate to it.

    Examples
    --------
    >>> from toolkit.datasets import load_outcomes
    >>> import toolkit as tk
    >>> model = HeadlineModel().fit(load_outcomes())
    >>> case = tk.Case.from_yaml("data/matters/capital_one_2019.yaml")
    >>> band = model.predict_interval(case, "class_settlement")
    >>> band["low"] < band["median"] < band["high"]
    True
    """

    def __init__(self, *, coverage=0.8, alpha=2.0, n_splits=5, random_state=0):
        self.coverage = coverage
        self.alpha = alpha
        self.n_splits = n_splits
        self.random_state = random_state

    # ------------------------------------------------------------------ training rows
    @staticmethod
    def training_rows(outcomes: pd.DataFrame) -> pd.DataFrame:
        """Monetary outcomes of the three tracks with their matter, track, groups, features and ratio."""
        df = outcomes[outcomes["outcome_type"].isin(HEADLINE_TRACKS)]
        df = df[pd.to_numeric(df["amount_usd"], errors="coerce").fillna(0) > 0]
        recs = []
        for row in df.to_dict(orient="records"):
            track = outcome_track(row["outcome_type"])
            if track is None:  # not a headline type (the filter above keeps only those)
                continue
            try:
                case = case_from_outcome(row)
            except InputError:
                continue  # a row whose facts do not make a valid matter is left out (check_data reports it)
            authority = row.get("regulator") or None
            if track != "class_settlement" and authority not in AUTHORITIES:
                continue
            group, region = track_groups(case, track, authority)
            stat = statutory_ratio(case) if track == "class_settlement" else 0.0
            ratio = structural_ratio(case, statutory_ratio=stat)[track]
            x = design_row(_row_people(row, track), case.data_types, case.incident_year, authority)
            recs.append({"outcome_id": row["outcome_id"], "incident_id": row["incident_id"],
                         "defendant": row.get("defendant"), "year": row.get("year_disclosed"), "track": track,
                         "outcome_type": row["outcome_type"], "jurisdiction": row.get("jurisdiction"),
                         "forum": row.get("forum"), "outcome_year": row.get("outcome_year"),
                         "records_exposed": row.get("records_exposed"), "regulator": authority,
                         "group": group, "region": region, "ratio": ratio,
                         "y": math.log10(float(row["amount_usd"])), "x": x})
        return pd.DataFrame(recs)

    def _fit_shaped(self, X, y, groups, regions):
        """Fit the pooled level with the size slopes kept in [0, 1) (amount up, amount per person down).

        The log-log slope lies between the ``log_people`` coefficient and the sum of it and the hinge's;
        a negative first slope drops ``log_people`` (slope from 0 up to the hinge's), a sum of 1 or more
        drops the hinge.
        """
        X = np.array(X, dtype=float)
        model = PooledLogLinearRegressor(alpha=self.alpha).fit(X, y, groups=groups, regions=regions)
        for _ in range(2):
            b_lp, b_hinge = model.coef_[0], model.coef_[1]
            if b_lp < 0:
                X[:, 0] = 0.0
            elif b_lp + b_hinge >= 1.0 or b_hinge < 0:
                X[:, 1] = 0.0
            else:
                break
            model = PooledLogLinearRegressor(alpha=self.alpha).fit(X, y, groups=groups, regions=regions)
        return model

    def fit(self, X, y=None, *, rows: pd.DataFrame | None = None):
        """Fit on an outcomes-schema DataFrame (``y`` is its ``amount_usd``; pass ``rows`` to reuse
        :meth:`training_rows`)."""
        if not (0.0 < float(self.coverage) < 1.0):
            raise InputError("coverage", self.coverage, "a number between 0 and 1")
        rows = self.training_rows(X) if rows is None else rows
        self.models_, self.quantile_, self.n_train_, self.region_quantile_ = {}, {}, {}, {}
        oof_parts = []
        rng = np.random.default_rng(self.random_state)
        for track in HEADLINE_TRACKS:
            part = rows[rows["track"] == track]
            if len(part) < 10:
                raise InputError("outcomes", f"{len(part)} monetary {track} rows", "at least 10 per track")
            Xt = np.vstack(part["x"].to_numpy())
            yt = part["y"].to_numpy() - np.log10(part["ratio"].to_numpy())
            g, r = part["group"].to_numpy(), part["region"].to_numpy()
            self.models_[track] = self._fit_shaped(Xt, yt, g, r)
            # grouped out-of-fold residuals of the calibrated headline (folds never split an incident)
            incidents = part["incident_id"].to_numpy()
            unique = np.unique(incidents)
            fold_of = dict(zip(unique, rng.permutation(len(unique)) % int(self.n_splits)))
            folds = np.array([fold_of[i] for i in incidents])
            pred = np.empty(len(part))
            scale = np.empty(len(part))
            for f in range(int(self.n_splits)):
                te = folds == f
                if not te.any():
                    continue
                m = self._fit_shaped(Xt[~te], yt[~te], g[~te], r[~te])
                pred[te], scale[te] = m.predict_with_scale(Xt[te], g[te], r[te])
            scores = np.abs(yt - pred) / scale
            self.quantile_[track] = _conformal_quantile(scores, float(self.coverage))
            # Mondrian by region where a region has enough outcomes of its own (else the track's quantile)
            # (a thinner region, from MONDRIAN_THIN outcomes, never gets a narrower range than the track's)
            for region in np.unique(r):
                mine = r == region
                own = _conformal_quantile(scores[mine], float(self.coverage))
                if mine.sum() >= MONDRIAN_MIN:
                    self.region_quantile_[(track, region)] = own
                elif mine.sum() >= MONDRIAN_THIN:
                    self.region_quantile_[(track, region)] = max(own, self.quantile_[track])
            self.n_train_[track] = len(part)
            oof_parts.append(pd.DataFrame({"track": track, "outcome_id": part["outcome_id"].to_numpy(),
                                           "incident_id": incidents, "group": g, "region": r,
                                           "y": part["y"].to_numpy(),
                                           "pred": pred + np.log10(part["ratio"].to_numpy()), "scale": scale}))
        self.oof_ = pd.concat(oof_parts, ignore_index=True)
        self.training_ = rows.drop(columns=["x"]).reset_index(drop=True)
        self.train_x_ = np.vstack(rows["x"].to_numpy())
        self.predictor_ = HeadlinePredictor(
            levels_={track: model.levels_ for track, model in self.models_.items()}, quantile_=self.quantile_,
            region_quantile_=self.region_quantile_, training_=self.training_, train_x_=self.train_x_)
        return self

    # ------------------------------------------------------------------ prediction (delegated)
    def predict_log(self, case: Case, track: str, authority: str | None = None, *, ratio: float = 1.0):
        """log10 median (including ``ratio``) and half-width of the range, for one matter on one track."""
        check_is_fitted(self, "models_")
        return self.predictor_.predict_log(case, track, authority, ratio=ratio)

    def predict_interval(self, case: Case, track: str, authority: str | None = None, *, ratio: float = 1.0) -> dict:
        """low, median, high (USD) of the amount given that it happens, and the log10 half-width."""
        check_is_fitted(self, "models_")
        return self.predictor_.predict_interval(case, track, authority, ratio=ratio)

    def n_train_group_(self, track: str, group: str) -> tuple[int, int]:
        """Training rows of a group (authority) and of its region on a track: how much the level pools."""
        check_is_fitted(self, "models_")
        return self.predictor_.n_train_group_(track, group)

    def comparables(self, case: Case, track: str = "class_settlement", authority: str | None = None,
                    k: int = 10) -> pd.DataFrame:
        """The training outcomes nearest the matter on a track, with kernel weights (they sum to 1).

        See :meth:`HeadlinePredictor.comparables <toolkit.calibration.prediction.HeadlinePredictor.comparables>`.
        """
        check_is_fitted(self, "models_")
        return self.predictor_.comparables(case, track, authority, k=k)
