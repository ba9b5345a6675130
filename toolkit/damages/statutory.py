"""Statutory damages available to a class: CCPA § 1798.150, Illinois BIPA, other state private rights.

Each calculator returns a :class:`Calculation` (low, median, high, currency, ``steps`` DataFrame
with the working and its sources, notes) and refuses invalid inputs with
:class:`toolkit.InputError`. Amounts are the statutory figures; they are legal parameters, not
legal advice, and carry effective dates.

References
----------
- Cal. Civ. Code § 1798.150(a)(1)(A): "not less than one hundred dollars ($100) and not more than
  seven hundred and fifty ($750) per consumer per incident or actual damages, whichever is
  greater"; (b): 30 days' written notice and cure before an action for statutory damages.
  https://self-law.org/code/ca/civil-code/1798-150
- CPPA adjustment effective 1 Jan 2025 (§ 1798.199.95(d)): maximum $750 -> $799
  (https://production.jdsupra.com/legalnews/california-privacy-protection-agency-7046701, V);
  minimum $107 (https://usa.adaptagency.com/news-knowledge/what-is-CCPA, V2; $100 x 799/750 = $106.5, D).
- 740 ILCS 14/20: $1,000 (negligent) / $5,000 (intentional or reckless) or actual damages if
  greater; SB 2979 (signed 2 Aug 2024): repeated collection or disclosure of the same identifier
  from the same person by the same method is one violation, one recovery.
  https://self-law.org/code/il/chapter-740/act-14/20 ;
  https://www.dl-firm.com/illinois-governor-pritzker-signs-amendment-reducing-potential-damages-under-biometric-information-privacy-act/
- State private rights of action in breach-notification laws: coded from the NYU JLPP replication
  data (Akesari12/Do-Data-Breach-Notification-Laws-Work-NYU-JLPP-Replication-Code @ 0ccf3355),
  ``state_law_features_coded.csv``; those laws give actual damages, no statutory amount.
"""
from __future__ import annotations

import functools
from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import InputError
from ._common import Calculation, check_choice, check_date, check_number, in_force_row, steps_frame

__all__ = ["ccpa_statutory_damages", "bipa_damages", "state_private_rights", "private_right_states", "CCPA_AMOUNTS", "BIPA_AMOUNTS",
           "STATE_PRIVATE_RIGHTS"]

#: Effective-dated CCPA § 1798.150(a)(1)(A) amounts: (effective from, minimum, maximum, source, tag).
CCPA_AMOUNTS = pd.DataFrame(
    [("2020-01-01", 100.0, 750.0, "Cal. Civ. Code § 1798.150(a)(1)(A), https://self-law.org/code/ca/civil-code/1798-150", "V"),
     ("2025-01-01", 107.0, 799.0,
      "CPPA CPI adjustment announced 17 Dec 2024: max $799 (https://production.jdsupra.com/legalnews/california-privacy-"
      "protection-agency-7046701, V); min $107 (https://usa.adaptagency.com/news-knowledge/what-is-CCPA, V2; "
      "$100 x 799/750 = $106.5 -> $107, D)", "V/V2")],
    columns=["effective", "minimum", "maximum", "source", "tag"])
CCPA_AMOUNTS["effective"] = pd.to_datetime(CCPA_AMOUNTS["effective"])

#: 740 ILCS 14/20 liquidated damages per violation.
BIPA_AMOUNTS = {"negligent": 1000.0, "intentional": 5000.0, "reckless": 5000.0}
BIPA_AMENDMENT_DATE = pd.Timestamp("2024-08-02")  # SB 2979 signed (sources §2.5, V)

#: States whose breach law gives a private right of action (coded YES/OTHER), with the effective date.
#: From state_law_features_coded.csv (NYU JLPP replication data; see module References).
STATE_PRIVATE_RIGHTS = pd.DataFrame(
    [("US-CA", "California", "YES", "2020-01-01"), ("US-HI", "Hawaii", "YES", "2007-01-01"),
     ("US-LA", "Louisiana", "YES", "2006-01-01"), ("US-MD", "Maryland", "YES", "2007-04-03"),
     ("US-MN", "Minnesota", "YES", "2008-08-01"), ("US-NV", "Nevada", "OTHER", None),
     ("US-NH", "New Hampshire", "YES", "2020-01-01"), ("US-NC", "North Carolina", "YES", "2009-10-01"),
     ("PR", "Puerto Rico", "YES", None), ("US-SC", "South Carolina", "YES", "2009-07-01"),
     ("US-TN", "Tennessee", "YES", "2019-09-30"), ("VI", "U.S. Virgin Islands", "YES", None),
     ("US-VA", "Virginia", "YES", "2023-01-01"), ("US-WA", "Washington", "YES", "2005-07-24")],
    columns=["jurisdiction", "state", "private_right_of_action", "effective_date"])


