"""``check_data``: every problem in the curated tables under ``data/``, as plain text.

The command line wires ``python -m toolkit data check`` to it (exit 0 when the list is
empty, else print each problem and exit 1).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, InputError
from ._registry import data_dir as _resolve_dir

__all__ = ["check_data"]


def _outcome_problems(folder: Path) -> list[str]:
    from .fx import fx_rate
    from .outcomes import read_outcomes_csv

    path = folder / "outcomes.csv"
    if not path.is_file():
        return ["outcomes.csv: missing (build it with tools/merge_outcomes.py)"]
    try:
        df = read_outcomes_csv(path)
    except DataError as exc:
        probs = getattr(exc, "problems", None)
        if probs:
            return [f"outcomes.csv line {ln}, column {col}: got {val!r}; allowed: {allowed}" for ln, col, val, allowed in probs]
        return [f"outcomes.csv: {exc}"]
    problems = []
    line = pd.Series(range(2, len(df) + 2), index=df.index)
    # duplicate outcomes: same incident, type, forum and amount under different ids
    key = ["incident_id", "outcome_type", "forum", "amount_usd"]
    dup = df[df.duplicated(key, keep=False)]
    for _, group in dup.groupby(key, dropna=False):
        lines = ", ".join(str(line[i]) for i in group.index)
        problems.append(f"outcomes.csv lines {lines}: duplicate outcome (same incident_id, outcome_type, forum, "
                        f"amount_usd) under ids {', '.join(group['outcome_id'])}")
    # URLs present (the schema demands them; an empty table cell slipped past only if the schema changed)
    for i in df.index[df["source_urls"].str.strip() == ""]:
        problems.append(f"outcomes.csv line {line[i]}, column source_urls: no URL")
    # incident_id year suffix matches year_disclosed
    for i, inc, year in zip(df.index, df["incident_id"], df["year_disclosed"]):
        m = re.search(r"-(\d{4})$", inc)
        if m and pd.notna(year) and int(m.group(1)) != int(year):
            problems.append(f"outcomes.csv line {line[i]}, column incident_id: got {inc!r}; allowed: a slug ending in "
                            f"year_disclosed ({int(year)})")
    # non-USD amounts consistent with currency and the fx table (within 1%)
    for i, row in df[(df["currency"] != "USD") & df["amount_usd"].notna() & df["amount_original"].notna()].iterrows():
        if pd.isna(row["outcome_year"]):
            problems.append(f"outcomes.csv line {line[i]}, column outcome_year: empty; allowed: a year (needed to check the "
                            f"{row['currency']} conversion)")
            continue
        try:
            expected = row["amount_original"] * fx_rate(row["currency"], int(row["outcome_year"]), data_dir_=folder)
        except InputError as exc:
            problems.append(f"outcomes.csv line {line[i]}, column currency: cannot check the USD amount ({exc})")
            continue
        if not np.isclose(row["amount_usd"], expected, rtol=0.01, atol=1.0):
            problems.append(f"outcomes.csv line {line[i]}, column amount_usd: got {row['amount_usd']:.0f}; allowed: "
                            f"{row['amount_original']:g} {row['currency']} at the {int(row['outcome_year'])} rate = "
                            f"{expected:.0f} USD (within 1%)")
    return problems


def _simple(folder: Path, name: str, loader) -> list[str]:
    if not (folder / name).is_file():
        return [f"{name}: missing"]
    try:
        loader(folder)
    except InputError as exc:
        return [f"{name}: {exc}"]
    return []


def _matters(folder: Path) -> list[str]:
    from ..case import Case

    problems = []
    for path in sorted((folder / "matters").glob("*.yaml")):
        try:
            Case.from_yaml(path)
        except (InputError, OSError) as exc:
            problems.append(f"matters/{path.name}: {exc}")
    return problems


def _optional(folder: Path, module: str, file: str) -> list[str]:
    """controls/jurisdictions tables: call their own loader (which validates) if present."""
    if not (folder / file).is_file():
        return []
    import importlib

    try:
        mod = importlib.import_module(f"toolkit.datasets.{module}")
    except ImportError:
        return []
    loader = getattr(mod, f"load_{module}", None)
    if loader is None:
        return []
    try:
        loader(data_dir_=folder)
    except InputError as exc:
        probs = getattr(exc, "problems", None)
        if probs and all(isinstance(p, tuple) and len(p) == 4 for p in probs):
            return [f"{file} line {ln}, column {col}: got {val!r}; allowed: {allowed}" for ln, col, val, allowed in probs]
        return [f"{file}: {exc}"]
    return []


def check_data(data_dir: str | os.PathLike | None = None) -> list[str]:
    """Check every table under ``data/`` and return the problems found (empty list: all good).

    Checks: the outcomes schema (every cell), duplicate outcomes (same incident, outcome
    type, forum and amount), URLs present, incident ids ending in ``year_disclosed``,
    non-USD amounts within 1% of ``amount_original`` converted at the fx table's rate,
    the fx and CPI tables' schemas, every ``matters/*.yaml`` loading as a Case, and the
    controls and jurisdictions tables through their own validators when present.

    Examples
    --------
    >>> problems = check_data()
    >>> isinstance(problems, list)
    True
    """
    from .fx import load_cpi, load_fx_rates

    folder = _resolve_dir(data_dir)
    if not folder.is_dir():
        return [f"{folder}: not a directory"]
    problems: list[str] = []
    problems += _simple(folder, "fx_rates.csv", load_fx_rates)
    problems += _simple(folder, "cpi_u.csv", load_cpi)
    problems += _outcome_problems(folder)
    problems += _matters(folder)
    problems += _optional(folder, "controls", "controls.csv")
    problems += _optional(folder, "jurisdictions", "jurisdictions.csv")
    return problems
