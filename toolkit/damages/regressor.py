"""Empirical outcome model: :class:`OutcomeRegressor` and its baselines.

The regressor learns log10(amount in USD) of past legal outcomes (class settlements, fines, AG
settlements, verdicts) from the outcomes table and gives ranges by a grouped, normalised conformal
recipe: out-of-fold absolute residuals (folds that never split an incident), divided by a residual
scale per outcome type, give one quantile, which is added around the *full-data* fit. This is not
CV+ (Barber, Candès, Ramdas & Tibshirani 2021, Ann. Statist. 49(1)), which centres each interval on
the fold models' predictions, nor split conformal, which holds the calibration rows out of the fit:
it carries neither method's finite-sample coverage guarantee, and its coverage is what the grouped
validation measures (:func:`toolkit.damages.validate`). It is the market check; the headline is
:class:`toolkit.calibration.HeadlineModel`.

Only **monetary** rows are used: ``amount_usd > 0`` (dismissals, non-monetary orders and pending
matters carry no amount to learn; their probability belongs to the litigation model).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, RegressorMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted as _sk_check_is_fitted
from sklearn.utils.validation import validate_data

from ..errors import InputError, NotFittedError
from ._common import check_number
from .features import (_FORUM_KEYS, _GOVERNANCE, _MONETARY_TYPES, FEATURE_NAMES, REGIME_GROUPS,  # noqa: F401
                       _as_frame, _col, _columns, _is_rows, _num, _text, featurize, fill_values, regime_group)
from .predictor import OutcomePredictor

__all__ = ["OutcomeRegressor", "OutcomeFeaturizer", "OutcomeTypeMedianBaseline", "PerPersonMedianBaseline",
           "JacobsBaseline", "monetary_rows", "regime_group"]


def check_is_fitted(estimator) -> None:
    """Raise :class:`toolkit.errors.NotFittedError` naming the class if ``fit`` has not run."""
    try:
        _sk_check_is_fitted(estimator)
    except Exception:  # sklearn's NotFittedError
        raise NotFittedError(f"This {type(estimator).__name__} instance is not fitted yet; call 'fit' first.") from None


def _check_input(estimator, X, y=None, *, reset: bool, fitting: bool = False):
    """Rows as a DataFrame (and y as an array or None), the scikit-learn way.

    A DataFrame, a Series (one row) or a dict is read by column name: columns the model does not
    know are ignored and missing ones contribute nothing, so that a matter's row need not carry
    every column. At ``fit`` its columns become ``feature_names_in_`` (``n_features_in_``).

    Anything else is an array-like, validated by :func:`sklearn.utils.validation.validate_data`
    (numeric, 2-D, not sparse, not complex, finite, the same number of columns as at ``fit``); its columns
    are named by position after ``feature_names_in_`` when the model was fitted on a DataFrame,
    else ``x0, x1, ...`` (which name no outcomes-table column).
    """
    if _is_rows(X):
        frame = _as_frame(X)
        if reset:
            for attr in ("feature_names_in_", "n_features_in_"):
                if hasattr(estimator, attr):
                    delattr(estimator, attr)
            estimator.feature_names_in_ = np.asarray(frame.columns.astype(str), dtype=object)
            estimator.n_features_in_ = frame.shape[1]
        if y is not None:
            y = np.asarray(y, dtype=object)
        return frame, y
    names = getattr(estimator, "feature_names_in_", None) if not reset else None
    if fitting:
        array, y = validate_data(estimator, X, y, reset=reset, y_numeric=True)
    else:
        array = validate_data(estimator, X, reset=reset)
    columns = list(names) if names is not None and len(names) == array.shape[1] else \
        [f"x{i}" for i in range(array.shape[1])]
    return pd.DataFrame(array, columns=columns), y


def monetary_rows(outcomes: pd.DataFrame, y=None) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows a model learns from (amount > 0, finite) and their log10 amounts."""
    X = _as_frame(outcomes)
    if y is None:
        if "amount_usd" not in X.columns:
            raise InputError("y", None, "an amount per row, or X with an 'amount_usd' column")
        y = X["amount_usd"]
    y = pd.to_numeric(pd.Series(np.asarray(y, dtype=object), index=X.index), errors="coerce").astype(float)
    if len(y) != len(X):
        raise InputError("y", f"{len(y)} values", f"one amount per row of X ({len(X)} rows)")
    keep = y.notna() & np.isfinite(y) & (y > 0)
    return X.loc[keep], np.log10(y[keep].to_numpy(dtype=float))


