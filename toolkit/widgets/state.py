"""The model behind :class:`~toolkit.widgets.CaseExplorer`: plain state in, :class:`Assessment` out.

A *state* is a plain dict of the values the analyst can vary (:data:`FIELDS`). It is applied to
a base :class:`~toolkit.Case` (and the stage-parameter overrides) by :func:`apply_state`, and
:func:`assess_state` turns it into an :class:`~toolkit.assess.Assessment`. Nothing here touches a
widget or a figure, so tests and scripts can call it directly and compare with the widgets.

How each field maps onto the matter:

- ``causation_strength``, each control of :data:`toolkit.vocab.CONTROLS`, ``prior_warnings``,
  ``service_model``, ``defendant_revenue_usd`` (None = not stated): the Case field of that name.
- ``records_exposed``: the Case field; a class size stated apart from the records count is
  scaled in proportion (it stays as it was when the count is unchanged).
- ``jurisdiction``: the governing code (the one :func:`toolkit.liability.fault.select_rule`
  picks). A new code replaces it in ``case.jurisdictions``; the other codes stay.
- ``forum``: the court (``""`` = not stated).
- ``p_class_certification``: the stage parameter of that name (``toolkit.litigation``).
- the keys of :data:`LEVER_BLOCK_FIELDS` (issue 18: the governance program, incident response and
  harms blocks, e.g. ``risk_assessment``, ``days_to_contain``, ``lost_time_alleged``): the key of that
  name in the Case's ``governance`` / ``response`` / ``harms`` / ``aggravation`` block. They are
  accepted by :func:`apply_state` and :func:`assess_state` and listed by :func:`initial_state`
  only with ``blocks=True``, so that :class:`CaseExplorer` can add their widgets (grouped as in
  :data:`GROUPS`) before they join :data:`FIELDS`.
"""
from __future__ import annotations

import math
from typing import Any, Mapping

from ..case import Case
from ..errors import InputError, suggest
from ..case import BLOCKS
from ..vocab import AGGRAVATION, CONTROLS, GOVERNANCE, HARMS, RESPONSE_KEYS

__all__ = ["FIELDS", "LEVER_BLOCK_FIELDS", "GROUPS", "FORUMS", "initial_state", "apply_state", "assess_state", "governing_jurisdiction",
           "with_jurisdiction", "jurisdiction_options"]

#: The fields a :class:`CaseExplorer` exposes, in display order.
FIELDS = ("causation_strength", *CONTROLS, "prior_warnings", "records_exposed", "service_model",
          "jurisdiction", "forum", "p_class_certification", "defendant_revenue_usd")

#: Issue 18: the keys of the governance, response, harms and aggravation blocks (``evidence_of_misuse``
#: is the top-level Case field of that name).
LEVER_BLOCK_FIELDS = (*GOVERNANCE, *RESPONSE_KEYS, *HARMS, *AGGRAVATION)
#: Dashboard groups of the levers, in display order.
GROUPS = {
    "Controls": (*CONTROLS, "prior_warnings"),
    "Governance program": GOVERNANCE,
    "Incident response": RESPONSE_KEYS,
    "Harms": (*HARMS, *AGGRAVATION),
}
_BLOCK_OF = {key: name for name, keys in BLOCKS.items() for key in keys if key != "evidence_of_misuse"}

#: Example forums offered by the dashboard, one or more per approach to data-breach standing
#: (see ``toolkit.liability.standing.CIRCUIT_STANCE``); the matter's own forum is added to them.
FORUMS = (
    ("N.D. Cal. (9th Cir.: permissive standing)", "N.D. Cal."),
    ("N.D. Ill. (7th Cir.: permissive standing)", "N.D. Ill."),
    ("D.D.C. (D.C. Cir.: permissive standing)", "D.D.C."),
    ("S.D.N.Y. (2d Cir.: factor test)", "S.D.N.Y."),
    ("D.N.J. (3d Cir.: factor test)", "D.N.J."),
    ("D. Mass. (1st Cir.: factor test)", "D. Mass."),
    ("E.D. Va. (4th Cir.: restrictive standing)", "E.D. Va."),
    ("D. Minn. (8th Cir.: restrictive standing)", "D. Minn."),
    ("N.D. Ga. (11th Cir.: restrictive standing)", "N.D. Ga."),
    ("N.D. Tex. (5th Cir.: unsettled)", "N.D. Tex."),
    ("Cal. Super. Ct. (state court)", "Cal. Super. Ct."),
    ("not stated", ""),
)


def jurisdiction_options() -> tuple[str, ...]:
    """The codes of ``data/jurisdictions.csv`` (the rules the liability engine knows)."""
    from ..liability._tables import jurisdiction_rules

    return tuple(jurisdiction_rules())


def governing_jurisdiction(case: Case) -> str:
    """The code whose rule governs the negligence claim (as the liability engine chooses it).

    >>> case = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="open_database", jurisdictions=["US", "US-CA"])
    >>> governing_jurisdiction(case)
    'US-CA'
    """
    from ..liability._tables import jurisdiction_rules
    from ..liability.fault import select_rule

    rule, _ = select_rule(case, jurisdiction_rules())
    return rule.jurisdiction


def with_jurisdiction(case: Case, code: str) -> Case:
    """The matter with its governing jurisdiction replaced by ``code`` (the other codes kept).

    >>> case = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="open_database", jurisdictions=["US", "US-CA"])
    >>> with_jurisdiction(case, "US-NY").jurisdictions
    ('US', 'US-NY')
    >>> with_jurisdiction(case, "GB").jurisdictions
    ('US', 'GB')
    """
    current = governing_jurisdiction(case)
    if code == current:
        return case
    codes = list(case.jurisdictions)
    if current in codes:
        codes[codes.index(current)] = code
    else:  # the engine fell back to its default row: put the chosen code first
        codes.insert(0, code)
    return case.replace(jurisdictions=list(dict.fromkeys(codes)))


