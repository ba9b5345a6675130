"""Breach of the standard of care: the Learned Hand test per relevant control, aggregated.

For each governance control relevant to the misconfiguration type (relevance > 0 in
``data/controls.csv``):

- burden ``B = cost_fixed_usd + cost_revenue_fraction * revenue`` (USD per year);
- ``P = min(1, p_breach_annual * vector_share[type] * m)``, with ``m = warning_multiplier``
  when prior warnings were ignored (``Case.prior_warnings == "yes"``), else 1;
- ``ΔP = P * risk_reduction * relevance``; ``ΔP·L`` with ``L`` the loss (USD);
- ``margin = (ΔP·L - B) / max(ΔP·L, B)`` in [-1, 1]: positive when the precaution was
  cheaper than the harm it would have averted (``B < ΔP·L``, Hand's test for negligence).

Each control then scores ``s``: absent ``margin + industry_standard_score`` (the second term
only if a recognised framework names it), unknown ``unknown_weight`` times that, in place
``-present_credit`` (``present_credit >= 1 >= |margin|``, so a control in place never scores
above an absent or unknown one). The probability that breach of the standard of care is
found is

``P(breach) = logistic(breach_intercept + hand_slope * S + G + warnings_logit * [warned]
- provider_default_logit * [provider insecure default])``

with ``S = Σ relevance_i s_i / Σ relevance_i`` (the relevance-weighted mean score) and ``G`` the
governance program beside the Hand test: ``G = Σ_k governance_logit[k] * g_k`` over the factors of
``Case.governance``, with ``g_k = +1`` when the factor is absent (``no``), ``-1`` in place, ``0`` unknown.

References
----------
United States v. Carroll Towing Co., 159 F.2d 169 (2d Cir. 1947) (B < P·L).
The Sedona Conference, Commentary on a Reasonable Security Test, 22 Sedona Conf. J. 345
(2021) (marginal test: an extra safeguard is owed if it costs less than the expected harm
it removes). The T.J. Hooper, 60 F.2d 737 (2d Cir. 1932) (industry custom is evidence).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..vocab import CONTROLS
from ._params import LiabilityParams, logistic
from ._tables import control_rows

__all__ = ["HandRow", "hand_test", "hand_rows", "breach_logit_terms", "breach_probability", "governance_terms"]


@dataclass(frozen=True)
class HandRow:
    """The Hand test of one control (one row of ``LiabilityAssessment.controls``)."""

    control: str
    status: str           # yes / no / unknown
    relevance: float
    burden_usd: float     # B
    delta_p: float        # ΔP
    expected_harm_averted_usd: float   # ΔP·L
    margin: float
    score: float
    verdict: str


def hand_test(burden: float, delta_p: float, loss: float) -> tuple[float, float, str]:
    """The Learned Hand comparison of one precaution.

    Parameters
    ----------
    burden : float
        B, the annual cost of the precaution (USD).
    delta_p : float
        ΔP, the reduction in the probability of the harm that the precaution buys.
    loss : float
        L, the loss if the harm occurs (USD).

    Returns
    -------
    (delta_pl, margin, verdict) : tuple
        ``ΔP·L``, the normalised margin ``(ΔP·L - B) / max(ΔP·L, B)`` and
        ``"B < ΔP·L"`` (the precaution was owed) or ``"B >= ΔP·L"``.

    Examples
    --------
    Carroll Towing in numbers: a precaution costing 100 that removes a 1% chance of a
    50,000 loss is owed (B = 100 < ΔP·L = 500):

    >>> hand_test(100.0, 0.01, 50_000.0)
    (500.0, 0.8, 'B < ΔP·L')
    """
    delta_pl = delta_p * loss
    top = max(delta_pl, burden)
    margin = 0.0 if top <= 0 else (delta_pl - burden) / top
    return delta_pl, margin, ("B < ΔP·L" if delta_pl > burden else "B >= ΔP·L")


def hand_rows(case, loss: float, p: LiabilityParams) -> list[HandRow]:
    """The Hand test for every control relevant to ``case.misconfiguration_type``."""
    rows = control_rows()
    mtype = case.misconfiguration_type
    revenue = case.defendant_revenue_usd if case.defendant_revenue_usd is not None else p.default_revenue_usd
    warned = case.prior_warnings == "yes"
    prob = min(1.0, p.p_breach_annual * p.vector_share[mtype] * (p.warning_multiplier if warned else 1.0))
    out = []
    for name in CONTROLS:
        row = rows[name]
        rel = row.relevance[mtype]
        if rel <= 0:
            continue
        burden = row.cost_fixed_usd + row.cost_revenue_fraction * revenue
        delta_p = prob * row.risk_reduction * rel
        delta_pl, margin, verdict = hand_test(burden, delta_p, loss)
        status = case.controls.get(name, "unknown")
        absent_score = margin + (p.industry_standard_score if row.in_framework else 0.0)
        if status == "yes":
            score, verdict = -p.present_credit, "in place"
        elif status == "no":
            score = absent_score
            verdict = ("absent: breach indicated (" if margin > 0 else "absent: no breach indicated (") + verdict + ")"
        else:
            score = p.unknown_weight * absent_score
            verdict = "unknown: " + verdict
        out.append(HandRow(name, status, rel, burden, delta_p, delta_pl, margin, score, verdict))
    return out


def governance_terms(case, p: LiabilityParams) -> dict[str, float]:
    """The logit of each governance factor: +weight absent, -weight in place, 0 unknown."""
    sign = {"no": 1.0, "yes": -1.0}
    return {k: sign.get(v, 0.0) * p.governance_logit[k] for k, v in case.governance.items()}


def breach_logit_terms(case, rows: list[HandRow], p: LiabilityParams) -> dict:
    """The additive terms of the breach logit (for the waterfall)."""
    total_rel = sum(r.relevance for r in rows)
    hand = fw = 0.0
    if total_rel > 0:
        for r in rows:
            row = control_rows()[r.control]
            framework = p.industry_standard_score if row.in_framework and r.status != "yes" else 0.0
            weight = p.unknown_weight if r.status == "unknown" else 1.0
            fw += r.relevance * weight * framework
            hand += r.relevance * (r.score - weight * framework if r.status != "yes" else r.score)
        hand, fw = p.hand_slope * hand / total_rel, p.hand_slope * fw / total_rel
    return {
        "intercept": p.breach_intercept,
        "hand": hand,
        "industry_frameworks": fw,
        "governance": sum(governance_terms(case, p).values()),
        "prior_warnings": p.warnings_logit if case.prior_warnings == "yes" else 0.0,
        "provider_default": -p.provider_default_logit if case.provider_insecure_default == "yes" else 0.0,
    }


def breach_probability(case, loss: float, p: LiabilityParams) -> float:
    """P(breach of the standard of care is found); see the module docstring for the formula."""
    return logistic(sum(breach_logit_terms(case, hand_rows(case, loss, p), p).values()))