def ccpa_statutory_damages(ca_residents: int, *, incident_date="2025-06-30", award_per_consumer: float | None = None,
                           award_position: float | None = None, actual_damages_per_consumer: float = 0.0,
                           cured: bool = False,
                           nonencrypted: bool = True, reasonable_security_violated: bool = True) -> Calculation:
    """CCPA § 1798.150 damages for a class of California residents, one incident.

    Per consumer per incident: statutory damages between the minimum and maximum in force on
    the incident date ($100-$750; $107-$799 from 1 Jan 2025), or actual damages, whichever is
    greater. Statutory damages need 30 days' written notice; if the business cures within the
    30 days and says so in writing, only actual pecuniary damages remain (§ 1798.150(b)); putting
    reasonable security in place after the breach is not a cure.

    Parameters
    ----------
    ca_residents : int
        Class members who are California residents (only they can sue under § 1798.150).
    incident_date : str, date or int, default="2025-06-30"
        Picks the amounts in force (:data:`CCPA_AMOUNTS`). Before 2020-01-01 the section was not in force.
    award_per_consumer : float, optional
        The statutory award the court would set (within the range); default: the midpoint.
    award_position : float, optional
        The award as a position within the range in force (0 = the minimum, 0.5 = the midpoint,
        1 = the maximum), for callers that do not know the date's amounts; give this or
        ``award_per_consumer``, not both. Default: the midpoint.
    actual_damages_per_consumer : float, default=0.0
        Proven actual damages per consumer (recovered instead when greater).
    cured : bool, default=False
        The business cured within 30 days of the notice and gave a written statement.
    nonencrypted : bool, default=True
        The personal information was nonencrypted and nonredacted (otherwise no § 1798.150 claim).
    reasonable_security_violated : bool, default=True
        The breach resulted from a failure to maintain reasonable security.

    Returns
    -------
    Calculation

    Examples
    --------
    >>> r = ccpa_statutory_damages(1_000, incident_date="2024-05-01")
    >>> r.low, r.median, r.high
    (100000.0, 425000.0, 750000.0)
    >>> ccpa_statutory_damages(1_000, incident_date="2025-03-01", award_position=1.0).median
    799000.0
    """
    n = check_number("ca_residents", ca_residents, minimum=0, integer=True)
    date = check_date("incident_date", incident_date)
    actual = check_number("actual_damages_per_consumer", actual_damages_per_consumer, minimum=0)
    if award_position is not None:
        if award_per_consumer is not None:
            raise InputError("award_position", award_position, "None when award_per_consumer is given (one or the other)")
        award_position = check_number("award_position", award_position, minimum=0, maximum=1)
    for name, flag in (("cured", cured), ("nonencrypted", nonencrypted),
                       ("reasonable_security_violated", reasonable_security_violated)):
        if not isinstance(flag, (bool, np.bool_)):
            raise InputError(name, flag, "True or False")
    steps = [("1", "California residents in the class (only they have the § 1798.150 right)", n,
              "§ 1798.150(a)(1): 'any consumer'; § 1798.140: consumer = California resident")]
    notes: list[str] = []
    row = in_force_row(CCPA_AMOUNTS, date)
    if row is None or not (nonencrypted and reasonable_security_violated):
        reason = ("incident before 1 Jan 2020: § 1798.150 not in force" if row is None else
                  "no claim: the data were encrypted/redacted or no reasonable-security failure")
        steps.append(("2", reason, 0.0, "§ 1798.150(a)(1)"))
        return Calculation("CCPA § 1798.150", actual * n, actual * n, actual * n, "USD", steps_frame(steps),
                           ["Only actual damages (other causes of action) remain."] if actual else [])
    lo, hi = float(row["minimum"]), float(row["maximum"])
    steps.append(("2", f"statutory range per consumer per incident in force on {date.date()}", f"${lo:,.0f}-${hi:,.0f}",
                  row["source"]))
    if award_position is not None:
        award = lo + float(award_position) * (hi - lo)
        notes.append(f"The award is set at {award_position:.0%} of the way from the minimum to the maximum "
                     "(§ 1798.150(a)(2) factors: the willfulness and persistence of the misconduct move it up).")
    elif award_per_consumer is None:
        award = (lo + hi) / 2
        notes.append("The award within the range is the court's discretion (nature and seriousness, number of violations, "
                      "persistence, length of time, willfulness, assets and net worth); the median uses the midpoint.")
    else:
        award = check_number("award_per_consumer", award_per_consumer, minimum=lo, maximum=hi)
    steps.append(("3", "statutory award per consumer (point estimate)", award, "§ 1798.150(a)(2) factors"))
    if cured:
        steps.append(("4", "cured within 30 days of written notice, with a written statement: statutory damages barred",
                      0.0, "§ 1798.150(b)"))
        lo_pc = mid_pc = hi_pc = actual
        notes.append("Post-breach implementation of reasonable security is not a cure (§ 1798.150(b), as amended by the CPRA; V2).")
    else:
        steps.append(("4", "no cure: 30-day written notice given and not cured (required for statutory damages, "
                      "not for actual pecuniary damages)", "", "§ 1798.150(b)"))
        lo_pc, mid_pc, hi_pc = max(lo, actual), max(award, actual), max(hi, actual)
    steps.append(("5", "per consumer: statutory or actual damages, whichever is greater (low / point / high)",
                  f"${lo_pc:,.2f} / ${mid_pc:,.2f} / ${hi_pc:,.2f}", "§ 1798.150(a)(1)(A)"))
    steps.append(("6", "x California residents = class amount (point estimate)", mid_pc * n, "arithmetic"))
    return Calculation("CCPA § 1798.150", lo_pc * n, mid_pc * n, hi_pc * n, "USD", steps_frame(steps), notes)


