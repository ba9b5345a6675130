"""``assess_liability``: from a matter's facts to P(liable in negligence), its drivers and who pays.

``probability = P(duty) * P(breach) * P(causation) * Π(1 - defense_effect)`` (the elements
are treated as independent; each is a logistic model documented in its module).
``p_survive_dismissal`` (standing and the economic-loss rule) is reported apart: it is the
pleading-stage hurdle, not part of the trial probability.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from ..datasets.jurisdictions import COMPARATIVE_RULE_LABELS, ECONOMIC_LOSS_LABELS
from ..errors import InputError
from ._params import LiabilityParams, logistic, resolve_params
from ._tables import Rule, jurisdiction_rules
from .causation import attribution_fraction, causation_terms
from .defenses import defense_factors
from .duty import duty_terms

if TYPE_CHECKING:
    from ..summary import Summary
from .fault import allocate_fault, default_shares, select_rule
from .standard_of_care import breach_logit_terms, hand_rows
from .standing import standing_terms

__all__ = ["LiabilityAssessment", "LossOrigin", "assess_liability", "liability_probability"]


class LossOrigin(str, Enum):
    """Where the loss L of the Hand test came from (:attr:`LiabilityAssessment.loss_origin`).

    ``DEFAULT``: no loss was supplied, so L = records exposed x the per-record cost parameter.
    ``SUPPLIED``: the caller passed ``loss=`` (``toolkit.assess`` passes its damages estimate).

    >>> LossOrigin("default") is LossOrigin.DEFAULT
    True
    """

    DEFAULT = "default"
    SUPPLIED = "supplied"

_LOGIT_STEPS = (
    ("duty", "relationship", "relationship to the data subjects"),
    ("duty", "sensitivity", "sensitivity of the data"),
    ("duty", "foreseeability", "public exposure of the misconfiguration type"),
    ("breach", "hand", "Hand test of the relevant controls"),
    ("breach", "industry_frameworks", "controls named by industry frameworks"),
    ("breach", "governance", "governance program (evidence of care)"),
    ("breach", "prior_warnings", "prior warnings ignored"),
    ("breach", "provider_default", "provider's insecure default"),
    ("causation", "causation_strength", "causation strength"),
    ("causation", "intervening_criminal_act", "intervening criminal act"),
    ("causation", "prior_exposure", "prior exposure elsewhere"),
)
_STEP_LABELS = {(group, key): label for group, key, label in _LOGIT_STEPS}


@dataclass(frozen=True, eq=False)
class LiabilityAssessment:
    """The liability analysis of one matter (returned by :func:`assess_liability`).

    Attributes
    ----------
    probability : float
        P(the defendant is found liable in negligence at trial) = duty x breach x causation,
        adjusted by the affirmative defenses raised.
    p_duty, p_breach, p_causation : float
        The element probabilities.
    defense_factor : float
        Product of ``1 - effect`` over the defenses raised.
    p_standing, p_survive_dismissal : float
        P(standing) and P(surviving a motion to dismiss) = standing x (1 - P(economic-loss bar)).
    attribution : float
        Share of the damages attributed to this exposure (causation).
    defendant_payable_share : float
        Share of the plaintiff's damages the defendant (the cloud customer) pays under the
        governing jurisdiction's rules.
    loss : float
        L used in the Hand test (USD).
    loss_origin : LossOrigin
        Where L came from (the per-record default or the caller); ``loss_source`` says it in words.
    rule : Rule
        The governing jurisdiction's row of ``data/jurisdictions.csv``.
    """

    case: Any
    params: LiabilityParams
    loss: float
    loss_origin: LossOrigin
    loss_source: str
    probability: float
    p_duty: float
    p_breach: float
    p_causation: float
    defense_factor: float
    p_standing: float
    p_survive_dismissal: float
    p_economic_loss_bar: float
    attribution: float
    defendant_payable_share: float
    rule: Rule
    rule_reason: str
    stance_reason: str
    hand: tuple
    terms: dict
    allocation: dict
    fault_reasons: tuple
    _cache: dict = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ tables
    @property
    def elements(self):
        """DataFrame: element, probability, driver (one row per element and for the result)."""
        if "elements" not in self._cache:
            import pandas as pd

            def top(group):
                terms = {k: v for k, v in self.terms[group].items() if k != "intercept" and v != 0}
                if not terms:
                    return "intercept only"
                k = max(terms, key=lambda t: abs(terms[t]))
                return f"{_STEP_LABELS.get((group, k), k.replace('_', ' '))} ({terms[k]:+.2f} logit)"

            defenses = ", ".join(self.case.defenses) or "none raised"
            rows = [
                ("duty", self.p_duty, top("duty")),
                ("breach", self.p_breach, top("breach") + f"; {self._n_breach_indicated()} absent/unknown control(s) "
                                                         "fail the Hand test"),
                ("causation", self.p_causation, top("causation")
                 + f"; strength of the causation evidence {self.case.causation_strength:.2f}"),
                ("defenses", self.defense_factor, defenses),
                ("liability", self.probability, "duty x breach x causation x defenses"),
                ("standing", self.p_standing, self.stance_reason),
                ("economic_loss_rule", 1.0 - self.p_economic_loss_bar,
                 f"{self.rule.jurisdiction}: {ECONOMIC_LOSS_LABELS[self.rule.economic_loss_rule]} "
                 "(P claim not barred)"),
                ("survive_dismissal", self.p_survive_dismissal, "standing x economic-loss rule"),
                ("attribution", self.attribution, "share of damages attributed to this exposure"),
            ]
            self._cache["elements"] = pd.DataFrame(rows, columns=["element", "probability", "driver"])
        return self._cache["elements"]

    def _n_breach_indicated(self) -> int:
        return sum(1 for r in self.hand if r.status != "yes" and r.margin > 0)

    @property
    def controls(self):
        """DataFrame: the Hand test of each relevant control (B, ΔP, ΔP·L, margin, verdict)."""
        if "controls" not in self._cache:
            import pandas as pd

            cols = ["control", "status", "relevance", "burden_usd", "delta_p", "expected_harm_averted_usd",
                    "margin", "score", "verdict"]
            self._cache["controls"] = pd.DataFrame([[getattr(r, c) for c in cols] for r in self.hand], columns=cols)
        return self._cache["controls"]

    @property
    def fault(self):
        """DataFrame: party, share (of total fault, sums to 1), payable_share (of the plaintiff's damages)."""
        if "fault" not in self._cache:
            import pandas as pd

            names = dict(self.case.parties)
            rows = [(party, names.get(party) or ("(none)" if party != "plaintiff" else "data subjects"), share,
                     self.allocation["payable"].get(party, 0.0))
                    for party, share in self.allocation["fault"].items()]
            self._cache["fault"] = pd.DataFrame(rows, columns=["party", "name", "share", "payable_share"])
        return self._cache["fault"]

    @property
    def parameters(self):
        """DataFrame: every parameter with its value and source or assumption."""
        return self.params.to_frame()

    @property
    def waterfall(self):
        """DataFrame: how each factor moved the liability probability, in order."""
        if "waterfall" not in self._cache:
            import pandas as pd

            self._cache["waterfall"] = pd.DataFrame(_waterfall(self.terms, self.case, self.params),
                                                    columns=["step", "element", "delta", "probability"])
        return self._cache["waterfall"]

    # ------------------------------------------------------------------ report
    def summary(self) -> Summary:
        """One DataFrame fit for a report (a :class:`toolkit.summary.Summary`).

        Columns section, item, value, unit, source, kind. ``kind`` is ``fact`` (the results),
        ``element``, ``control`` (the Hand table), ``governance`` (the program factors beside it, with
        their logits), ``fault``, ``parameter`` (every non-fitted number with its source or assumption
        in ``source``) or ``note``.
        """
        from ..summary import Summary

        c = self.case
        rows: list[tuple] = [
            ("Liability", "matter", c.name, "", f"{c.defendant}; {c.misconfiguration_type}; {c.service_model}"),
            ("Liability", "P(liable in negligence at trial)", self.probability, "probability",
             "duty x breach x causation x defenses"),
            ("Liability", "P(survive motion to dismiss)", self.p_survive_dismissal, "probability",
             "standing x economic-loss rule"),
            ("Liability", "attribution of damages", self.attribution, "share", "causation"),
            ("Fault", "defendant payable share", self.defendant_payable_share, "share",
             f"{self.rule.jurisdiction}: {self.rule.describe()}"),
            ("Liability", "loss L (USD)", self.loss, "USD", self.loss_source),
            ("Fault", "governing rule", self.rule.jurisdiction, "", self.rule_reason),
        ]
        rows += [("Elements", r.element, r.probability, "probability", r.driver, "element")
                 for r in self.elements.itertuples()]
        rows += [("Standard of care", r.control, r.margin, "score",
                  f"{r.verdict}; B = ${r.burden_usd:,.0f}/yr, ΔP·L = ${r.expected_harm_averted_usd:,.0f}/yr", "control")
                 for r in self.hand]
        from .standard_of_care import governance_terms

        rows += [("Governance program", k, v, "logit", f"{c.governance[k]}: breach logit {v:+.2f} (beside the Hand test)",
                  "governance") for k, v in governance_terms(c, self.params).items()]
        rows += [("Fault", r.party, r.share, "share", f"payable share {r.payable_share:.3f}", "fault")
                 for r in self.fault.itertuples()]
        rows += [("Parameters", r.name, r.value, str(r.unit), str(r.source_or_assumption), "parameter")
                 for r in self.parameters.itertuples()]
        return Summary.build(rows, notes=self.notes(), title=f"Liability of {c.defendant} ({c.name})")

    def notes(self) -> list[str]:
        """Caveats the inputs raised (numbered in :meth:`summary`)."""
        out = []
        if self.loss_origin is LossOrigin.DEFAULT:
            out.append("No loss was supplied: L = records_exposed x loss_per_record_usd (IBM 2023 per-record cost). "
                       "Per-record models overstate large breaches; pass the damages estimate as loss=.")
        if not self.rule.verified:
            out.append(f"The {self.rule.jurisdiction} rule row is not fully verified in a source (see its notes in "
                       "data/jurisdictions.csv).")
        if self.allocation["barred"]:
            out.append(f"Recovery is barred: plaintiff fault {self.params.plaintiff_fault:.2f} under "
                       f"{COMPARATIVE_RULE_LABELS[self.rule.comparative_rule]}.")
        unknown = [r.control for r in self.hand if r.status == "unknown"]
        if unknown:
            out.append("Control status unknown (scored at unknown_weight of an absent control): " + ", ".join(unknown))
        gov_unknown = [k for k, v in self.case.governance.items() if v == "unknown"]
        if gov_unknown and len(gov_unknown) < len(self.case.governance):
            out.append("Governance factors unknown (neutral: they add nothing to the breach logit): "
                       + ", ".join(gov_unknown))
        out.append("Element models are logistic with stated-assumption weights (see parameter rows); they are not "
                   "fitted to outcomes. Not legal advice.")
        out.extend(self.fault_reasons)
        return out

    def __repr__(self) -> str:
        return (f"LiabilityAssessment({self.case.name!r}: P(liable)={self.probability:.3f}, "
                f"P(survive dismissal)={self.p_survive_dismissal:.3f}, "
                f"defendant payable share={self.defendant_payable_share:.3f})")

    # ------------------------------------------------------------------ plots
    def plot_waterfall(self, ax=None, **kwargs):
        """Bar chart of how each factor moved P(liable), from the intercept-only baseline.

        Returns the matplotlib axes.
        """
        from ._plotting import plot_waterfall

        return plot_waterfall(self, ax=ax, **kwargs)

    def plot_hand(self, ax=None, **kwargs):
        """B against ΔP·L for each relevant control (log scale), by status. Returns the axes."""
        from ._plotting import plot_hand

        return plot_hand(self, ax=ax, **kwargs)


def _waterfall(terms: dict, case, p: LiabilityParams) -> list[tuple]:
    z = {g: terms[g]["intercept"] for g in ("duty", "breach", "causation")}
    factor = 1.0

    def prob():
        return logistic(z["duty"]) * logistic(z["breach"]) * logistic(z["causation"]) * factor

    current = prob()
    rows = [("baseline (intercepts)", "all", 0.0, current)]
    for group, key, label in _LOGIT_STEPS:
        z[group] += terms[group][key]
        new = prob()
        rows.append((label, group, new - current, new))
        current = new
    for name, f in defense_factors(case.defenses, p).items():
        factor *= f
        new = prob()
        rows.append((f"defense: {name}", "defenses", new - current, new))
        current = new
    return rows


def _resolve_loss(case, loss, p: LiabilityParams) -> tuple[float, LossOrigin, str]:
    if loss is None:
        value = case.records_exposed * p.loss_per_record_usd
        return value, LossOrigin.DEFAULT, (f"default: {case.records_exposed:,} records x "
                                           f"${p.loss_per_record_usd:,.0f}/record (IBM Cost of a Data Breach 2023)")
    if isinstance(loss, bool) or not isinstance(loss, (int, float)) or not math.isfinite(float(loss)) or loss < 0:
        raise InputError("loss", loss, "None or a finite amount in USD >= 0")
    return float(loss), LossOrigin.SUPPLIED, "analyst-supplied"


def _check_case(case):
    from ..case import Case

    if not isinstance(case, Case):
        raise InputError("case", type(case).__name__, "a toolkit.Case (build one with Case.from_dict or Case.from_yaml)")


def _core(case, loss, p: LiabilityParams):
    rule, rule_reason = select_rule(case, jurisdiction_rules())
    hand = hand_rows(case, loss, p)
    terms = {"duty": duty_terms(case, p), "breach": breach_logit_terms(case, hand, p),
             "causation": causation_terms(case, p)}
    st_terms, stance_reason = standing_terms(case, rule, p)
    terms["standing"] = st_terms
    p_duty = logistic(sum(terms["duty"].values()))
    p_breach = logistic(sum(terms["breach"].values()))
    p_cause = logistic(sum(terms["causation"].values()))
    dfac = 1.0
    for f in defense_factors(case.defenses, p).values():
        dfac *= f
    return rule, rule_reason, hand, terms, stance_reason, p_duty, p_breach, p_cause, dfac


def liability_probability(case, loss: float | None = None, *, params=None) -> float:
    """P(liable in negligence at trial) only: the light numeric path used by simulations.

    Same number as ``assess_liability(case, loss, params=params).probability``.

    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10_000, data_types=["ssn"], sector="finance",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US-CA"])
    >>> 0.0 < liability_probability(case) < 1.0
    True
    """
    _check_case(case)
    p = resolve_params(params)
    loss_value, *_ = _resolve_loss(case, loss, p)
    *_, p_duty, p_breach, p_cause, dfac = _core(case, loss_value, p)
    return p_duty * p_breach * p_cause * dfac


def assess_liability(case, loss: float | None = None, *, params=None) -> LiabilityAssessment:
    """Assess the negligence liability of the defendant (the cloud customer) in a matter.

    Parameters
    ----------
    case : toolkit.Case
        The matter.
    loss : float, optional
        L for the Hand test, in USD: the damages estimate (or an analyst's figure). If None,
        ``records_exposed * loss_per_record_usd`` ($165, IBM 2023), and the summary says so.
    params : LiabilityParams or mapping, optional
        Parameter overrides (see :func:`toolkit.liability.default_parameters`), e.g.
        ``{"plaintiff_fault": 0.2, "defense_effect": {"soc2": 0.1}}``.

    Returns
    -------
    LiabilityAssessment

    Raises
    ------
    toolkit.InputError
        If ``case`` is not a Case, ``loss`` is negative or not finite, or a parameter is
        unknown or out of range.

    See Also
    --------
    liability_probability : the probability alone (no tables), for simulations.

    Examples
    --------
    >>> from toolkit import Case
    >>> case = Case.from_dict({
    ...     "name": "Open bucket", "defendant": "Example Health Inc.", "records_exposed": 250_000,
    ...     "data_types": ["health", "contact"], "sector": "healthcare", "service_model": "iaas",
    ...     "misconfiguration_type": "public_bucket", "jurisdictions": ["US", "US-CA"],
    ...     "forum": "N.D. Cal.", "causation_strength": 0.7,
    ...     "controls": {"config_scanning": "no", "least_privilege": "no", "mfa": "yes"}})
    >>> result = assess_liability(case, loss=40e6)
    >>> 0.0 <= result.probability <= 1.0, result.rule.jurisdiction
    (True, 'US-CA')
    >>> result.controls.set_index("control").loc["config_scanning", "verdict"]
    'absent: breach indicated (B < ΔP·L)'
    >>> round(float(result.fault["share"].sum()), 10)
    1.0
    """
    from ..damages import economic_share

    _check_case(case)
    p = resolve_params(params)
    loss_value, loss_origin, loss_source = _resolve_loss(case, loss, p)
    rule, rule_reason, hand, terms, stance_reason, p_duty, p_breach, p_cause, dfac = _core(case, loss_value, p)
    p_standing = logistic(sum(terms["standing"].values()))
    p_elr = p.elr_bar_probability[rule.economic_loss_rule]
    shares, reasons = default_shares(case, p)
    allocation = allocate_fault(
        shares, plaintiff_fault=p.plaintiff_fault, comparative_rule=rule.comparative_rule,
        joint_several=rule.joint_several, js_threshold=rule.js_threshold,
        collectible={"customer": 1.0, "provider": p.provider_collectible, "integrator": p.integrator_collectible},
        economic_fraction=p.economic_damages_fraction * economic_share(case))
    return LiabilityAssessment(
        case=case, params=p, loss=loss_value, loss_origin=loss_origin, loss_source=loss_source,
        probability=p_duty * p_breach * p_cause * dfac, p_duty=p_duty, p_breach=p_breach, p_causation=p_cause,
        defense_factor=dfac, p_standing=p_standing, p_survive_dismissal=p_standing * (1.0 - p_elr),
        p_economic_loss_bar=p_elr, attribution=attribution_fraction(case, p),
        defendant_payable_share=allocation["payable"]["customer"], rule=rule, rule_reason=rule_reason,
        stance_reason=stance_reason, hand=tuple(hand), terms=terms, allocation=allocation,
        fault_reasons=tuple(reasons))