def initial_state(case: Case, parameters: Mapping | None = None, *, blocks: bool = False) -> dict[str, Any]:
    """The state that reproduces ``case`` (and the stage ``parameters``) exactly.

    >>> case = Case(name="x", defendant="y", records_exposed=1000, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="open_database", jurisdictions=["US", "US-CA"], controls={"mfa": "no"})
    >>> state = initial_state(case)
    >>> state["mfa"], state["records_exposed"], state["jurisdiction"], state["forum"]
    ('no', 1000, 'US-CA', '')
    """
    from ..litigation import stage_parameters

    if not isinstance(case, Case):
        raise InputError("case", type(case).__name__, "a toolkit.Case (e.g. Case.from_yaml(path))")
    state: dict[str, Any] = {"causation_strength": case.causation_strength}
    state.update({c: case.controls[c] for c in CONTROLS})
    state.update(
        prior_warnings=case.prior_warnings, records_exposed=case.records_exposed,
        service_model=case.service_model, jurisdiction=governing_jurisdiction(case), forum=case.forum or "",
        p_class_certification=float(stage_parameters(dict(parameters or {}))["p_class_certification"]),
        defendant_revenue_usd=case.defendant_revenue_usd,
    )
    if blocks:
        state.update({k: (case.evidence_of_misuse if k == "evidence_of_misuse" else getattr(case, _BLOCK_OF[k])[k])
                      for k in LEVER_BLOCK_FIELDS})
    return state


def _check_state(state: Mapping) -> None:
    if not isinstance(state, Mapping):
        raise InputError("state", type(state).__name__, "a mapping of field: value")
    for key in state:
        if key not in FIELDS and key not in LEVER_BLOCK_FIELDS:
            near = suggest(str(key), FIELDS + LEVER_BLOCK_FIELDS)
            raise InputError("state", key, "one of the fields " + ", ".join(FIELDS + LEVER_BLOCK_FIELDS),
                             f"did you mean {near!r}?" if near else None)


def apply_state(case: Case, state: Mapping, parameters: Mapping | None = None) -> tuple[Case, dict]:
    """Apply a (partial) state to the base matter: returns ``(case, stage_parameter_overrides)``.

    Fields missing from ``state`` keep the base matter's value. The Case validates every value
    (bad input raises :class:`toolkit.InputError` naming the field).

    >>> case = Case(name="x", defendant="y", records_exposed=1000, class_size=500, data_types=["contact"],
    ...             sector="retail", misconfiguration_type="open_database", jurisdictions=["US"])
    >>> new, params = apply_state(case, {"records_exposed": 4000, "mfa": "yes", "p_class_certification": 0.3})
    >>> new.records_exposed, new.class_size, new.controls["mfa"], params["p_class_certification"]
    (4000, 2000, 'yes', 0.3)
    """
    _check_state(state)
    params = dict(parameters or {})
    changes: dict[str, Any] = {}
    for key, value in state.items():
        if key == "p_class_certification":
            params["p_class_certification"] = float(value)
        elif key == "jurisdiction":
            continue  # applied last: the governing code depends on the other codes only
        elif key == "forum":
            value = value or None
            if value != case.forum:
                changes["forum"] = value
        elif key == "records_exposed":
            try:
                as_float = float(value)
            except (TypeError, ValueError):
                raise InputError("records_exposed", value, "a finite number of records (>= 0)") from None
            if not math.isfinite(as_float):
                raise InputError("records_exposed", value, "a finite number of records (>= 0)")
            records = int(round(as_float))
            if records != case.records_exposed:
                changes["records_exposed"] = records
                if case.class_size != case.records_exposed and case.records_exposed > 0:
                    changes["class_size"] = int(round(case.class_size * records / case.records_exposed))
        elif key in CONTROLS:
            if value != case.controls[key]:
                changes[key] = value
        elif key in _BLOCK_OF:
            if value != getattr(case, _BLOCK_OF[key])[key]:
                changes[key] = value
        elif value != getattr(case, key):
            changes[key] = value
    new = case.replace(**changes) if changes else case
    if "jurisdiction" in state:
        new = with_jurisdiction(new, state["jurisdiction"])
    return new, params


def assess_state(case: Case, state: Mapping, *, seed: int = 0, n_paths: int = 40_000,
                 parameters: Mapping | None = None, draws=None, market_check: bool = True):
    """``assess(apply_state(case, state))``: the pure function the dashboard calls on every change.

    Parameters
    ----------
    case : Case
        The base matter.
    state : mapping
        Values of some or all of :data:`FIELDS`.
    seed, n_paths : int
        As in :func:`toolkit.assess`.
    parameters : mapping, optional
        Stage-parameter overrides; ``state["p_class_certification"]`` takes precedence.
    draws : toolkit.litigation.Draws, optional
        Reused random numbers (must match ``seed`` and ``n_paths``).
    market_check : bool, default=True

    Returns
    -------
    toolkit.assess.Assessment

    Examples
    --------
    >>> case = Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> low = assess_state(case, {"causation_strength": 0.2}, n_paths=5_000, market_check=False)
    >>> high = assess_state(case, {"causation_strength": 0.9}, n_paths=5_000, market_check=False)
    >>> high.liability.probability > low.liability.probability
    True
    """
    from ..assess import assess

    new, params = apply_state(case, state, parameters)
    return assess(new, seed=seed, n_paths=n_paths, parameters=params or None, draws=draws, market_check=market_check)
