"""From an outcome row of the curated table to the matter it came from (a :class:`toolkit.Case`).

The calibration and the backtest treat every monetary outcome as a matter an analyst could have
written: its records, class size, data types, sector, cloud provider, misconfiguration,
service model, jurisdiction, controls, warnings, year, (for fines and AG settlements) its
authority, and the lever blocks its optional factor columns state. What the row does not state
stays at the Case's neutral default.
"""
from __future__ import annotations

import math

import pandas as pd

from ..case import Case
from ..vocab import AGGRAVATION, AUTHORITIES, CONTROLS, DATA_TYPES, EEA_STATES, GOVERNANCE, HARMS, RESPONSE_FLAGS

__all__ = ["case_from_outcome", "outcome_track"]

_TRACK_OF_TYPE = {"class_settlement": "class_settlement", "regulatory_fine": "regulatory_fine",
                  "ag_settlement": "ag_settlement"}


def outcome_track(outcome_type: str) -> str | None:
    """The headline track an outcome type calibrates, or None (dismissals, securities suits, ...)."""
    return _TRACK_OF_TYPE.get(str(outcome_type))


def _int_or_none(value) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if not math.isfinite(number) or number < 0 else int(number)


def _jurisdictions(code: str) -> list[str]:
    code = str(code or "US").strip().upper()
    if code.startswith("US-"):
        # a US court in a state almost always certifies a nationwide class (the jurisdiction column
        # names the court's state); keep the federal level too so nationwide rules apply
        return ["US", code]
    if code in EEA_STATES:
        return [f"EU-{code}"]
    return [code]


#: The lever blocks an outcome row may state (the optional columns of ``data/outcome_factors.csv``).
_BLOCK_KEYS = {"governance": GOVERNANCE, "response": RESPONSE_FLAGS, "harms": HARMS, "aggravation": AGGRAVATION}


def _blocks(get) -> dict:
    """The row's lever blocks: ``{block: {key: yes/no}}`` from its ``block.key`` columns; absent = unknown."""
    out: dict = {}
    for block, keys in _BLOCK_KEYS.items():
        stated = {}
        for key in keys:
            value = get(f"{block}.{key}")
            if isinstance(value, str) and value.strip().lower() in ("yes", "no"):
                stated[key] = value.strip().lower()
        if stated:
            out[block] = stated
    return out


def case_from_outcome(row, *, fill_records: int = 100_000) -> Case:
    """The matter behind one outcome row (a mapping or a pandas row of the outcomes schema).

    Parameters
    ----------
    row : mapping or pandas.Series
        One row of :func:`toolkit.datasets.load_outcomes`.
    fill_records : int, default=100_000
        Records to assume when the row states none (the Case needs a count); the calibration
        marks such rows so that the imputed count carries no weight.

    Returns
    -------
    Case
        With ``incident_id`` and ``incident_year`` from the row, ``regulators`` set to the
        row's authority for fines and AG settlements, and the governance, response, harms and
        aggravation keys the row states in its optional ``block.key`` columns
        (``data/outcome_factors.csv``, joined by :func:`toolkit.datasets.load_outcomes`).

    Examples
    --------
    >>> from toolkit.datasets import load_outcomes
    >>> row = load_outcomes().set_index("outcome_id").loc["capital-one-2019-occ"]
    >>> case = case_from_outcome(row)
    >>> case.regulators, case.incident_id
    (('US-OCC',), 'capital-one-2019')
    """
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    records = _int_or_none(get("records_exposed"))
    class_size = _int_or_none(get("class_size"))
    if records is None:
        records = class_size if class_size is not None else fill_records
    types = [t for t in str(get("data_types") or "other").split(";") if t in DATA_TYPES] or ["other"]
    regulator = str(get("regulator") or "").strip()
    year = _int_or_none(get("year_disclosed"))
    return Case(
        name=str(get("outcome_id") or get("incident_id") or "outcome"),
        defendant=str(get("defendant") or "unknown"),
        records_exposed=records,
        class_size=class_size,
        data_types=tuple(types),
        sector=str(get("sector") or "other"),
        cloud_provider=str(get("cloud_provider") or "unknown"),
        service_model=str(get("service_model") or "unknown"),
        misconfiguration_type=str(get("misconfiguration_type") or "other"),
        jurisdictions=tuple(_jurisdictions(get("jurisdiction"))),
        controls={c: str(get(c) or "unknown") for c in CONTROLS},
        prior_warnings=str(get("prior_warnings") or "unknown"),
        incident_year=year if year is not None and 1970 <= year <= 2100 else None,
        regulators=(regulator,) if regulator in AUTHORITIES else None,
        incident_id=str(get("incident_id")) if get("incident_id") else None,
        **_blocks(get),
    )
