"""The optional lever columns of the outcomes table: ``data/outcome_factors.csv``.

Regulators' decisions often state the factors a matter's ``governance:``, ``response:``,
``harms:`` and ``aggravation:`` blocks hold (no risk analysis, cooperation, a late notification,
previous infringements). This table records them per outcome, apart from ``outcomes.csv`` so that
the two can be curated independently. One row is one outcome (``outcome_id`` of ``outcomes.csv``)
with one column per lever key it records, named as in a table of matters
(``governance.risk_assessment``, ``response.cooperated_with_regulator``, ...; see
:data:`FACTOR_COLUMNS`), each ``yes``, ``no`` or empty (not stated), plus the ``source_urls``
that state them and a ``note``. A file may carry any subset of the factor columns.

:func:`toolkit.datasets.load_outcomes` joins the table onto the outcomes: every factor column the
file has becomes an optional column of the outcomes frame, ``unknown`` where the table states
nothing (the neutral answer, as for the controls). The calibration reads them through
:func:`toolkit.calibration.facts.case_from_outcome`, so each outcome's matter carries its levers.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from ..errors import DataError
from ..vocab import AGGRAVATION, GOVERNANCE, HARMS, RESPONSE_FLAGS
from ._validation import LazySchema

__all__ = ["FACTOR_COLUMNS", "OUTCOME_FACTORS_SCHEMA", "read_outcome_factors", "join_outcome_factors"]

#: Every lever column the table may carry: the yes / no / unknown keys of the four blocks.
FACTOR_COLUMNS = (
    *(f"governance.{k}" for k in GOVERNANCE), *(f"response.{k}" for k in RESPONSE_FLAGS),
    *(f"harms.{k}" for k in HARMS), *(f"aggravation.{k}" for k in AGGRAVATION),
)
_REQUIRED = ("outcome_id", "source_urls", "note")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
FILE = "outcome_factors.csv"


def _urls_ok(series: pd.Series) -> pd.Series:
    return series.map(lambda t: bool(str(t).split()) and all(_URL.match(u) for u in str(t).split())).astype(bool)


def _stated(df: pd.DataFrame) -> pd.Series:
    cols = [c for c in FACTOR_COLUMNS if c in df.columns]
    if not cols:
        return pd.Series(False, index=df.index)
    return (df[cols] != "").any(axis=1)


#: The pandera schema (factor columns optional; at least one stated per row).
def _build_outcome_factors_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "outcome_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", name="slug",
                                                              error="a slug: lower-case a-z, 0-9 and single hyphens"),
                                    unique=True, description="an outcome_id of outcomes.csv"),
            **{c: pa.Column(str, pa.Check.isin(["yes", "no", ""], name=f"{c}_vocab",
                                               error="yes, no or empty (not stated)"),
                            required=False, description=f"{c}: yes / no as a cited source states; empty when it does not")
               for c in FACTOR_COLUMNS},
            "source_urls": pa.Column(str, pa.Check(_urls_ok, name="urls", error="one or more whitespace-separated http(s) URLs"),
                                     description="the public sources that state the factors (whitespace-separated)"),
            "note": pa.Column(str, pa.Check(lambda s: (s.str.len() > 0) & ~s.str.contains(r"[\r\n]", regex=True),
                                            name="one_line", error="one non-empty line of text"),
                              description="what the source says about each factor, in the curator's words"),
        },
        checks=[pa.Check(_stated, name="a_factor_stated", error="at least one factor column stated (yes or no)")],
        strict=False, ordered=False, name="outcome_factors",
    )


OUTCOME_FACTORS_SCHEMA = LazySchema(_build_outcome_factors_schema)


def read_outcome_factors(path: str | os.PathLike, *, outcome_ids=None) -> pd.DataFrame:
    """Read and validate an outcome-factors CSV (any path); raise one DataError listing every problem.

    Parameters
    ----------
    path : path-like
    outcome_ids : iterable of str, optional
        The ``outcome_id`` values of the outcomes table; a row naming another id is an error.

    Returns
    -------
    pandas.DataFrame
        Text columns: ``outcome_id``, the factor columns the file has (``yes`` / ``no`` / ``""``),
        ``source_urls``, ``note``.
    """
    from ._validation import read_table, validate_table

    raw = read_table(path, what="the outcome-factors table")
    raw = raw.apply(lambda s: s.str.strip())
    missing = [c for c in _REQUIRED if c not in raw.columns]
    extra = [c for c in raw.columns if c not in _REQUIRED and c not in FACTOR_COLUMNS]
    if missing or extra:
        got = (("missing " + ", ".join(missing)) if missing else "") + ("; " if missing and extra else "") + \
              (("unexpected " + ", ".join(extra)) if extra else "")
        raise DataError(f"{path} header", got, "outcome_id, any of " + ", ".join(FACTOR_COLUMNS)
                        + ", source_urls, note")
    validate_table(raw, OUTCOME_FACTORS_SCHEMA, list(raw.columns), table=str(path),
                   what="the outcome-factors schema (toolkit.datasets.outcome_factors)")
    if outcome_ids is not None:
        known = set(outcome_ids)
        bad = [(i + 2, o) for i, o in enumerate(raw["outcome_id"]) if o not in known]
        if bad:
            raise DataError(str(path), f"{len(bad)} problem(s)", "an outcome_id of outcomes.csv",
                            "\n  " + "\n  ".join(f"line {ln}, column outcome_id: got {o!r}" for ln, o in bad[:50]))
    return raw


def join_outcome_factors(outcomes: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """``outcomes`` with the factor columns of ``folder/outcome_factors.csv`` (``unknown`` where not stated).

    Without the file the outcomes come back unchanged. Only factor columns are added (the table's
    ``source_urls`` and ``note`` stay in the file).
    """
    path = Path(folder) / FILE
    if not path.is_file():
        return outcomes
    factors = read_outcome_factors(path, outcome_ids=outcomes["outcome_id"])
    cols = [c for c in FACTOR_COLUMNS if c in factors.columns]
    values = factors.set_index("outcome_id")[cols].replace("", "unknown")
    out = outcomes.copy()
    for c in cols:
        out[c] = out["outcome_id"].map(values[c]).fillna("unknown").astype(str)
    return out
