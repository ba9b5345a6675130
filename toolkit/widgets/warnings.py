"""Warnings the dashboard shows next to the numbers when a lever is outside the model's rules.

:func:`lever_warnings` reads an :class:`~toolkit.assess.Assessment` (and the governing law the
user asked for) and says, in one plain sentence each, where the numbers rest on something the
model does not cover:

- the governing law asked for has no rule in ``data/jurisdictions.csv``, so the engine applied
  another jurisdiction's rule (Ohio in a table without it; the UK or Ireland behind a US state
  of the matter, which the engine prefers);
- the rule applied is a documented default, not read from a source (``rule_basis`` of the table);
- the governing law is not a US one: the liability elements, standing and the class-action stage
  tree follow US law, so only the fault-allocation rule is that jurisdiction's;
- a regime that reaches the matter was not yet in force in the incident year (GDPR before 2018,
  CCPA § 1798.150 before 2020, ...): the model leaves it out, and the user should know why.

It computes nothing about the matter: the facts come from the Assessment, the rules from the
liability engine's rule row and the regime plugins' own ``applies`` and ``in_force``
(:mod:`toolkit.regimes`).
"""
from __future__ import annotations

__all__ = ["lever_warnings"]


def _rule_warnings(result, requested: str | None) -> list[str]:
    from .state import jurisdiction_label

    out = []
    rule = result.liability.rule
    applied = rule.jurisdiction
    if requested and requested != applied:
        out.append(f"Governing law: the model has no rule it can apply for {jurisdiction_label(requested)}; "
                   f"the numbers use {jurisdiction_label(applied)} instead ({result.liability.rule_reason}).")
    basis = getattr(rule, "rule_basis", "sourced")
    if basis not in ("sourced", None, ""):
        out.append(f"Governing law: the fault-allocation rule for {jurisdiction_label(applied)} is a "
                   f"documented default ({basis}), not read from a source for that jurisdiction.")
    shown = requested or applied
    if not shown.startswith("US"):
        out.append(f"Governing law {jurisdiction_label(shown)}: the liability elements, standing and the "
                   "class-action stages follow US law; only the fault-allocation rule is that jurisdiction's. "
                   "Read the class numbers as a US-style benchmark.")
    return out


def _regime_warnings(result) -> list[str]:
    """Regimes that reach the matter but were not in force in its incident year (the model leaves them out)."""
    from ..regimes import registered

    case = result.case
    if case.incident_year is None:
        return []
    regulators = tuple(getattr(result, "regulators", None) or case.regulators or ())
    out = []
    for regime in registered():
        if regime.applies(case, regulators) and not regime.in_force(case.incident_year):
            out.append(f"{regime.name} was not in force in {case.incident_year} (it applies from "
                       f"{regime.effective_year}): the model leaves it out of the numbers.")
    return out


def lever_warnings(result, requested_law: str | None = None) -> list[str]:
    """Plain-language warnings for the levers of ``result`` that fall outside the model's rules.

    Parameters
    ----------
    result : toolkit.assess.Assessment
        The assessment on screen.
    requested_law : str, optional
        The governing law the user chose (a jurisdiction code); compared with the rule the
        liability engine applied.

    Returns
    -------
    list of str
        One sentence per warning; empty when every lever is inside the model's rules.

    Examples
    --------
    >>> import toolkit as tk
    >>> case = tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> result = tk.assess(case.replace(jurisdictions=["EU-IE"], regulators=None, incident_year=2016),
    ...                    n_paths=2_000, market_check=False)
    >>> warnings = lever_warnings(result)
    >>> any("follow US law" in w for w in warnings), any(w.startswith("GDPR") and "not in force in 2016" in w
    ...                                                  for w in warnings)
    (True, True)
    """
    return _rule_warnings(result, requested_law) + _regime_warnings(result)
