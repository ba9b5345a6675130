"""What the calibrated headline needs to predict, without scikit-learn: the design, the pooled levels, the ranges.

:class:`~toolkit.calibration.HeadlineModel` and
:class:`~toolkit.calibration.PooledLogLinearRegressor` are scikit-learn estimators; what their fit
learns for prediction is held here, in plain objects (numpy, pandas, dicts) that their predict
methods delegate to: :class:`PooledLevels` (a pooled model's levels and variances) and
:class:`HeadlinePredictor` (the three tracks' levels, conformal multipliers and comparables). The
on-disk cache (:mod:`toolkit.calibration.fitted`) stores these, so an assessment that reads a cached
fit never imports scikit-learn (nor SciPy's statistics, which scikit-learn loads).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..case import Case
from ..errors import InputError
from ..vocab import AUTHORITIES, HEADLINE_TRACKS
from ..vocab import jurisdiction_region as _vocab_region

__all__ = ["PooledLevels", "HeadlinePredictor", "headline_features", "track_groups", "jurisdiction_region",
           "FEATURES", "FINANCIAL_SUPERVISORS", "HINGE", "design_row", "is_design"]

#: The fixed-effect features of the level model, in design order: the matter's size (log10 people
#: around 100,000) and a soft hinge at one million people, ``log10(1 + 10 ** (log_people - 1))``, so that
#: the slope in log-log can rise for large matters but stays between the two coefficients (the fit keeps
#: both slopes in [0, 1): the amount grows with the class while the amount per person falls); an
#: unknown-size flag; the two data categories courts and regulators weigh most (Social Security numbers:
#: identity theft; health data: HIPAA and GDPR Art. 9); the year; and whether the authority is a
#: financial supervisor (they fine more). A 16-feature version (all data types, sectors, failure type)
#: was tried and overfit: grouped out-of-fold median error 0.41 against 0.32 dex on the class
#: settlements of the 2026-11 table.
FEATURES = ("log_people", "log_people_hinge_1m", "people_unknown", "ssn", "health", "year", "financial_supervisor")
#: Knot of the soft hinge, in log10 people around 100,000 (1 = one million people).
HINGE = 1.0
#: Financial supervisors among the authorities (prudential, securities and financial-conduct regulators).
FINANCIAL_SUPERVISORS = frozenset({"US-OCC", "US-FRB", "US-FDIC", "US-CFPB", "US-NY-DFS", "US-SEC", "US-FINRA",
                                   "GB-FCA", "GB-PRA", "AU-ASIC", "AU-APRA"})
#: The columns of :meth:`HeadlinePredictor.comparables`, in order.
COMPARABLE_COLUMNS = ("rank", "outcome_id", "incident_id", "defendant", "outcome_type", "jurisdiction", "forum",
                      "regulator", "outcome_year", "records_exposed", "amount_usd", "distance", "weight")


def jurisdiction_region(code: str) -> str:
    """Pooling region of a jurisdiction code: us, gb, eu, ca, apac, other.

    A view of :func:`toolkit.vocab.jurisdiction_region`: the US federal and state levels are pooled
    as ``us`` (a class action's court sits in a state but its class is usually nationwide), and of
    the ``americas`` region Canada stands alone as ``ca`` (its provinces' class-action regimes)
    while the few other outcomes of the Americas pool with the rest of the world (``other``), as
    the headline was calibrated.

    >>> [jurisdiction_region(c) for c in ("US-CA", "GB", "EU-IE", "NO", "CA-QC", "SG", "BR")]
    ['us', 'gb', 'eu', 'eu', 'ca', 'apac', 'other']
    """
    region = _vocab_region(code)
    if region in ("us_federal", "us_state"):
        return "us"
    if region == "americas":
        return "ca" if str(code).strip().upper().split("-")[0] == "CA" else "other"
    return region


def _court_jurisdiction(jurisdictions) -> str:
    specific = [j for j in jurisdictions if j != "US"]
    return specific[0] if specific else jurisdictions[0]


def track_groups(case: Case, track: str, authority: str | None = None) -> tuple[str, str]:
    """(group, region) of a matter on a track: the authority for penalties, the court's jurisdiction for a class."""
    if track == "class_settlement":
        group = _court_jurisdiction(case.jurisdictions)
        return group, jurisdiction_region(group)
    if authority is None or authority not in AUTHORITIES:
        raise InputError("authority", authority, "an authority code of toolkit.vocab.AUTHORITIES")
    return authority, AUTHORITIES[authority].region


def design_row(people, types, year, authority=None) -> list[float]:
    """The design row (:data:`FEATURES`) of a size (people, or None when unknown), data types, year and authority."""
    known = people is not None and people > 0
    lp = math.log10(people) - 5.0 if known else 0.0
    y = 0.0 if year is None else float(min(max(year, 2005), 2026) - 2018)
    hinge = math.log10(1.0 + 10.0 ** (lp - HINGE)) if known else 0.0
    return [lp, hinge, 0.0 if known else 1.0, float("ssn" in types), float("health" in types), y,
            float(authority in FINANCIAL_SUPERVISORS)]


def headline_features(case: Case, track: str, authority: str | None = None) -> np.ndarray:
    """The design row of a matter on a track (numpy, no pandas: about 10 µs).

    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=1_000_000, data_types=["ssn"], sector="finance",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US"], incident_year=2019)
    >>> float(dict(zip(FEATURES, headline_features(case, "class_settlement")))["log_people"])
    1.0
    """
    people = case.class_size if track == "class_settlement" else case.records_exposed
    return np.asarray(design_row(people, case.data_types, case.incident_year, authority), dtype=float)


def is_design(X, width: int) -> bool:
    """Whether ``X`` is already a finite float64 design of ``width`` columns and at least one row (no checks needed)."""
    return bool(isinstance(X, np.ndarray) and X.dtype == np.float64 and X.ndim == 2 and X.shape[1] == width
                and len(X) and np.isfinite(X).all())


def _codes(codes, n: int) -> np.ndarray:
    return np.full(n, "_") if codes is None else np.asarray(codes, dtype=object).astype(str)


@dataclass(eq=False)
class PooledLevels:
    """What a fitted :class:`~toolkit.calibration.PooledLogLinearRegressor` predicts with.

    Attributes
    ----------
    coef_, intercept_ : ndarray, float
        Fixed effects on the original feature scale.
    group_effect_, region_effect_ : dict
        Shrunken intercepts per group and region code (log10).
    group_count_, region_count_ : dict
        Training rows per code.
    sigma2_, tau2_group_, tau2_region_ : float
        Residual and between-group variances (log10 squared).
    n_features_in_ : int
        Width of the design.
    """

    coef_: np.ndarray
    intercept_: float
    group_effect_: dict
    region_effect_: dict
    group_count_: dict
    region_count_: dict
    sigma2_: float
    tau2_group_: float
    tau2_region_: float
    n_features_in_: int

    def _effects(self, codes, effects, counts, tau2):
        eff = np.array([effects.get(c, 0.0) for c in codes])
        n = np.array([counts.get(c, 0) for c in codes], dtype=float)
        k = self.sigma2_ / tau2
        var = tau2 * k / (n + k)  # posterior variance of the intercept: tau2 when unseen
        return eff, var

    def predict_with_scale(self, X, groups=None, regions=None) -> tuple[np.ndarray, np.ndarray]:
        """Predicted log10 amount and its standard deviation for new rows (residual + pooling).

        ``X`` is a finite numeric design of :attr:`n_features_in_` columns (anything else raises
        :class:`~toolkit.errors.InputError` naming ``X``); ``groups`` and ``regions`` are codes per row.
        """
        if not is_design(X, self.n_features_in_):
            try:
                X = np.asarray(X, dtype=float)
            except (TypeError, ValueError):
                raise InputError("X", type(X).__name__, "a numeric design (rows x features)") from None
            if X.ndim != 2 or X.shape[1] != self.n_features_in_ or not len(X) or not np.isfinite(X).all():
                raise InputError("X", f"shape {X.shape}" + ("" if np.isfinite(X).all() else ", not finite"),
                                 f"finite numbers, at least one row of {self.n_features_in_} features")
        n = len(X)
        u, u_var = self._effects(_codes(groups, n), self.group_effect_, self.group_count_, self.tau2_group_)
        v, v_var = self._effects(_codes(regions, n), self.region_effect_, self.region_count_, self.tau2_region_)
        mean = self.intercept_ + X @ self.coef_ + u + v
        return mean, np.sqrt(self.sigma2_ + u_var + v_var)


@dataclass(eq=False)
class HeadlinePredictor:
    """What a fitted :class:`~toolkit.calibration.HeadlineModel` predicts with (its methods delegate here).

    Attributes
    ----------
    levels_ : dict
        Track -> :class:`PooledLevels`.
    quantile_ : dict
        Track -> conformal multiplier ``q`` of the prediction's standard deviation.
    region_quantile_ : dict
        (track, region) -> its own multiplier (Mondrian conformal by region).
    training_ : pandas.DataFrame
        The training outcomes (outcome_id, incident_id, track, group, region, ratio, y = log10 amount, ...).
    train_x_ : ndarray
        Their design rows.
    """

    levels_: dict
    quantile_: dict
    region_quantile_: dict
    training_: pd.DataFrame
    train_x_: np.ndarray
    _lookups: dict = field(default_factory=dict, repr=False, compare=False)

    def predict_log(self, case: Case, track: str, authority: str | None = None, *,
                    ratio: float = 1.0) -> tuple[float, float]:
        """log10 median (including ``ratio``) and half-width of the range, for one matter on one track."""
        if track not in HEADLINE_TRACKS:
            raise InputError("track", track, "one of " + ", ".join(HEADLINE_TRACKS))
        group, region = track_groups(case, track, authority)
        x = headline_features(case, track, authority)[None, :]
        mean, scale = self.levels_[track].predict_with_scale(x, [group], [region])
        q = self.region_quantile_.get((track, region), self.quantile_[track])
        return float(mean[0] + math.log10(max(ratio, 1e-12))), float(q * scale[0])

    def predict_interval(self, case: Case, track: str, authority: str | None = None, *, ratio: float = 1.0) -> dict:
        """low, median, high (USD) of the amount given that it happens, and the log10 half-width."""
        centre, half = self.predict_log(case, track, authority, ratio=ratio)
        return {"low": 10 ** (centre - half), "median": 10 ** centre, "high": 10 ** (centre + half),
                "half_width_log10": half}

    def n_train_group_(self, track: str, group: str) -> tuple[int, int]:
        """Training rows of a group (authority) and of its region on a track: how much the level pools."""
        levels = self.levels_[track]
        region = AUTHORITIES[group].region if group in AUTHORITIES else jurisdiction_region(group)
        return int(levels.group_count_.get(group, 0)), int(levels.region_count_.get(region, 0))

    def comparables(self, case: Case, track: str = "class_settlement", authority: str | None = None,
                    k: int = 10) -> pd.DataFrame:
        """The training outcomes nearest the matter on a track, with kernel weights (they sum to 1).

        Distance: the design rows' Euclidean distance weighted by the size of each fixed effect, plus
        half a unit for another authority (or court) and one unit for another region.
        """
        group, region = track_groups(case, track, authority)
        look = self._lookup(track)
        x = headline_features(case, track, authority)
        dist = np.sqrt(((look["x"] - x) ** 2 * look["coef"] / look["coef_sum"]).sum(axis=1))
        dist = dist + (look["group"] != group) * 0.5 + (look["region"] != region) * 1.0
        order = np.lexsort((look["outcome_id"], dist))[:int(k)]  # by distance, then outcome id
        near = dist[order]
        kern = np.exp(-0.5 * (near / max(float(np.median(near)), 1e-9)) ** 2) if len(near) else near
        columns = {"rank": np.arange(1, len(order) + 1)}
        columns.update({name: values.take(order) for name, values in look["columns"].items()})
        columns.update(amount_usd=np.round(10 ** look["y"][order], 0), distance=near, weight=kern / kern.sum())
        return pd.DataFrame(columns)  # in the order of COMPARABLE_COLUMNS

    def _lookup(self, track: str) -> dict:
        """What :meth:`comparables` reads of a track's training rows, computed once per track."""
        if track not in self._lookups:
            mask = (self.training_["track"] == track).to_numpy()
            rows = self.training_[mask]
            coef = np.abs(self.levels_[track].coef_)
            self._lookups[track] = {
                "columns": {name: rows[name].array for name in COMPARABLE_COLUMNS[1:-3]},  # the training columns
                "y": rows["y"].to_numpy(dtype=float), "x": self.train_x_[mask], "coef": coef,
                "coef_sum": max(coef.sum(), 1e-9), "group": rows["group"].to_numpy(),
                "region": rows["region"].to_numpy(), "outcome_id": rows["outcome_id"].to_numpy().astype(str)}
        return self._lookups[track]

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_lookups"] = {}  # recomputed on first use: not worth the disk
        return state
