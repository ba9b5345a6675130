"""The market check's featurisation, without scikit-learn: outcomes-schema rows -> the numeric design.

Plain numpy and Python per cell (no pandas transform per call): about 0.1 ms for one row. Robust
to missing columns and unseen values; columns it does not read are ignored. The transformer
:class:`~toolkit.damages.OutcomeFeaturizer` and the market check's prediction state
(:class:`~toolkit.damages.predictor.OutcomePredictor`) both call :func:`featurize`.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from ..errors import InputError
from ..vocab import (CLOUD_PROVIDERS, CONTROLS, DATA_TYPES, MISCONFIGURATION_TYPES, OUTCOME_TYPES, SECTORS,
                     SERVICE_MODELS, jurisdiction_region)

__all__ = ["FEATURE_NAMES", "REGIME_GROUPS", "regime_group", "fill_values", "featurize"]

_GOVERNANCE = CONTROLS + ("prior_warnings",)
_MONETARY_TYPES = tuple(t for t in OUTCOME_TYPES if t not in ("dismissed_standing", "dismissed_other", "pending"))
REGIME_GROUPS = ("eu", "gb", "us_federal", "us_state", "other")
_FORUM_KEYS = (("hhs", r"\bHHS\b|\bOCR\b"), ("ftc", r"\bFTC\b|Federal Trade"), ("sec", r"\bSEC\b|Securities and Exchange"),
               ("bank_regulator", r"\bOCC\b|\bCFPB\b|\bDFS\b|NYDFS|Federal Reserve|\bFCA\b"),
               ("ag", r"\bAG\b|Attorney General|\bAGs\b"), ("mdl", r"\bMDL\b"))


def regime_group(jurisdiction) -> str:
    """Coarse regime from a jurisdiction code: eu, gb, us_federal, us_state, other.

    A view of :func:`toolkit.vocab.jurisdiction_region` (the EEA states NO, IS, LI are ``eu``);
    the regions without a regime feature of their own (apac, americas) are ``other``.

    >>> [regime_group(j) for j in ("EU-IE", "NO", "GB", "US", "US-CA", "SG", None)]
    ['eu', 'eu', 'gb', 'us_federal', 'us_state', 'other', 'other']
    """
    region = jurisdiction_region(jurisdiction)
    return region if region in REGIME_GROUPS else "other"


def _as_frame(X, name="X") -> pd.DataFrame:
    if isinstance(X, pd.Series):
        X = X.to_frame().T
    if isinstance(X, dict):
        X = pd.DataFrame([X])
    if not isinstance(X, pd.DataFrame):
        raise InputError(name, type(X).__name__, "a pandas DataFrame with outcomes-table columns")
    return X


def _is_rows(X) -> bool:
    """A DataFrame, a Series (one row) or a plain dict: read by column name (a sparse dok matrix is not)."""
    return isinstance(X, (pd.DataFrame, pd.Series)) or (isinstance(X, dict) and not hasattr(X, "tocsr"))


def _col(X: pd.DataFrame, name: str, default=np.nan) -> pd.Series:
    return X[name] if name in X.columns else pd.Series(default, index=X.index, dtype=object)


def _num(X, name) -> pd.Series:
    return pd.to_numeric(_col(X, name), errors="coerce").astype(float)


def _text(X, name) -> pd.Series:
    return _col(X, name).astype("string").str.strip().str.lower().fillna("")


#: The columns of the outcomes schema the featuriser reads (all others are ignored).
_NUMERIC_COLUMNS = ("records_exposed", "class_size", "outcome_year", "year_disclosed")
_CATEGORIES = (("sector", SECTORS), ("outcome_type", _MONETARY_TYPES), ("cloud_provider", CLOUD_PROVIDERS),
               ("misconfiguration_type", MISCONFIGURATION_TYPES), ("service_model", SERVICE_MODELS))
_TEXT_COLUMNS = ("data_types",) + tuple(name for name, _ in _CATEGORIES) + _GOVERNANCE
_READ_COLUMNS = _NUMERIC_COLUMNS + _TEXT_COLUMNS + ("jurisdiction", "forum")
_SCALE_TYPES = ("class_settlement", "regulatory_fine", "ag_settlement")

#: The engineered features, in design order.
FEATURE_NAMES = (("log_records", "records_missing", "log_class", "class_missing", "year")
                 + tuple(f"data_{t}" for t in DATA_TYPES)
                 + tuple(f"{name}_{v}" for name, vocab in _CATEGORIES for v in vocab)
                 + tuple(f"regime_{g}" for g in REGIME_GROUPS)
                 + tuple(f"forum_{key}" for key, _ in _FORUM_KEYS)
                 + tuple(f"{c}_{answer}" for c in _GOVERNANCE for answer in ("no", "yes"))
                 + tuple(f"log_class_x_{t}" for t in _SCALE_TYPES))
_FORUM_PATTERNS = tuple((key, re.compile(pattern)) for key, pattern in _FORUM_KEYS)
_SPLIT_TYPES = re.compile(r"[;,\s]+")


def _is_missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def _float_cell(value) -> float:
    """One cell as pandas reads it with ``pd.to_numeric(errors="coerce").astype(float)``."""
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return math.nan
    return float(pd.to_numeric(pd.Series([value], dtype=object), errors="coerce").astype(float).iloc[0])


def _text_cell(value) -> str:
    """One cell as ``_text`` reads it: string, stripped, lower case, missing as ''."""
    if isinstance(value, str):
        return value.strip().lower()
    if _is_missing(value):
        return ""
    return str(_text(pd.DataFrame({"v": pd.Series([value], dtype=object)}), "v").iloc[0])


def _forum_cell(value) -> str:
    if isinstance(value, str):
        return value
    if _is_missing(value):
        return ""
    return str(pd.Series([value], dtype=object).astype("string").fillna("").iloc[0])


def _columns(X) -> tuple[dict, pd.Index]:
    """The columns the featuriser reads, as lists of cells, and the rows' index (no per-cell pandas)."""
    if isinstance(X, dict):
        return {c: [X[c]] for c in _READ_COLUMNS if c in X}, pd.RangeIndex(1)
    if isinstance(X, pd.Series):
        return {c: [X[c]] for c in _READ_COLUMNS if c in X.index}, pd.Index([X.name])
    if not isinstance(X, pd.DataFrame):
        raise InputError("X", type(X).__name__, "a pandas DataFrame with outcomes-table columns")
    present = set(X.columns)
    return {c: X[c].tolist() for c in _READ_COLUMNS if c in present}, X.index


