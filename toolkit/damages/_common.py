"""Shared helpers for the damages subpackage: validators, result shapes, lognormal fits.

Private module: the public names live in :mod:`toolkit.damages`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, check_number  # noqa: F401  (check_number: re-exported)
from ..summary import Summary

#: z-score of the 90th percentile of a standard normal: low/high are read as the 10th/90th percentiles.
Z90 = 1.2815515655446004

STEP_COLUMNS = ["step", "description", "value", "source"]


def check_choice(name: str, value: Any, options) -> str:
    """Validate one of ``options`` (case-insensitive for text)."""
    from ..errors import suggest

    options = tuple(options)
    key = value.strip().lower() if isinstance(value, str) else value
    if key not in options:
        near = suggest(str(value), [str(o) for o in options]) if isinstance(value, str) else None
        raise InputError(name, value, "one of " + ", ".join(map(str, options)),
                         f"did you mean {near!r}?" if near else None)
    return key


def check_date(name: str, value: Any) -> pd.Timestamp:
    """A date as ``YYYY-MM-DD`` text, a datetime/date, or a year (int, read as 1 July of that year)."""
    allowed = "a date such as '2024-08-08' or a year such as 2024"
    if isinstance(value, bool):
        raise InputError(name, value, allowed)
    if isinstance(value, (int, np.integer)):
        if not 1990 <= int(value) <= 2100:
            raise InputError(name, value, allowed)
        return pd.Timestamp(int(value), 7, 1)
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise InputError(name, value, allowed) from None
    if ts is pd.NaT or not 1990 <= ts.year <= 2100:
        raise InputError(name, value, allowed)
    return ts.tz_localize(None) if ts.tzinfo else ts


def lognormal_from_range(low: float, median: float, high: float) -> tuple[float, float]:
    """(mu, sigma) of a lognormal with the given median whose 10th/90th percentiles match low/high.

    sigma is the average of the two one-sided fits, so asymmetric ranges are handled smoothly.

    >>> mu, s = lognormal_from_range(10.0, 100.0, 1000.0)
    >>> round(float(np.exp(mu)), 6), round(float(s * Z90 / np.log(10)), 6)
    (100.0, 1.0)
    """
    if median <= 0:
        return -np.inf, 0.0
    mu = math.log(median)
    sides = []
    if low > 0 and low < median:
        sides.append((mu - math.log(low)) / Z90)
    if high > median:
        sides.append((math.log(high) - mu) / Z90)
    sigma = float(np.mean(sides)) if sides else 0.0
    return mu, sigma


def sample_lognormal(low: float, median: float, high: float, n: int, rng) -> np.ndarray:
    """n draws from :func:`lognormal_from_range`; zeros when the median is zero."""
    n = check_number("n", n, minimum=0, integer=True)
    rng = np.random.default_rng(rng)
    mu, sigma = lognormal_from_range(low, median, high)
    if not np.isfinite(mu):
        return np.zeros(n)
    return np.exp(mu + sigma * rng.standard_normal(n))


_IN_FORCE: dict = {}


def in_force_row(table: pd.DataFrame, date: pd.Timestamp) -> dict | None:
    """The row of an effective-dated table (an ascending ``effective`` column) in force on ``date``,
    as a dict, or None before its first row; the last of the rows with ``effective <= date``.

    The table's rows are read once (per table object), so a calculator called on every
    assessment does not filter a DataFrame each time.

    >>> t = pd.DataFrame({"effective": pd.to_datetime(["2020-01-01", "2025-01-01"]), "amount": [100, 107]})
    >>> in_force_row(t, pd.Timestamp("2024-06-30"))["amount"], in_force_row(t, pd.Timestamp("2019-01-01"))
    (100, None)
    """
    import bisect

    entry = _IN_FORCE.get(id(table))
    if entry is None or entry[0] is not table:
        entry = (table, list(table["effective"]), table.to_dict("records"))
        _IN_FORCE[id(table)] = entry
    _, dates, records = entry
    i = bisect.bisect_right(dates, date)
    return records[i - 1] if i else None


def steps_frame(rows: list[tuple]) -> list[tuple]:
    """The step-by-step working of a calculator (step, description, value, source), as its rows.

    :attr:`Calculation.steps` turns them into a DataFrame when first read, so that an assessment,
    which reads only the amounts, never builds it.
    """
    return list(rows)


@dataclass
class Calculation:
    """An amount with its working, as returned by every statutory and fine calculator.

    Attributes
    ----------
    regime : str
        Which law or guideline (``"GDPR Art. 83"``, ``"HIPAA 45 CFR 160.404"``, ...).
    low, median, high : float
        The range of the amount; ``median`` is the point estimate for the stated inputs.
    currency : str
        ``"USD"``, ``"EUR"`` or ``"GBP"`` (amounts are not converted).
    step_rows : list of tuple or pandas.DataFrame
        The working as the calculator wrote it (:func:`steps_frame`).
    steps : pandas.DataFrame
        One row per step: step, description, value, source (for an exhibit); built from
        ``step_rows`` on first access.
    notes : list of str
        Caveats (unverified parameters, assumptions the analyst should check).
    """

    regime: str
    low: float
    median: float
    high: float
    currency: str
    step_rows: Any
    notes: list = field(default_factory=list)

    @property
    def steps(self) -> pd.DataFrame:
        """The working as a DataFrame (step, description, value, source), built once on first access."""
        table = self.__dict__.get("_steps")
        if table is None:
            rows = self.step_rows
            table = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows, columns=STEP_COLUMNS)
            self.__dict__["_steps"] = table
        return table

    @property
    def amount(self) -> float:
        """The point estimate (``median``)."""
        return self.median

    def summary(self) -> Summary:
        """The working, the result and numbered notes, as one :class:`toolkit.summary.Summary`.

        ``kind`` is ``step`` for the working (``item`` is ``"<step>: <description>"``; the table
        itself is kept in ``tables["steps"]``), ``amount`` for low, median and high (in ``unit``
        :attr:`currency`) and ``note`` for the caveats.
        """
        rows = [(self.regime, f"{r.step}: {r.description}", r.value, "", r.source, "step")
                for r in self.steps.itertuples()]
        rows += [(self.regime, name, float(getattr(self, name)), self.currency, "", "amount")
                 for name in ("low", "median", "high")]
        return Summary.build(rows, notes=self.notes, tables={"steps": self.steps}, title=self.regime)

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} {self.regime}: {self.median:,.0f} {self.currency} "
                f"(range {self.low:,.0f}-{self.high:,.0f}); {len(self.step_rows)} steps>")
