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
- a regime engaged by the matter was not yet in force in the incident year (GDPR before
  25 May 2018, CCPA § 1798.150 before 2020, ...), and whether the model left it out or still counts it.

It computes nothing about the matter: the facts come from the Assessment, and the entry-into-force
dates from :data:`IN_FORCE` (each with its source), a data table the regime plugins of the
calibration issue can take over.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Callable

__all__ = ["IN_FORCE", "RegimeDate", "lever_warnings"]


@dataclass(frozen=True)
class RegimeDate:
    """When a regime the model calculates entered into force, and when a matter engages it."""

    regime: str            # name shown to the user
    prefix: str            # how the regime's row of ``Assessment.regulatory`` starts
    in_force: _dt.date
    source: str
    engaged: Callable      # case -> bool
    model_checks_date: bool  # True when toolkit.assess already leaves it out before that date


def _us(case) -> bool:
    return any(j == "US" or j.startswith("US-") for j in case.jurisdictions)


#: Entry into force of the regimes the regulatory track calculates (toolkit.damages.fines / statutory).
IN_FORCE = (
    RegimeDate("GDPR", "GDPR", _dt.date(2018, 5, 25),
               "Regulation (EU) 2016/679, Art. 99(2): applies from 25 May 2018",
               lambda c: any(j.startswith("EU") for j in c.jurisdictions), False),
    RegimeDate("UK GDPR / Data Protection Act 2018", "UK GDPR", _dt.date(2018, 5, 25),
               "Data Protection Act 2018 (c. 12), in force 25 May 2018 (SI 2018/625)",
               lambda c: "GB" in c.jurisdictions, False),
    RegimeDate("CCPA § 1798.150 statutory damages", "CCPA", _dt.date(2020, 1, 1),
               "Cal. Civ. Code § 1798.198: operative 1 January 2020",
               lambda c: "US-CA" in c.jurisdictions, True),
    RegimeDate("NY SHIELD Act data-security duty", "NY SHIELD", _dt.date(2020, 3, 21),
               "N.Y. Gen. Bus. Law § 899-bb (L. 2019, ch. 117, § 6: effective 21 March 2020)",
               lambda c: "US-NY" in c.jurisdictions, False),
    RegimeDate("Illinois BIPA", "BIPA", _dt.date(2008, 10, 3),
               "740 ILCS 14 (P.A. 95-994, effective 3 October 2008)",
               lambda c: "US-IL" in c.jurisdictions and "biometric" in c.data_types, False),
    RegimeDate("HIPAA civil money penalty tiers (HITECH)", "HIPAA", _dt.date(2009, 2, 18),
               "HITECH Act § 13410(d), Pub. L. 111-5 (applies to violations after 17 February 2009)",
               lambda c: _us(c) and (c.sector == "healthcare" or "health" in c.data_types), False),
)


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
    case = result.case
    if case.incident_year is None:
        return []
    year = case.incident_year
    regimes = [str(r) for r in result.regulatory["regime"]] if len(result.regulatory) else []
    out = []
    for entry in IN_FORCE:
        if year >= entry.in_force.year or not entry.engaged(case):
            continue
        counted = any(r.startswith(entry.prefix) for r in regimes)
        when = entry.in_force.strftime("%-d %B %Y")
        if counted:
            what = "the model still counts it, so read that part of the regulatory range as outside its rules"
        else:
            what = "the model leaves it out"
        out.append(f"{entry.regime} was not in force in {year} (from {when}; {entry.source}): {what}.")
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
    >>> result = tk.assess(case.replace(jurisdictions=["EU-IE"], incident_year=2016), n_paths=2_000,
    ...                    market_check=False)
    >>> [w.split(":")[0] for w in lever_warnings(result)]
    ['Governing law EU-IE · Ireland', 'GDPR was not in force in 2016 (from 25 May 2018; Regulation (EU) 2016/679, Art. 99(2)']
    """
    return _rule_warnings(result, requested_law) + _regime_warnings(result)