def bipa_damages(persons: int, *, culpability: str = "negligent", violations_per_person: int = 1,
                 actual_damages_per_person: float = 0.0, as_of="2025-06-30",
                 per_violation_accrual: bool | None = None) -> Calculation:
    """Illinois BIPA liquidated damages (740 ILCS 14/20).

    $1,000 per negligent violation, $5,000 per intentional or reckless violation, or actual
    damages if greater. Before SB 2979 (2 Aug 2024) each scan or disclosure accrued separately
    (*Cothron v. White Castle*, Ill. 2023); after it, repeated collection or disclosure of the
    same identifier from the same person by the same method is one violation with one recovery.

    Parameters
    ----------
    persons : int
        Illinois residents whose biometric identifiers or information were collected or disclosed.
    culpability : {"negligent", "intentional", "reckless"}, default="negligent"
    violations_per_person : int, default=1
        Collections or disclosures per person by the same method (counts only under per-violation accrual).
    actual_damages_per_person : float, default=0.0
    as_of : str, date or int, default="2025-06-30"
        Date that decides the accrual rule when ``per_violation_accrual`` is None.
    per_violation_accrual : bool, optional
        Force the pre-amendment (True) or post-amendment (False) rule; whether the amendment
        applies to pending cases was contested, so an analyst may want both.

    Returns
    -------
    Calculation

    Examples
    --------
    >>> bipa_damages(100, culpability="reckless").median
    500000.0
    >>> bipa_damages(100, violations_per_person=10, per_violation_accrual=True).median
    1000000.0
    """
    n = check_number("persons", persons, minimum=0, integer=True)
    culp = check_choice("culpability", culpability, tuple(BIPA_AMOUNTS))
    k = check_number("violations_per_person", violations_per_person, minimum=1, integer=True)
    actual = check_number("actual_damages_per_person", actual_damages_per_person, minimum=0)
    date = check_date("as_of", as_of)
    if per_violation_accrual is not None and not isinstance(per_violation_accrual, (bool, np.bool_)):
        raise InputError("per_violation_accrual", per_violation_accrual, "True, False or None")
    per = BIPA_AMOUNTS[culp]
    src = "740 ILCS 14/20, https://self-law.org/code/il/chapter-740/act-14/20"
    steps = [("1", "Illinois persons whose biometrics were collected or disclosed", n, "740 ILCS 14/15, 14/20"),
             ("2", f"liquidated damages per violation ({culp})", per, src)]
    accrual = per_violation_accrual if per_violation_accrual is not None else date < BIPA_AMENDMENT_DATE
    recoveries = k if accrual else 1
    steps.append(("3", ("per-violation accrual (Cothron v. White Castle, Ill. 2023)" if accrual else
                        "one recovery per person per method (SB 2979, signed 2 Aug 2024)") + ": recoveries per person",
                  recoveries,
                  "https://www.dl-firm.com/illinois-governor-pritzker-signs-amendment-reducing-potential-damages-under-"
                  "biometric-information-privacy-act/"))
    per_person = max(per * recoveries, actual)
    steps.append(("4", "per person: liquidated or actual damages, whichever is greater", per_person, src))
    steps.append(("5", "x persons = class amount", per_person * n, "arithmetic"))
    notes = ["Reasonable attorneys' fees and costs (including expert fees) are recoverable in addition (740 ILCS 14/20)."]
    if per_violation_accrual is None and not accrual:
        notes.append("Whether SB 2979 applies to cases pending on 2 Aug 2024 was contested; set per_violation_accrual=True "
                     "for the pre-amendment rule.")
    # Liquidated amounts are fixed by statute: the range runs from the negligent to the chosen amount.
    low = max(BIPA_AMOUNTS["negligent"] * (recoveries if accrual else 1), actual) * n
    return Calculation("Illinois BIPA 740 ILCS 14/20", min(low, per_person * n), per_person * n, per_person * n, "USD",
                       steps_frame(steps), notes)


