"""The models fitted on the curated outcomes, cached per table version and per left-out incident.

The headline model and the market check never see the matter's own incident: its outcomes are
left out before fitting (by ``Case.incident_id``, else by the defendant's name and the incident
year +/- 1), and the assessment's notes say which outcomes were left out.

The estimators (:func:`headline_model`, :func:`market_check_model`) are kept in the process; what
they predict with (:func:`headline_predictor`, :func:`market_check_predictor`: plain objects without
scikit-learn, which :func:`toolkit.assess` uses) and the headline's training rows
(:func:`training_rows`) are kept in the process (the same object on every call) and on disk,
shared between processes (:mod:`toolkit._cache`: ``$BREACH_TOOLKIT_CACHE``, else
``$XDG_CACHE_HOME`` or ``~/.cache``, then ``breach-liability-toolkit/``; ``off`` disables it). A disk
entry is keyed by the sha256 of the toolkit's own sources, of the data tables in use (the outcomes'
digest is :func:`outcomes_sha256`), the left-out incidents and the coverage, so an edited toolkit or
table is refitted, never read stale; the numbers are the same with or without it.
"""
from __future__ import annotations

import functools
import hashlib
import re

from .. import _cache as cache

__all__ = ["outcomes_sha256", "own_incidents", "headline_model", "market_check_model", "headline_predictor",
           "market_check_predictor", "training_rows", "median_lag", "forget"]

_SUFFIXES = re.compile(r"\b(inc|incorporated|corp|corporation|co|company|llc|ltd|limited|plc|sa|ag|gmbh|"
                       r"holdings?|group|financial|the)\b")


def _normal_name(name) -> str:
    text = re.sub(r"[^a-z0-9 ]+", " ", str(name or "").lower())
    return " ".join(_SUFFIXES.sub(" ", text).split())


def outcomes_sha256() -> str | None:
    """SHA-256 of the outcomes table in use, or None when there is none (cached per path, size and mtime).

    With the optional ``outcome_factors.csv`` beside it (joined by ``load_outcomes``), the digest
    covers both files, so editing either refits the cached models.
    """
    from ..datasets import data_dir

    folder = data_dir()
    path = folder / "outcomes.csv"
    try:
        stat = path.stat()
    except OSError:
        return None
    digest = _sha(str(path), stat.st_size, stat.st_mtime_ns)
    factors = folder / "outcome_factors.csv"
    try:
        fstat = factors.stat()
    except OSError:
        return digest
    both = digest + _sha(str(factors), fstat.st_size, fstat.st_mtime_ns)
    return hashlib.sha256(both.encode("ascii")).hexdigest()


@functools.lru_cache(maxsize=8)
def _sha(path: str, size: int, mtime_ns: int) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _tables_digest() -> str:
    """sha256 of the other curated tables the fits read (controls, jurisdictions, fx, CPI: the structural
    ratios of the training rows), by content; cached per path, size and mtime (one directory scan a call)."""
    import os

    from ..datasets import data_dir

    parts = []
    with os.scandir(data_dir()) as entries:
        for entry in entries:
            name = entry.name
            if not name.endswith(".csv") or name in ("outcomes.csv", "outcome_factors.csv") \
                    or name.endswith("_error_rates.csv"):
                continue  # in outcomes_sha256, or written from the fits (the shipped error-rate tables)
            try:
                stat = entry.stat()
            except OSError:
                continue
            parts.append((name, stat.st_size, stat.st_mtime_ns, entry.path))
    return _digest_of(tuple(sorted(parts)))


@functools.lru_cache(maxsize=8)
def _digest_of(parts: tuple) -> str:
    text = "\n".join(f"{name}:{_sha(path, size, mtime)}" for name, size, mtime, path in parts)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _data_sha() -> str | None:
    """The key of the data in use: :func:`outcomes_sha256` and the other tables' digest, or None
    without an outcomes table. Every memo of this module and every disk entry is keyed by it, so a
    table edited while a process runs is never fitted on stale rows, in memory or on disk."""
    sha = outcomes_sha256()
    return None if sha is None else hashlib.sha256(f"{sha}\n{_tables_digest()}".encode("ascii")).hexdigest()


def _on_disk(kind: str, sha: str, parts: tuple, compute, expected):
    """``compute()`` through the disk cache, keyed by the data in use (``sha``, :func:`_data_sha`) and ``parts``."""
    return cache.cached(kind, (sha,) + parts, compute, expected)


@functools.lru_cache(maxsize=2)
def _table_facts(sha: str) -> dict:
    """What an assessment reads of the outcomes table itself (cached in the process and on disk): the
    defendants' names (:func:`own_incidents`) and the median lag per outcome type (:func:`median_lag`)."""
    def compute():
        table = _outcomes(sha)
        lag = (table["outcome_year"] - table["year_disclosed"]).astype("Float64")
        return {"names": _name_rows(table),
                "median_lag": {str(k): int(round(float(v)))
                               for k, v in lag.groupby(table["outcome_type"]).median().dropna().items()}}

    return _on_disk("outcome_facts", sha, (), compute, dict)


def _normal_names(sha: str) -> tuple:
    return _table_facts(sha)["names"]


def median_lag() -> dict:
    """Median whole years from disclosure to the outcome, per outcome type, in the outcomes table in use ({} without one).

    >>> median_lag()["class_settlement"] >= 0
    True
    """
    sha = _data_sha()
    return {} if sha is None else dict(_table_facts(sha)["median_lag"])


def _name_rows(table) -> tuple:
    """(normalised defendant, year disclosed as float or nan, incident id) per outcome."""
    years = table["year_disclosed"].astype("Float64").to_numpy(dtype=float, na_value=float("nan"))
    return tuple(zip(table["defendant"].map(_normal_name).tolist(), years.tolist(), table["incident_id"].tolist()))