def _numeric(cols: dict, n: int):
    """log10 records, log10 class size and year (outcome year, else year disclosed) per row; NaN when missing."""
    def column(name):
        cells = cols.get(name)
        return np.full(n, np.nan) if cells is None else np.array([_float_cell(v) for v in cells], dtype=float)

    rec = np.log10(np.maximum(column("records_exposed"), 1.0))
    cls = np.log10(np.maximum(column("class_size"), 1.0))
    year = column("outcome_year")
    disclosed = column("year_disclosed")
    year = np.where(np.isnan(year), disclosed, year)
    return rec, cls, year



def fill_values(X) -> dict:
    """log10 records, log10 class size and year used where a row states none: the medians of ``X``.

    ``X`` is read as :func:`featurize` reads it; a column without any value gets 5.0, 5.0 and 2020.0.
    """
    cols, index = _columns(X)
    rec, cls, year = _numeric(cols, len(index))
    return {"records": float(np.nanmedian(rec)) if (~np.isnan(rec)).any() else 5.0,
            "class": float(np.nanmedian(cls)) if (~np.isnan(cls)).any() else 5.0,
            "year": float(np.nanmedian(year)) if (~np.isnan(year)).any() else 2020.0}


def featurize(X, fill: dict) -> tuple[np.ndarray, pd.Index, list]:
    """The design matrix of rows ``X`` (Fortran order, columns :data:`FEATURE_NAMES`), the rows' index and
    their outcome types (as :func:`_text` reads them); ``fill`` is :func:`fill_values` of the training rows.

    ``X`` is a DataFrame, a Series (one row) or a dict, read by column name (others are ignored).
    """
    cols, index = _columns(X)
    n = len(index)
    F = np.zeros((n, len(FEATURE_NAMES)), order="F")
    rec, cls, year = _numeric(cols, n)
    rec_missing = np.isnan(rec)
    log_records = np.where(rec_missing, fill["records"], rec)
    class_missing = np.isnan(cls)
    log_class = np.where(class_missing, log_records, cls)
    F[:, 0] = log_records
    F[:, 1] = rec_missing
    F[:, 2] = log_class
    F[:, 3] = class_missing
    F[:, 4] = np.where(np.isnan(year), fill["year"], year) - 2015.0
    j = 5
    text = {name: ([_text_cell(v) for v in cols[name]] if name in cols else [""] * n) for name in _TEXT_COLUMNS}
    for i, s in enumerate(text["data_types"]):
        tokens = _SPLIT_TYPES.split(s)
        for k, t in enumerate(DATA_TYPES):
            if t in tokens:
                F[i, j + k] = 1.0
    j += len(DATA_TYPES)
    for name, vocab in _CATEGORIES:
        position = {v: k for k, v in enumerate(vocab)}
        for i, s in enumerate(text[name]):
            at = position.get(s)
            if at is not None:
                F[i, j + at] = 1.0
        j += len(vocab)
    regimes = {g: k for k, g in enumerate(REGIME_GROUPS)}
    for i, v in enumerate(cols.get("jurisdiction", [math.nan] * n)):
        F[i, j + regimes[regime_group(v)]] = 1.0
    j += len(REGIME_GROUPS)
    forums = [_forum_cell(v) for v in cols["forum"]] if "forum" in cols else [""] * n
    for i, s in enumerate(forums):
        for k, (_, pattern) in enumerate(_FORUM_PATTERNS):
            if s and pattern.search(s):
                F[i, j + k] = 1.0
    j += len(_FORUM_PATTERNS)
    for c in _GOVERNANCE:
        for i, s in enumerate(text[c]):
            if s == "no":
                F[i, j] = 1.0
            elif s == "yes":
                F[i, j + 1] = 1.0
        j += 2
    kinds = text["outcome_type"]
    with np.errstate(invalid="ignore"):  # an infinite size times 0 is NaN, refused by the model
        for k, t in enumerate(_SCALE_TYPES):
            F[:, j + k] = log_class * np.array([float(s == t) for s in kinds])
    return F, index, kinds
