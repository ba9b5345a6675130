"""The model behind :class:`~toolkit.widgets.CaseExplorer`: plain state in, :class:`Assessment` out.

A *state* is a plain dict of the values the analyst can vary (:data:`FIELDS`). It is applied to
a base :class:`~toolkit.Case` (and the stage-parameter overrides) by :func:`apply_state`, and
:func:`assess_state` turns it into an :class:`~toolkit.assess.Assessment` by calling
:func:`toolkit.assess` and nothing else. Nothing here touches a widget or a figure, so tests and
scripts can call it directly and compare with the widgets.

How each field maps onto the matter (fields missing from a state keep the matter's value):

- ``causation_strength``, each control of :data:`toolkit.vocab.CONTROLS`, ``prior_warnings``,
  ``service_model``, ``sector``, ``data_types``, ``incident_year`` (None = not stated),
  ``defendant_revenue_usd`` (None = not stated): the Case field of that name.
- ``records_exposed``: the Case field; a class size stated apart from the records count is
  scaled in proportion, unless ``class_size`` is changed too.
- ``class_size``: the Case field.
- ``jurisdictions``: the Case field (the codes where the matter is litigated or regulated).
- ``jurisdiction``: the governing law, applied after ``jurisdictions``: it replaces the governing
  code (the one :func:`toolkit.liability.fault.select_rule` picks) and is moved to the front when
  that is what makes it govern; the other codes stay.
- ``regulators``: the Case field; an empty selection means "not stated" (None: the model infers them).
- ``forum``: the court (``""`` = not stated).
- ``p_class_certification``: the stage parameter of that name (``toolkit.litigation``).
- each key of the lever blocks (:data:`LEVER_BLOCK_FIELDS`: ``governance``, ``response``,
  ``harms``, ``aggravation``): that key of its block (``Case.replace`` takes it directly);
  ``evidence_of_misuse`` is the top-level Case field the ``harms`` block mirrors; the day counts
  of ``response`` take None for "not stated".
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Mapping

from ..case import BLOCKS, Case
from ..errors import InputError, suggest
from ..vocab import AGGRAVATION, AUTHORITIES, CONTROLS, EU_EEA_STATES, GOVERNANCE, HARMS, RESPONSE_KEYS, US_STATES

__all__ = ["FIELDS", "GROUPS", "LEVER_BLOCK_FIELDS", "LEVER_GROUPS", "FORUMS", "initial_state", "apply_state", "assess_state", "governing_jurisdiction",
           "with_jurisdiction", "jurisdiction_options", "jurisdiction_label", "MemoModel", "market_model_for"]

#: The keys of the governance, response, harms and aggravation blocks (issue 18), as fields
#: (``evidence_of_misuse`` is the top-level Case field the harms block mirrors).
LEVER_BLOCK_FIELDS = (*GOVERNANCE, *RESPONSE_KEYS, *HARMS, *AGGRAVATION)
#: The lever blocks' groups, as the seminar explains them (aggravation goes with the harms).
LEVER_GROUPS = OrderedDict([("Governance program", GOVERNANCE), ("Incident response", RESPONSE_KEYS),
                            ("Harms and aggravation", (*HARMS, *AGGRAVATION))])

#: The groups of controls, in display order, as the analyst notebook and the seminar explain them:
#: the facts, causation, the technical controls (and prior warnings), the governance program, the
#: incident response, the harms and aggravation, and the law.
GROUPS = OrderedDict([
    ("Facts", ("records_exposed", "class_size", "data_types", "sector", "service_model", "incident_year",
               "defendant_revenue_usd")),
    ("Causation", ("causation_strength",)),
    ("Controls", (*CONTROLS, "prior_warnings")),
    *LEVER_GROUPS.items(),
    ("Law", ("jurisdictions", "jurisdiction", "forum", "regulators", "p_class_certification")),
])

#: The fields a :class:`CaseExplorer` exposes, in display order.
FIELDS = ("causation_strength", *CONTROLS, "prior_warnings", *LEVER_BLOCK_FIELDS, "records_exposed", "class_size",
          "data_types", "sector", "service_model", "incident_year", "defendant_revenue_usd", "jurisdictions",
          "jurisdiction", "forum", "regulators", "p_class_certification")
assert sorted(sum(GROUPS.values(), ())) == sorted(FIELDS) and len(set(FIELDS)) == len(FIELDS)
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


def jurisdiction_options(extra=()) -> tuple[str, ...]:
    """Jurisdiction codes the dashboard offers: the rules table's, every US state, the UK, every
    EU/EEA member state and each country with an authority in :data:`toolkit.vocab.AUTHORITIES`.

    Codes without a row in ``data/jurisdictions.csv`` are offered on purpose: choosing one shows
    a warning that the model has no rules for it (:func:`toolkit.widgets.warnings.lever_warnings`).
    ``extra`` (a matter's own codes) are added.

    >>> codes = jurisdiction_options()
    >>> "US-OH" in codes and "GB" in codes and "EU-IE" in codes and "SG" in codes
    True
    """
    from ..liability import jurisdiction_rules

    codes = list(jurisdiction_rules())
    codes += ["US"] + [f"US-{s}" for s in US_STATES] + ["GB"] + [f"EU-{s}" for s in EU_EEA_STATES]
    codes += [a.country for a in AUTHORITIES.values()]
    codes += list(extra)
    return tuple(sorted(dict.fromkeys(codes), key=lambda c: (not c.startswith("US"), c)))


def jurisdiction_label(code: str) -> str:
    """``US-OH`` -> ``US-OH · Ohio`` where the rules table names it, else the code."""
    from ..liability import jurisdiction_rules

    rule = jurisdiction_rules().get(code)
    return f"{code} · {rule.name}" if rule is not None else code


def governing_jurisdiction(case: Case) -> str:
    """The code whose rule governs the negligence claim (as the liability engine chooses it).

    >>> case = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="open_database", jurisdictions=["US", "US-CA"])
    >>> governing_jurisdiction(case)
    'US-CA'
    """
    from ..liability import jurisdiction_rules
    from ..liability.fault import select_rule

    rule, _ = select_rule(case, jurisdiction_rules())
    return rule.jurisdiction


def with_jurisdiction(case: Case, code: str) -> Case:
    """The matter with ``code`` as its governing law (the other codes kept).

    The current governing code is replaced by ``code``; when the liability engine would still
    pick another code (it prefers a state-level code, then the first listed), ``code`` moves to
    the front. If even that does not make it govern (the rules table has no row for it, or a US
    state of the matter outranks it), the list is left with ``code`` in it and the dashboard
    warns that the model applies another rule.

    >>> case = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="open_database", jurisdictions=["US", "US-CA"])
    >>> with_jurisdiction(case, "US-NY").jurisdictions
    ('US', 'US-NY')
    >>> with_jurisdiction(case, "GB").jurisdictions
    ('GB', 'US')
    """
    current = governing_jurisdiction(case)
    if code == current:
        return case
    codes = list(case.jurisdictions)
    if current in codes:
        codes[codes.index(current)] = code
    else:  # the engine fell back to a default row: put the chosen code first
        codes.insert(0, code)
    new = case.replace(jurisdictions=list(dict.fromkeys(codes)))
    if governing_jurisdiction(new) != code:
        front = [code] + [c for c in new.jurisdictions if c != code]
        moved = case.replace(jurisdictions=front)
        if governing_jurisdiction(moved) == code:
            return moved
    return new


def initial_state(case: Case, parameters: Mapping | None = None) -> dict[str, Any]:
    """The state that reproduces ``case`` (and the stage ``parameters``) exactly.

    >>> case = Case(name="x", defendant="y", records_exposed=1000, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="open_database", jurisdictions=["US", "US-CA"], controls={"mfa": "no"})
    >>> state = initial_state(case)
    >>> state["mfa"], state["records_exposed"], state["jurisdiction"], state["forum"], state["regulators"]
    ('no', 1000, 'US-CA', '', ())
    """
    from ..litigation import stage_parameters

    if not isinstance(case, Case):
        raise InputError("case", type(case).__name__, "a toolkit.Case (e.g. Case.from_yaml(path))")
    state: dict[str, Any] = {"causation_strength": case.causation_strength}
    state.update({c: case.controls[c] for c in CONTROLS})
    state.update(
        prior_warnings=case.prior_warnings, records_exposed=case.records_exposed, class_size=case.class_size,
        data_types=tuple(case.data_types), sector=case.sector, service_model=case.service_model,
        incident_year=case.incident_year, defendant_revenue_usd=case.defendant_revenue_usd,
        jurisdictions=tuple(case.jurisdictions), jurisdiction=governing_jurisdiction(case), forum=case.forum or "",
        regulators=tuple(case.regulators or ()),
        p_class_certification=float(stage_parameters(dict(parameters or {}))["p_class_certification"]),
    )
    state.update({key: getattr(case, block)[key] for key, block in _BLOCK_OF.items()})
    state["evidence_of_misuse"] = case.evidence_of_misuse
    return {name: state[name] for name in FIELDS}


def _check_state(state: Mapping) -> None:
    if not isinstance(state, Mapping):
        raise InputError("state", type(state).__name__, "a mapping of field: value")
    for key in state:
        if key not in FIELDS:
            near = suggest(str(key), FIELDS)
            raise InputError("state", key, "one of the fields " + ", ".join(FIELDS),
                             f"did you mean {near!r}?" if near else None)


def _whole(field: str, value: Any) -> Any:
    """Whole numbers pass (ints, or floats like 4000.0); anything else goes to the Case to refuse."""
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")) \
            and value == int(value):
        return int(value)
    return value


def _probability(field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
        raise InputError(field, value, "a number between 0 and 1")
    return float(value)


def apply_state(case: Case, state: Mapping, parameters: Mapping | None = None) -> tuple[Case, dict]:
    """Apply a (partial) state to the base matter: returns ``(case, stage_parameter_overrides)``.

    Fields missing from ``state`` keep the base matter's value. The Case validates every value
    (bad input, such as ``records_exposed=-5`` or NaN, raises :class:`toolkit.InputError`
    naming the field).

    >>> case = Case(name="x", defendant="y", records_exposed=1000, class_size=500, data_types=["contact"],
    ...             sector="retail", misconfiguration_type="open_database", jurisdictions=["US"])
    >>> new, params = apply_state(case, {"records_exposed": 4000, "mfa": "yes", "p_class_certification": 0.3})
    >>> new.records_exposed, new.class_size, new.controls["mfa"], params["p_class_certification"]
    (4000, 2000, 'yes', 0.3)
    >>> apply_state(case, {"records_exposed": -5})
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: records_exposed: got -5; allowed: a whole number between 0 and 100,000,000,000
    """
    _check_state(state)
    params = dict(parameters or {})
    changes: dict[str, Any] = {}
    for key, value in state.items():
        if key == "p_class_certification":
            params["p_class_certification"] = _probability("p_class_certification", value)
        elif key == "jurisdiction":
            continue  # applied last: the governing code depends on the other codes
        elif key == "forum":
            value = value or None
            if value != case.forum:
                changes["forum"] = value
        elif key == "regulators":
            value = tuple(value) if value else None
            if value != case.regulators:
                changes["regulators"] = value
        elif key in ("data_types", "jurisdictions"):
            if tuple(value) != tuple(getattr(case, key)):
                changes[key] = list(value)
        elif key == "records_exposed":
            records = _whole(key, value)
            if records != case.records_exposed:
                changes["records_exposed"] = records
                class_changed = "class_size" in state and _whole("class_size", state["class_size"]) != case.class_size
                if isinstance(records, int) and not class_changed and case.class_size is not None \
                        and case.class_size != case.records_exposed and case.records_exposed > 0 and records >= 0:
                    changes["class_size"] = int(round(case.class_size * records / case.records_exposed))
        elif key == "class_size":
            size = _whole(key, value)
            if size != case.class_size:
                changes["class_size"] = size
        elif key in CONTROLS:
            if value != case.controls[key]:
                changes[key] = value
        elif key in _BLOCK_OF:  # issue 18 lever blocks
            if value != getattr(case, _BLOCK_OF[key])[key]:
                changes[key] = value
        elif value != getattr(case, key):
            changes[key] = value
    new = case.replace(**changes) if changes else case
    if "jurisdiction" in state:
        new = with_jurisdiction(new, state["jurisdiction"])
    return new, params


class MemoModel:
    """A fitted market-check model whose row predictions are memoised (for the dashboard).

    :func:`toolkit.assess` queries the market-check model with the matter's outcome-table row;
    that row does not change when causation, a control's evidence or the stage parameters move,
    so a slider move would re-run the model's featurisation on the same row. ``MemoModel(model)``
    answers as ``model`` does (every other attribute is the model's) and remembers the answers of
    ``predict_interval`` and ``comparables`` per row (returning a copy each time). It holds no
    logic of :func:`~toolkit.assess`: it is passed to it as ``market_model=``.

    Parameters
    ----------
    model : fitted estimator
        The model :func:`toolkit.assess` would use (see :func:`market_model_for`).
    maxsize : int, default=256
        Rows remembered (the memo is cleared when full).
    """

    _MEMO = ("predict_interval", "comparables")

    def __init__(self, model, maxsize: int = 256):
        self.model = model
        self.maxsize = maxsize
        self._memo: dict = {}

    @staticmethod
    def _key(name, X, kwargs) -> tuple:
        import pandas as pd

        def plain(v):
            return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v

        if isinstance(X, dict):  # assess passes one outcomes-schema record
            return (name, tuple(sorted((k, plain(v)) for k, v in X.items())), tuple(sorted(kwargs.items())))
        rows = tuple(tuple(plain(v) for v in row) for row in X.itertuples(index=False, name=None))
        return (name, tuple(X.columns), tuple(str(t) for t in X.dtypes), rows, tuple(sorted(kwargs.items())))

    def __getattr__(self, name):
        attr = getattr(self.model, name)
        if name not in self._MEMO:
            return attr

        def memoised(X, **kwargs):
            key = self._key(name, X, kwargs)
            if key not in self._memo:
                if len(self._memo) >= self.maxsize:
                    self._memo.clear()
                self._memo[key] = attr(X, **kwargs)
            return self._memo[key].copy()

        return memoised


_MEMOS: dict = {}


def market_model_for(case: Case):
    """The market-check model :func:`toolkit.assess` uses for ``case``, behind a :class:`MemoModel`.

    The same fitted model's predictor (fitted without the matter's own incident, as
    :func:`toolkit.calibration.fitted.market_check_predictor` gives it to assess), so the numbers are
    assess's own; one memo per fitted model, kept for the process. None without an outcomes table.
    """
    from ..calibration import fitted

    model = fitted.market_check_predictor(fitted.own_incidents(case))  # no scikit-learn when cached
    if model is None:
        return None
    memo = _MEMOS.get(id(model))
    if memo is None or memo.model is not model:
        if len(_MEMOS) >= 16:
            _MEMOS.clear()
        memo = _MEMOS[id(model)] = MemoModel(model)
    return memo


def assess_state(case: Case, state: Mapping, *, seed: int = 0, n_paths: int = 40_000,
                 parameters: Mapping | None = None, draws=None, market_check: bool = True,
                 memo: bool = False):
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
    memo : bool, default=False
        Pass :func:`toolkit.assess` the market-check model it would use anyway, behind a per-row
        memo (:func:`market_model_for`): the same numbers, without re-running the model's
        featurisation when only causation, controls or stage parameters moved.

    Returns
    -------
    toolkit.assess.Assessment
        Exactly ``toolkit.assess(new_case, seed=seed, n_paths=n_paths, parameters=..., draws=draws,
        market_check=market_check)``.

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
    kwargs = {}
    if memo and market_check:
        model = market_model_for(new)
        if model is not None:
            kwargs["market_model"] = model
    return assess(new, seed=seed, n_paths=n_paths, parameters=params or None, draws=draws, market_check=market_check,
                  **kwargs)