@functools.lru_cache(maxsize=2)
def _outcomes(sha: str):
    from ..datasets import load_outcomes

    return load_outcomes()


@functools.lru_cache(maxsize=2)
def _training_rows(sha: str):
    import pandas as pd

    def fit():
        from .headline import HeadlineModel

        return HeadlineModel.training_rows(_outcomes(sha))

    return _on_disk("training_rows", sha, (), fit, pd.DataFrame)


def training_rows():
    """The headline model's training rows for the table in use (cached), or None without a table."""
    sha = _data_sha()
    return None if sha is None else _training_rows(sha).copy()  # a copy: the fits read the memoised frame


def own_incidents(case, outcomes=None) -> tuple[str, ...]:
    """Incident ids of the outcomes table that are the matter's own incident.

    ``case.incident_id`` when given (and present in the table); otherwise every incident of the same
    defendant (its name, without punctuation and corporate suffixes, found among the row's defendants) disclosed within one year
    of ``case.incident_year`` (any year when the matter states none).

    >>> import toolkit as tk
    >>> case = tk.Case.from_yaml("data/matters/capital_one_2019.yaml")
    >>> own_incidents(case)
    ('capital-one-2019',)
    """
    if outcomes is None:
        sha = _data_sha()
        if sha is None:
            return ()
        return _own_cached(sha, case.incident_id, case.defendant, case.incident_year)
    return _own(_name_rows(outcomes), case.incident_id, case.defendant, case.incident_year)


@functools.lru_cache(maxsize=1024)
def _own_cached(sha: str, incident_id, defendant, incident_year) -> tuple[str, ...]:
    return _own(_normal_names(sha), incident_id, defendant, incident_year)


def _own(names, incident_id, defendant, incident_year) -> tuple[str, ...]:
    ids = set()
    if incident_id:
        ids |= {i for _, _, i in names if i == incident_id}
    name = _normal_name(defendant)
    if len(name) >= 3:
        pattern = re.compile(rf"(^| ){re.escape(name)}( |$)")
        for other, year, incident in names:
            if incident_year is not None and not abs(year - incident_year) <= 1:
                continue
            if pattern.search(other):
                ids.add(incident)
    return tuple(sorted(ids))


@functools.lru_cache(maxsize=16)
def _headline(sha: str, exclude: tuple[str, ...], coverage: float):
    from .headline import HeadlineModel

    rows = _training_rows(sha)
    rows = rows[~rows["incident_id"].isin(exclude)]
    return HeadlineModel(coverage=coverage, random_state=0).fit(None, rows=rows)


def headline_model(exclude: tuple[str, ...] = (), coverage: float = 0.8):
    """The :class:`~toolkit.calibration.HeadlineModel` fitted without the ``exclude`` incidents (cached in the
    process), or None without a table."""
    sha = _data_sha()
    return None if sha is None else _headline(sha, tuple(sorted(exclude)), float(coverage))


@functools.lru_cache(maxsize=16)
def _headline_predictor(sha: str, exclude: tuple[str, ...], coverage: float):
    from .prediction import HeadlinePredictor

    return _on_disk("headline", sha, (exclude, coverage), lambda: _headline(sha, exclude, coverage).predictor_,
                    HeadlinePredictor)


def headline_predictor(exclude: tuple[str, ...] = (), coverage: float = 0.8):
    """What :func:`headline_model` predicts with (its ``predictor_``), cached in the process and on disk, or None.

    A :class:`~toolkit.calibration.prediction.HeadlinePredictor`: read from the disk cache it needs
    no scikit-learn. :func:`toolkit.assess` uses it.
    """
    sha = _data_sha()
    return None if sha is None else _headline_predictor(sha, tuple(sorted(exclude)), float(coverage))


@functools.lru_cache(maxsize=8)
def _market(sha: str, exclude: tuple[str, ...], coverage: float):
    from ..damages import OutcomeRegressor

    table = _outcomes(sha)
    return OutcomeRegressor(coverage=coverage, random_state=0).fit(table[~table["incident_id"].isin(exclude)])


def market_check_model(exclude: tuple[str, ...] = (), coverage: float = 0.8):
    """The market-check :class:`~toolkit.damages.OutcomeRegressor` fitted without ``exclude`` (cached in the
    process), or None without a table."""
    sha = _data_sha()
    return None if sha is None else _market(sha, tuple(sorted(exclude)), float(coverage))


@functools.lru_cache(maxsize=8)
def _market_predictor(sha: str, exclude: tuple[str, ...], coverage: float):
    from ..damages.predictor import OutcomePredictor

    return _on_disk("market_check", sha, (exclude, coverage), lambda: _market(sha, exclude, coverage).predictor_,
                    OutcomePredictor)


def market_check_predictor(exclude: tuple[str, ...] = (), coverage: float = 0.8):
    """What :func:`market_check_model` predicts with (its ``predictor_``), cached in the process and on disk, or None.

    A :class:`~toolkit.damages.predictor.OutcomePredictor`: read from the disk cache it needs no
    scikit-learn. :func:`toolkit.assess` uses it.
    """
    sha = _data_sha()
    return None if sha is None else _market_predictor(sha, tuple(sorted(exclude)), float(coverage))


def forget() -> None:
    """Forget the fits and tables held in this process; the next call reads the disk cache, or fits.

    The disk cache is left as it is (delete its folder, :func:`toolkit._cache.cache_dir`, to empty it).
    """
    for memo in (_sha, _outcomes, _training_rows, _table_facts, _own_cached, _headline, _headline_predictor, _market,
                 _market_predictor):
        memo.cache_clear()
