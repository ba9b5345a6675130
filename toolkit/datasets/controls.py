"""The governance-controls table (``data/controls.csv``): loader and pandera schema.

One row per governance control: what it is, how far it prevents or detects each
misconfiguration type (``relevance_<type>``, 0..1), its ids in the CIS AWS Foundations
Benchmark, NIST CSF 2.0 and ISO/IEC 27001:2022 Annex A, a typical annual cost as a function
of the organisation's size (``cost_fixed_usd + cost_revenue_fraction * revenue``), its
estimated risk reduction, and a source or stated assumption for each number.

``role`` says how :mod:`toolkit.liability` uses the row: ``control`` rows are the eight
controls a :class:`toolkit.Case` carries (tested with the Hand formula), ``warnings`` is
the prior-warnings row, ``reference`` rows (secrets management, change management) are kept
for the analyst but not used by the engine because a Case does not record them.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import DataError, InputError
from ..vocab import CONTROLS, MISCONFIGURATION_TYPES
from ._registry import data_dir
from ._validation import LazySchema, validated_file

if TYPE_CHECKING:
    import pandera.pandas as pa

__all__ = ["CONTROLS_SCHEMA", "CONTROLS_COLUMNS", "RELEVANCE_COLUMNS", "ROLES", "load_controls",
           "validate_controls"]

#: ``relevance_<type>`` for every misconfiguration type of :data:`toolkit.vocab.MISCONFIGURATION_TYPES`.
RELEVANCE_COLUMNS = tuple(f"relevance_{t}" for t in MISCONFIGURATION_TYPES)
ROLES = ("control", "warnings", "reference")
_TEXT = ("relevance_source", "cis_aws", "nist_csf_2", "iso27001_2022_annex_a", "framework_ids_checked",
         "cost_source", "risk_reduction_source")
CONTROLS_COLUMNS = (("control", "role", "description") + RELEVANCE_COLUMNS
                    + ("relevance_source", "cis_aws", "nist_csf_2", "iso27001_2022_annex_a",
                       "framework_ids_checked", "cost_fixed_usd", "cost_revenue_fraction", "cost_source",
                       "risk_reduction", "risk_reduction_source"))


def _fraction(name: str, what: str) -> pa.Column:
    import pandera.pandas as pa

    return pa.Column(float, [pa.Check.ge(0), pa.Check.le(1)], nullable=False,
                     description=f"{what}, a fraction in [0, 1]", title=name)


def _ids(pattern: str, what: str) -> pa.Column:
    import pandera.pandas as pa

    return pa.Column(str, pa.Check.str_matches(pattern), nullable=False,
                     description=f"';'-joined {what} ids (empty if none applies)")


def _sourced(df: pd.DataFrame) -> pd.Series:
    return df[["relevance_source", "cost_source", "risk_reduction_source"]].apply(
        lambda col: col.str.strip().str.len() > 0).all(axis=1)


def _engine_rows(df: pd.DataFrame) -> bool:
    used = set(df.loc[df["role"] == "control", "control"])
    return used == set(CONTROLS) and (df["role"] == "warnings").sum() == 1 \
        and set(df.loc[df["role"] == "warnings", "control"]) == {"prior_warnings"}


def _build_controls_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "control": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), unique=True,
                                 description="snake_case control name; the eight of toolkit.vocab.CONTROLS, "
                                             "prior_warnings, and reference rows"),
            "role": pa.Column(str, pa.Check.isin(ROLES), description="control / warnings / reference (see module doc)"),
            "description": pa.Column(str, pa.Check.str_length(min_value=10), description="what the control is"),
            **{c: _fraction(c, f"how far the control prevents or detects a {c[len('relevance_'):]} exposure")
               for c in RELEVANCE_COLUMNS},
            "relevance_source": pa.Column(str, description="source or stated assumption for the relevance weights"),
            "cis_aws": _ids(r"^(\d+(\.\d+)*(;\d+(\.\d+)*)*)?$", "CIS AWS Foundations Benchmark recommendation"),
            "nist_csf_2": _ids(r"^([A-Z]{2}\.[A-Z]{2}-\d{2}(;[A-Z]{2}\.[A-Z]{2}-\d{2})*)?$", "NIST CSF 2.0 subcategory"),
            "iso27001_2022_annex_a": _ids(r"^([5-8]\.\d{1,2}(;[5-8]\.\d{1,2})*)?$", "ISO/IEC 27001:2022 Annex A control"),
            "framework_ids_checked": pa.Column(str, description="which framework ids were read in a source, and where"),
            "cost_fixed_usd": pa.Column(float, pa.Check.ge(0), description="fixed part of the annual cost, USD/year"),
            "cost_revenue_fraction": pa.Column(float, [pa.Check.ge(0), pa.Check.le(0.05)],
                                               description="part of the annual cost proportional to annual revenue "
                                                           "(USD of cost per USD of revenue)"),
            "cost_source": pa.Column(str, description="source or stated assumption for the cost"),
            "risk_reduction": _fraction("risk_reduction", "fractional reduction of the expected loss of a fully "
                                                          "relevant incident when the control is in place"),
            "risk_reduction_source": pa.Column(str, description="source or stated assumption for risk_reduction"),
        },
        checks=[
            pa.Check(_sourced, element_wise=False, error="every number has a source or stated assumption",
                     name="sourced"),
            pa.Check(_engine_rows, error="role=control rows are exactly toolkit.vocab.CONTROLS and one "
                                         "role=warnings row is prior_warnings", name="engine_rows"),
        ],
        strict=True, ordered=False, name="controls",
    )


CONTROLS_SCHEMA = LazySchema(_build_controls_schema)


def validate_controls(df: pd.DataFrame, *, table: str = "controls.csv") -> pd.DataFrame:
    """Validate a controls frame lazily; raise one :class:`~toolkit.errors.DataError` listing every problem."""
    from ._validation import validate_table

    return validate_table(df, CONTROLS_SCHEMA, CONTROLS_COLUMNS, table=table, what="the controls schema (toolkit.datasets.controls)")


def load_controls(*, data_dir_: str | os.PathLike | None = None) -> pd.DataFrame:
    """The governance-controls table, validated.

    One row is one governance control (11 rows: the eight controls of
    :data:`toolkit.vocab.CONTROLS`, ``prior_warnings`` and two reference rows). Columns:
    ``control``, ``role``, ``description``, ``relevance_<type>`` (0..1, one per
    misconfiguration type), framework ids (``cis_aws``, ``nist_csf_2``,
    ``iso27001_2022_annex_a``; ``;``-joined), ``cost_fixed_usd`` and
    ``cost_revenue_fraction`` (annual cost = fixed + fraction x revenue), ``risk_reduction``,
    and a source or stated-assumption column for each number.

    Parameters
    ----------
    data_dir_ : path, optional
        Folder holding ``controls.csv`` (default: :func:`toolkit.datasets.data_dir`).

    Returns
    -------
    pandas.DataFrame
        Indexed 0..n-1, text columns ``str`` (empty string where no framework id applies).

    Raises
    ------
    toolkit.errors.DataError
        If the file breaks the schema (every problem listed).

    Examples
    --------
    >>> controls = load_controls()
    >>> controls.loc[controls["control"] == "config_scanning", "relevance_public_bucket"].item()
    1.0
    >>> sorted(controls.loc[controls["role"] == "control", "control"])[:3]
    ['access_reviews', 'config_scanning', 'encryption_at_rest']

    References
    ----------
    CIS Amazon Web Services Foundations Benchmark; NIST Cybersecurity Framework 2.0 (2024);
    ISO/IEC 27001:2022 Annex A. Per-row sources are in the table.
    """
    path = Path(data_dir(data_dir_)) / "controls.csv"
    if not path.is_file():
        raise InputError("controls file", str(path), "an existing data/controls.csv")
    return validated_file(path, lambda: _read_controls(path))


def _read_controls(path: Path) -> pd.DataFrame:
    from ._validation import read_table

    raw = read_table(path, what="the controls table")
    frame = raw.copy()
    numeric = RELEVANCE_COLUMNS + ("cost_fixed_usd", "cost_revenue_fraction", "risk_reduction")
    problems = []
    for col in numeric:
        if col in frame.columns:
            converted = pd.to_numeric(frame[col], errors="coerce")
            for i in frame.index[converted.isna()]:
                problems.append(f"line {i + 2}, column {col}: got {raw.at[i, col]!r}; allowed: a number")
            frame[col] = converted.astype(float)
    if "role" in frame.columns:
        frame["role"] = frame["role"].str.strip()
    if problems:
        raise DataError(str(path), f"{len(problems)} problem(s)", "numbers in the numeric columns",
                        "\n  " + "\n  ".join(problems))
    return validate_controls(frame, table=str(path))[list(CONTROLS_COLUMNS)]
