"""Legal regimes as plugins: penalties, statutory claims and private rights, one module each.

Each regime module subclasses :class:`~toolkit.regimes.base.Regime` and registers itself;
:func:`regulatory_exposure` asks every registered regime whether it applies to a matter and was
in force in its incident year, and tabulates the exposures. Adding a regime is adding one module
(and importing it below).
"""
from __future__ import annotations

import math
from typing import Mapping

from ..errors import InputError
from . import bipa, ccpa, ftc, gdpr, hipaa, ny_shield, private_rights, sec, uk_gdpr  # noqa: F401 (registration)
from ._registry import register, registered
from .authorities import DATA_PROTECTION_AUTHORITY, infer_regulators, matter_regulators, probability_parameter
from .factors import NOTIFICATION_DEADLINES, notification_deadlines, penalty_factors, penalty_multiplier
from .base import KINDS, Context, Exposure, Regime

__all__ = ["Regime", "Exposure", "Context", "KINDS", "register", "registered", "regulatory_exposure",
           "infer_regulators", "matter_regulators", "probability_parameter", "DATA_PROTECTION_AUTHORITY", "ceilings",
           "penalty_factors", "penalty_multiplier", "notification_deadlines", "NOTIFICATION_DEADLINES"]

_COLUMNS = ["regime", "kind", "authority", "low", "median", "high", "cap", "basis"]


def regulatory_exposure(case, *, regulators: tuple[str, ...] | None = None, fx: Mapping | None = None,
                        residents: Mapping[str, int] | None = None, seriousness: str = "medium",
                        date: str = "2026-02-01", parameters: Mapping | None = None):
    """Every registered regime that applies to the matter and was in force, with its exposure (USD).

    Parameters
    ----------
    case : toolkit.Case
    regulators : tuple of str, optional
        Authority codes acting on the matter (default: ``case.regulators``, else inferred).
    fx : mapping, optional
        Currency -> USD per unit (EUR, GBP); documented defaults otherwise.
    residents : mapping, optional
        ``ca_residents``, ``ny_residents``, ``il_persons`` (default: the whole class).
    seriousness : {"low", "medium", "high"}, default="medium"
    date : str, default="2026-02-01"
        Assessment date (HIPAA inflation adjustments; statutory amounts without an incident year).
    parameters : mapping, optional
        Stage-parameter overrides; the ``penalty_share_*`` sizes of the aggravating and mitigating
        factors (:mod:`toolkit.regimes.factors`) are read from them.

    Returns
    -------
    pandas.DataFrame
        regime, kind (penalty / statutory_claim / private_right), authority, low, median, high, cap, basis.

    Examples
    --------
    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10_000, data_types=["health"], sector="healthcare",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US", "US-CA"], incident_year=2019)
    >>> regulatory_exposure(case)["regime"].tolist()   # CCPA left out: not in force in 2019
    ['HIPAA 45 CFR 160.404']
    """
    import pandas as pd

    if regulators is None:
        regulators = matter_regulators(case)[0]
    rates = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27}
    if fx is not None:
        if not isinstance(fx, Mapping):
            raise InputError("fx", fx, "a mapping of currency code to USD per unit")
        from ..errors import check_number

        rates.update({str(k).upper(): float(check_number(f"fx.{k}", v, minimum=1e-9))
                      for k, v in fx.items()})
    if seriousness not in ("low", "medium", "high"):
        raise InputError("seriousness", seriousness, "one of low, medium, high")
    context = Context(fx=rates, residents=dict(residents or {}), date=date, seriousness=seriousness,
                      regulators=tuple(regulators), parameters=dict(parameters or {}))
    rows = []
    for regime in registered():
        if not (regime.applies(case, tuple(regulators)) and regime.in_force(case.incident_year)):
            continue
        exp = regime.exposure(case, context)
        if exp is None:
            continue
        acting = [a for a in regime.authorities if a in regulators] or [None]
        for authority in acting:
            rows.append((exp.regime, exp.kind, authority, exp.low, exp.median, exp.high, exp.cap, exp.basis))
    return pd.DataFrame(rows, columns=_COLUMNS)


def ceilings(table) -> dict[str, float]:
    """Authority code -> statutory ceiling (USD) from a :func:`regulatory_exposure` table."""
    out: dict[str, float] = {}
    for kind, authority, cap in zip(table["kind"], table["authority"], table["cap"]):
        if kind == "penalty" and isinstance(authority, str):
            out[authority] = min(out.get(authority, math.inf), float(cap))
    return out