def state_private_rights(jurisdictions: Iterable[str] | None = None) -> pd.DataFrame:
    """States whose breach-notification law gives affected residents a private right of action.

    Parameters
    ----------
    jurisdictions : iterable of str, optional
        Codes such as ``US-CA``; default: every state with a private right.

    Returns
    -------
    pandas.DataFrame
        jurisdiction, state, private_right_of_action (YES / OTHER), effective_date, measure, source.
        The staged data code whether a right exists, not its measure: the amount is actual
        damages proven at trial (CCPA and BIPA, which carry statutory amounts, have their own calculators).

    Examples
    --------
    >>> state_private_rights(["US-WA", "US-TX"])["state"].tolist()
    ['Washington']
    """
    table = _private_rights_table()
    if jurisdictions is None:
        return table.copy()
    codes = _private_right_codes(jurisdictions)
    return table[table["jurisdiction"].isin(codes)].reset_index(drop=True)


def _private_right_codes(jurisdictions) -> list[str]:
    if isinstance(jurisdictions, str):
        jurisdictions = [jurisdictions]
    codes = []
    for i, code in enumerate(jurisdictions):
        if not isinstance(code, str):
            raise InputError(f"jurisdictions[{i}]", code, "a code such as US-CA")
        codes.append(code.strip().upper())
    return codes


@functools.lru_cache(maxsize=1)
def _private_rights_table() -> pd.DataFrame:
    """:data:`STATE_PRIVATE_RIGHTS` with its measure and source columns (built once; callers copy)."""
    table = STATE_PRIVATE_RIGHTS.copy()
    table["measure"] = "actual damages (no statutory amount in the staged state-law data)"
    table.loc[table["jurisdiction"] == "US-CA", "measure"] = "CCPA § 1798.150 statutory damages: see ccpa_statutory_damages"
    table["source"] = ("NYU JLPP replication data, state_law_features_coded.csv (Akesari12/Do-Data-Breach-Notification-"
                       "Laws-Work-NYU-JLPP-Replication-Code @ 0ccf3355)")
    return table


def private_right_states(jurisdictions: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``(state, measure)`` of each row of :func:`state_private_rights` for ``jurisdictions``, in its
    order, without building a table (the regime plugin calls this on every assessment).

    >>> private_right_states(["US-WA", "US-TX"]) == tuple(
    ...     state_private_rights(["US-WA", "US-TX"])[["state", "measure"]].itertuples(index=False, name=None))
    True
    """
    return _private_right_states(tuple(_private_right_codes(jurisdictions)))


@functools.lru_cache(maxsize=256)
def _private_right_states(codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    wanted = set(codes)
    table = _private_rights_table()
    return tuple((str(state), str(measure)) for code, state, measure
                 in zip(table["jurisdiction"], table["state"], table["measure"]) if code in wanted)