class OutcomeFeaturizer(TransformerMixin, BaseEstimator):
    """Outcomes-schema rows -> the numeric design of :class:`OutcomeRegressor` (a transformer).

    Robust to missing columns and unseen values; columns it does not read are ignored. Plain numpy
    and Python per cell (no pandas transform per call): about 0.1 ms for one row. What it learns
    from the training rows (the fill values of records, class size and year) is computed once, in
    :meth:`fit`. It is the first step of a :class:`sklearn.pipeline.Pipeline` like any transformer.

    Attributes
    ----------
    fill_ : dict
        log10 records, log10 class size and year used where a row states none (training medians).
    feature_names_in_ : ndarray of str
        The input columns seen at :meth:`fit` (when fitted on a DataFrame).
    n_features_in_ : int
        Number of input columns.

    Examples
    --------
    >>> import pandas as pd
    >>> from sklearn.linear_model import Ridge
    >>> from sklearn.pipeline import make_pipeline
    >>> X = pd.DataFrame({"records_exposed": [1e3, 1e5, 1e7], "outcome_type": ["regulatory_fine"] * 3})
    >>> pipe = make_pipeline(OutcomeFeaturizer(), Ridge()).fit(X, [4.0, 5.0, 6.0])
    >>> pipe[0].get_feature_names_out()[:2].tolist()
    ['log_records', 'records_missing']
    """

    def fit(self, X, y=None):
        """Learn the fill values from the rows (an outcomes-schema DataFrame or an array-like)."""
        X, _ = _check_input(self, X, reset=True)
        self.fill_ = fill_values(X)
        return self

    def transform_array(self, X) -> tuple[np.ndarray, pd.Index, list]:
        """The design matrix (Fortran order, columns :data:`FEATURE_NAMES`), the rows' index and their
        outcome types: :func:`toolkit.damages.features.featurize` with :attr:`fill_`."""
        return featurize(X, self.fill_)

    def transform(self, X) -> pd.DataFrame:
        """The design matrix as a DataFrame indexed like ``X`` (columns :data:`FEATURE_NAMES`)."""
        check_is_fitted(self)
        if not _is_rows(X):
            X, _ = _check_input(self, X, reset=False)
        F, index, _ = self.transform_array(_as_frame(X))
        return pd.DataFrame(F, index=index, columns=list(FEATURE_NAMES))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The engineered features, :data:`FEATURE_NAMES`, in design order."""
        return np.asarray(FEATURE_NAMES, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = []  # always float64 features, whatever the input's dtype
        return tags


#: The featuriser :class:`OutcomeRegressor` fits (a module name, so a test can swap in a reference one).
_Featurizer = OutcomeFeaturizer


def _group_ids(X: pd.DataFrame) -> np.ndarray:
    if "incident_id" in X.columns:
        ids = X["incident_id"].astype("string").fillna("")
        fallback = pd.Series([f"_row{i}" for i in range(len(X))], index=X.index)
        return np.where(ids == "", fallback, ids).astype(str)
    return np.array([f"_row{i}" for i in range(len(X))])


def _conformal_quantile(scores: np.ndarray, coverage: float) -> float:
    """Finite-sample split-conformal quantile: the ceil((n+1)c)-th smallest score."""
    n = len(scores)
    if n == 0:
        return np.inf
    k = math.ceil((n + 1) * coverage)
    return float(np.sort(scores)[min(k, n) - 1]) if k <= n else float(np.max(scores) * 1.25)


class OutcomeRegressor(RegressorMixin, BaseEstimator):
    """Settlement / fine amount model with calibrated ranges, fitted on the outcomes table.

    Target: log10 of ``amount_usd``; only monetary rows (``amount_usd > 0``) are used. Features:
    log records and class size (with missing indicators), data types (multi-hot), sector, outcome
    type, regime group of the jurisdiction and forum keywords (HHS, FTC, SEC, bank regulators, AGs,
    MDLs), cloud provider, misconfiguration type, service model, the nine governance flags
    (yes / no, unknown as neither), and year. Unknown columns are ignored, missing columns and
    unseen categories contribute nothing. The model is a ridge regression on standardised features.

    Ranges are grouped split-conformal: out-of-fold absolute residuals (folds by ``incident_id``,
    so an incident's outcomes are never on both sides), divided by a per-outcome-type residual
    scale, give the quantile at ``coverage``; the range is median x/÷ 10^(q x scale).

    Parameters
    ----------
    coverage : float, default=0.8
        Target share of new outcomes inside ``predict_interval`` (0 < coverage < 1).
    alpha : float, default=1.0
        Ridge penalty per feature (> 0): the ridge penalty on the standardised features is
        ``alpha x n_features`` (about 80 features), which keeps the model close to the per-type
        medians unless the data insist (chosen by grouped cross-validation on the provisional
        outcomes table; see :func:`toolkit.damages.validate`).
    random_state : int, numpy.random.Generator or None, default=None
        Shuffles the calibration folds. Pass an int for reproducible output across calls.

    Attributes
    ----------
    coef_ : pandas.Series
        Ridge coefficients per engineered feature (standardised scale), indexed by
        ``featurizer_.get_feature_names_out()``.
    intercept_ : float
    featurizer_ : OutcomeFeaturizer
        The fitted featuriser (outcomes-schema rows -> the engineered design).
    feature_names_in_ : ndarray of str
        The input columns seen at :meth:`fit` (when fitted on a DataFrame), as in scikit-learn.
    n_features_in_ : int
        Number of input columns seen at :meth:`fit`.
    n_train_ : int
        Monetary rows used.
    conformal_quantile_ : float
        Calibrated multiplier of the residual scale, at ``coverage``.
    scale_by_type_ : dict
        Residual scale (log10) per outcome type, with ``"_all"`` for unseen types.
    residuals_ : ndarray
        Out-of-fold residuals (log10) of the calibration.
    training_ : pandas.DataFrame
        The monetary rows (selected columns) used by :meth:`comparables`.
    predictor_ : toolkit.damages.predictor.OutcomePredictor
        What prediction needs, as a plain object without scikit-learn: :meth:`predict`,
        :meth:`predict_interval` and :meth:`comparables` validate their input and delegate to it.

    See Also
    --------
    OutcomeTypeMedianBaseline, PerPersonMedianBaseline, JacobsBaseline, toolkit.damages.validate

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> n = 120
    >>> rec = 10 ** rng.uniform(3, 8, n)
    >>> kind = rng.choice(["class_settlement", "regulatory_fine"], n)
    >>> amount = 10 ** (2.0 + 0.6 * np.log10(rec) + (kind == "regulatory_fine") * 0.5 + rng.normal(0, 0.3, n))
    >>> X = pd.DataFrame({"incident_id": [f"i{i}" for i in range(n)], "records_exposed": rec.round(),
    ...                   "outcome_type": kind, "amount_usd": amount})
    >>> model = OutcomeRegressor(random_state=0).fit(X)
    >>> model.predict_interval(X.head(2)).columns.tolist()
    ['low', 'median', 'high']
    """

    def __init__(self, *, coverage=0.8, alpha=1.0, random_state=None):
        self.coverage = coverage
        self.alpha = alpha
        self.random_state = random_state

    # ------------------------------------------------------------------ fitting
    def _validate_params(self):
        check_number("coverage", self.coverage, minimum=0.01, maximum=0.99)
        check_number("alpha", self.alpha, minimum=1e-12)
        rs = self.random_state
        if not (rs is None or isinstance(rs, np.random.Generator) or
                (isinstance(rs, (int, np.integer)) and not isinstance(rs, bool) and rs >= 0)):
            raise InputError("random_state", rs, "None, a non-negative int or a numpy Generator")

    def _fit_core(self, F: pd.DataFrame, y: np.ndarray):
        from sklearn.linear_model import Ridge

        mean = F.mean()
        std = F.std(ddof=0).replace(0, 1.0)
        Z = (F - mean) / std
        ridge = Ridge(alpha=float(self.alpha) * F.shape[1]).fit(Z.to_numpy(), y)
        return mean, std, ridge

    def fit(self, X, y=None):
        """Fit on an outcomes-schema DataFrame; ``y`` defaults to ``X['amount_usd']`` (USD).

        Rows without a positive amount are dropped (see the module docstring). Needs at least
        10 monetary rows from at least 5 incidents.
        """
        self._validate_params()
        X, y = _check_input(self, X, y, reset=True, fitting=True)
        rows, logy = monetary_rows(X, y)
        groups = _group_ids(rows)
        if len(rows) < 10 or len(set(groups)) < 5:
            raise InputError("X", f"n_samples={len(rows)} with a positive amount, from {len(set(groups))} incidents",
                             "at least 10 rows with amount_usd > 0 from at least 5 incidents")
        self.featurizer_ = _Featurizer().fit(rows)
        F = self.featurizer_.transform(rows)
        self._mean_, self._std_, self._ridge_ = self._fit_core(F, logy)
        self.coef_ = pd.Series(self._ridge_.coef_, index=F.columns)
        self.intercept_ = float(self._ridge_.intercept_)

        # grouped out-of-fold residuals for conformal calibration
        from sklearn.model_selection import GroupKFold

        n_splits = min(5, len(set(groups)))
        seed = self.random_state if isinstance(self.random_state, (int, np.integer)) else \
            (None if self.random_state is None else int(self.random_state.integers(2**31)))
        cv = GroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        oof = np.empty(len(rows))
        for tr, te in cv.split(F, logy, groups):
            feat = _Featurizer().fit(rows.iloc[tr])
            m, s, r = self._fit_core(feat.transform(rows.iloc[tr]), logy[tr])
            oof[te] = r.predict(((feat.transform(rows.iloc[te]) - m) / s).to_numpy())
        resid = logy - oof
        self.residuals_ = resid
        kinds = _text(rows, "outcome_type").to_numpy()
        overall = float(np.median(np.abs(resid))) or 1e-6
        scale = {"_all": overall}
        for k in np.unique(kinds):
            r = np.abs(resid[kinds == k])
            # shrink small groups towards the overall scale (weight n / (n + 10))
            w = len(r) / (len(r) + 10.0)
            scale[k] = float(w * np.median(r) + (1 - w) * overall) if len(r) else overall
        self.scale_by_type_ = scale
        scores = np.abs(resid) / np.array([scale.get(k, overall) for k in kinds])
        self.conformal_quantile_ = _conformal_quantile(scores, float(self.coverage))
        self.n_train_ = len(rows)
        keep = [c for c in ("outcome_id", "incident_id", "defendant", "outcome_type", "jurisdiction", "forum",
                            "outcome_year", "records_exposed", "class_size", "amount_usd") if c in rows.columns]
        self.training_ = rows[keep].copy()
        self.training_["_log_amount"] = logy
        self._train_Z_ = ((F - self._mean_) / self._std_).to_numpy()
        self._learn_prediction_state()
        return self

    def _learn_prediction_state(self):
        """What prediction needs from the fit, as a plain object (:attr:`predictor_`), computed once."""
        w = np.abs(self.coef_.to_numpy())
        shown = self.training_.drop(columns="_log_amount")
        self.predictor_ = OutcomePredictor(
            fill_=dict(self.featurizer_.fill_), mean_=self._mean_.to_numpy(dtype=float),
            std_=self._std_.to_numpy(dtype=float), coef_=np.asarray(self._ridge_.coef_, dtype=float),
            intercept_=float(self._ridge_.intercept_), conformal_quantile_=self.conformal_quantile_,
            scale_by_type_=self.scale_by_type_, train_Z_=self._train_Z_,
            train_types_=_text(self.training_, "outcome_type").to_numpy(), comparable_w_=w / (w.sum() or 1.0),
            training_shown_={c: shown[c].array for c in shown.columns})  # typed columns, taken by position

    def _rows(self, X):
        """``X`` as the predictor reads it: rows by column name, anything else validated as scikit-learn does."""
        check_is_fitted(self)
        if not hasattr(self, "predictor_"):  # fitted by an older version of this class
            self._learn_prediction_state()
        if not _is_rows(X):
            X, _ = _check_input(self, X, reset=False)
        return X

    # ------------------------------------------------------------------ prediction (delegated)
    def predict(self, X) -> np.ndarray:
        """Median amount (USD) for each row."""
        X = self._rows(X)  # before predictor_ is read: a model that is not fitted raises NotFittedError
        return self.predictor_.predict(X)

    def predict_interval(self, X) -> pd.DataFrame:
        """Calibrated range at ``coverage``: DataFrame indexed like X with low, median, high (USD)."""
        X = self._rows(X)
        return self.predictor_.predict_interval(X)

    def score(self, X, y=None, sample_weight=None):
        """R^2 on log10 amounts of the monetary rows (``y`` defaults to ``X['amount_usd']``)."""
        from sklearn.metrics import r2_score

        X = self._rows(X)
        rows, logy = monetary_rows(X, y)
        *_, logp = self.predictor_.predict_log(rows)
        return float(r2_score(logy, logp))

    def comparables(self, rows, k: int = 5) -> pd.DataFrame:
        """The k most similar past outcomes for each row, with weights.

        See :meth:`OutcomePredictor.comparables <toolkit.damages.predictor.OutcomePredictor.comparables>`.
        """
        check_is_fitted(self)
        if not hasattr(self, "predictor_"):
            self._learn_prediction_state()
        return self.predictor_.comparables(rows, k=k)

    def __sklearn_tags__(self):
        return _amount_tags(super().__sklearn_tags__())


def _amount_tags(tags):
    """The tags of a model of amounts: the target is a positive amount (USD), learned on log10."""
    tags.target_tags.positive_only = True
    tags.target_tags.required = True
    return tags


# --------------------------------------------------------------------------- baselines
class _IntervalBaseline(RegressorMixin, BaseEstimator):
    def _check(self):
        check_number("coverage", self.coverage, minimum=0.01, maximum=0.99)

    def _rows(self, X) -> pd.DataFrame:
        check_is_fitted(self)
        return _check_input(self, X, reset=False)[0]

    def predict(self, X):
        """Median amount (USD)."""
        return self.predict_interval(X)["median"].to_numpy()

    def __sklearn_tags__(self):
        return _amount_tags(super().__sklearn_tags__())


def _quantile_table(values, kinds, coverage) -> pd.DataFrame:
    """n, low, median, high of ``values`` per kind and overall (``_all``), at the central ``coverage``."""
    a = (1 - float(coverage)) / 2
    recs = []
    for k in list(np.unique(kinds)) + ["_all"]:
        v = values if k == "_all" else values[kinds == k]
        if len(v) == 0:  # nothing to learn from (e.g. no person counts): NaN, so callers fall back
            recs.append((k, 0, np.nan, np.nan, np.nan))
            continue
        recs.append((k, len(v), np.quantile(v, a), np.median(v), np.quantile(v, 1 - a)))
    return pd.DataFrame(recs, columns=["outcome_type", "n", "low", "median", "high"]).set_index("outcome_type")


class OutcomeTypeMedianBaseline(_IntervalBaseline):
    """Median amount by outcome type; ranges from the empirical quantiles within the type.

    Parameters
    ----------
    coverage : float, default=0.8

    Attributes
    ----------
    table_ : pandas.DataFrame
        Per outcome type (and ``_all``): n, low, median, high of log10 amount.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"outcome_type": ["regulatory_fine"] * 3 + ["class_settlement"] * 3,
    ...                   "amount_usd": [1e5, 1e6, 1e7, 1e6, 1e7, 1e8]})
    >>> OutcomeTypeMedianBaseline().fit(X).predict(X.iloc[[0, 3]]).round()
    array([ 1000000., 10000000.])
    """

    def __init__(self, *, coverage=0.8):
        self.coverage = coverage

    def fit(self, X, y=None):
        self._check()
        X, y = _check_input(self, X, y, reset=True, fitting=True)
        rows, logy = monetary_rows(X, y)
        if len(rows) == 0:
            raise InputError("X", "no rows with amount_usd > 0", "at least one monetary outcome")
        self.table_ = _quantile_table(logy, _text(rows, "outcome_type").to_numpy(), self.coverage)
        return self

    def predict_interval(self, X):
        """low, median, high (USD), indexed like X; unseen types get the overall distribution."""
        X = self._rows(X)
        kinds = _text(X, "outcome_type")
        t = self.table_.reindex(kinds.where(kinds.isin(self.table_.index), "_all").to_numpy())
        return pd.DataFrame(10 ** t[["low", "median", "high"]].to_numpy(), columns=["low", "median", "high"],
                            index=X.index)


class PerPersonMedianBaseline(_IntervalBaseline):
    """Amount per person (class size, else records) by outcome type x people; empirical ranges.

    Rows without a person count fall back to the outcome-type median.

    Attributes
    ----------
    table_ : pandas.DataFrame
        Per outcome type (and ``_all``): n, low, median, high of log10 USD per person.
    fallback_ : OutcomeTypeMedianBaseline
    """

    def __init__(self, *, coverage=0.8):
        self.coverage = coverage

    @staticmethod
    def _people(X):
        return _num(X, "class_size").fillna(_num(X, "records_exposed")).where(lambda s: s > 0)

    def fit(self, X, y=None):
        self._check()
        X, y = _check_input(self, X, y, reset=True, fitting=True)
        rows, logy = monetary_rows(X, y)
        self.fallback_ = OutcomeTypeMedianBaseline(coverage=self.coverage).fit(rows, 10 ** logy)
        people = self._people(rows).to_numpy()
        ok = np.isfinite(people)  # rows without a person count (all of them, for a plain array) use the fallback
        lpp = logy[ok] - np.log10(people[ok])
        self.table_ = _quantile_table(lpp, _text(rows, "outcome_type").to_numpy()[ok], self.coverage)
        return self

    def predict_interval(self, X):
        """low, median, high (USD), indexed like X."""
        X = self._rows(X)
        out = self.fallback_.predict_interval(X)
        people = self._people(X)
        kinds = _text(X, "outcome_type")
        t = self.table_.reindex(kinds.where(kinds.isin(self.table_.index), "_all").to_numpy())
        lp = np.log10(people.to_numpy())
        ok = np.isfinite(lp)
        vals = 10 ** (t[["low", "median", "high"]].to_numpy() + lp[:, None])
        out.loc[ok] = vals[ok]
        return out


class JacobsBaseline(_IntervalBaseline):
    """Jacobs (2014) log-log cost model as an outcome predictor (no fitting; records needed).

    ``predict_interval`` gives NaN where ``records_exposed`` is missing; the validation scores it
    on the rows where it applies. It predicts the breached firm's total cost, not a legal outcome,
    so it is a yardstick, not a competitor.
    """

    def __init__(self, *, coverage=0.8):
        self.coverage = coverage

    def fit(self, X=None, y=None):
        """Nothing to learn; validates ``X`` (and ``y``) when given, as any estimator does."""
        self._check()
        if X is not None:
            _check_input(self, X, y, reset=True, fitting=y is not None)
        self.fitted_ = True
        return self

    def predict_interval(self, X):
        from .components import jacobs_loglog

        X = self._rows(X)
        rec = _num(X, "records_exposed")
        out = pd.DataFrame(np.nan, index=X.index, columns=["low", "median", "high"])
        ok = rec > 0
        if ok.any():
            j = jacobs_loglog(rec[ok].to_numpy(), coverage=float(self.coverage))
            out.loc[ok, ["low", "median", "high"]] = j[["low", "median", "high"]].to_numpy()
        return out
