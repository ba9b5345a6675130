"""Standing and cognizable harm: P(the claim survives a motion to dismiss).

``P(standing) = logistic(standing_intercept + circuit_stance_logit[stance]
+ sensitive_data_logit * [SSN, financial, payment card, health, government id, biometric or
credentials exposed] + misuse term + targeted_logit * [intervening criminal act])``

with the misuse term ``misuse_yes_logit`` (evidence of misuse or identity theft reported),
``misuse_no_logit`` (none) or 0 (unknown); ``+ late_notice_logit`` when notice was late (delayed
notice as its own theory of harm; :func:`toolkit.regimes.factors.late_notice`) and
``+ lost_time_logit`` when the class alleges time lost mitigating a substantial risk (sensitive data,
misuse or identity theft: the circuits' rule on mitigation costs after Clapper). Unknown adds 0.
Emotional distress is not given a standing term (after TransUnion it needs a close relationship to
a traditionally recognised harm, which the circuits have not settled for breaches); it enters the
damages. The stance is the forum's circuit approach to risk of future harm after
Clapper, Spokeo and TransUnion (table :data:`CIRCUIT_STANCE`); ``state_court`` and
``non_us`` forums are not bound by Article III.

``P(survive dismissal) = P(standing) * (1 - elr_bar_probability[economic_loss_rule])``,
with the jurisdiction's economic-loss-rule category from ``data/jurisdictions.csv``.

References
----------
Clapper v. Amnesty Int'l USA, 568 U.S. 398 (2013); Spokeo, Inc. v. Robins, 578 U.S. 330
(2016); TransUnion LLC v. Ramirez, 594 U.S. 413 (2021); McMorris v. Carlos Lopez & Assocs.,
995 F.3d 295 (2d Cir. 2021); sources §2.10–2.11.
"""
from __future__ import annotations

import re

from ._params import LiabilityParams, logistic

__all__ = ["CIRCUIT_STANCE", "CIRCUIT_SOURCES", "STATE_CIRCUIT", "SENSITIVE_TYPES", "forum_circuit", "standing_terms",
           "standing_probability", "survive_dismissal_probability"]

#: Circuit approach to standing on risk of future harm: (stance, leading cases, sources (docs/sources.md) tag).
#: Tag V: the citation and the holding were read in the page(s) of :data:`CIRCUIT_SOURCES`.
CIRCUIT_STANCE = {
    "1": ("factor_test", "Webb v. Injured Workers Pharmacy, 72 F.4th 365 (1st Cir. 2023)", "V"),
    "2": ("factor_test", "McMorris v. Carlos Lopez & Assocs., 995 F.3d 295 (2d Cir. 2021: risk alone can suffice; "
                         "targeted attack, misuse of part of the data, sensitivity); Bohnak v. Marsh & McLennan (2d Cir. 2023)", "V"),
    "3": ("factor_test", "Reilly v. Ceridian, 664 F.3d 38 (3d Cir. 2011: no standing on hypothetical harm); Clemens v. "
                         "ExecuPharm, 48 F.4th 146 (3d Cir. 2022: standing where a known hacker group posted the data on "
                         "the dark web)", "V"),
    "4": ("restrictive", "Beck v. McDonald, 848 F.3d 262 (4th Cir. 2017: stolen laptop, risk too speculative)", "V"),
    "5": ("unsettled", "no leading case in sources (docs/sources.md)", "-"),
    "6": ("permissive", "Galaria v. Nationwide Mut. Ins., 663 F. App'x 384 (6th Cir. 2016, unpublished: substantial "
                        "risk plus mitigation costs)", "V"),
    "7": ("permissive", "Remijas v. Neiman Marcus, 794 F.3d 688 (7th Cir. 2015)", "V"),
    "8": ("restrictive", "In re SuperValu, 870 F.3d 763 (8th Cir. 2017: card data, risk alone insufficient; the "
                         "plaintiff with a fraudulent charge had standing)", "V"),
    "9": ("permissive", "Krottner v. Starbucks, 628 F.3d 1139 (9th Cir. 2010); In re Zappos.com, No. 16-16860 (9th "
                        "Cir. 2018, amended Apr. 20, 2018; reported at 888 F.3d 1020, reporter page not seen)", "V"),
    "10": ("unsettled", "no leading case in sources (docs/sources.md)", "-"),
    "11": ("restrictive", "Tsao v. Captiva MVP, 986 F.3d 1332 (11th Cir. 2021: no standing without misuse); "
                          "Green-Cooper v. Brinker, No. 21-13146 (11th Cir. July 11, 2023: card data posted for sale "
                          "on the dark web is misuse)", "V"),
    "DC": ("permissive", "Attias v. CareFirst, 865 F.3d 620 (D.C. Cir. 2017)", "V"),
}

#: Public pages in which each circuit's citation and stance were read (tag V), circuit by circuit.
CIRCUIT_SOURCES = {
    "1": ("sources §2.10 (not re-read in the source check)",),
    "2": ("https://app.midpage.ai/case/mcmorris-v-carlos-lopez-assocs-4680983",
          "https://cetient.com/case/4680983/mcmorris-v-carlos-lopez-and-assocs-llc"),
    "3": ("https://www.insideclassactions.com/2022/09/14/data-breach-and-the-dark-web-third-circuit-allows-class-action-standing-with-sufficient-risk-of-harm/",
          "https://app.midpage.ai/case/jennifer-clemens-v-execupharm-inc-7806049"),
    "4": ("https://app.midpage.ai/case/richard-beck-v-robert-mcdonald-4123655",
          "https://case-law.vlex.com/vid/beck-v-mcdonald-no-887395409"),
    "6": ("https://app.midpage.ai/case/galaria-v-nationwide-mutual-insurance-8680429",
          "https://law.justia.com/cases/federal/appellate-courts/ca6/15-3386/15-3386-2016-09-12.html"),
    "7": ("https://case-law.vlex.com/vid/794-F-3d-688-7th-Cir-2015-14-3122-Remijas-v-Neiman-Marcus-Group-LLC-597336842",
          "http://casetext.com/case/remijas-v-neiman-marcus-grp-llc/"),
    "8": ("https://online.documentine.com/supervalu-press-release/1/eighth-circuit-in-re-supervalu-inc-870-f-3d-763-2017.html",
          "https://case-law.vlex.com/vid/870-f-3d-763-697700853"),
    "9": ("https://law.justia.com/cases/federal/appellate-courts/ca9/16-16860/16-16860-2018-03-08.html",
          "http://ecases.us/case/ca9/c2217598/theresa-stevens-v-zapposcom-inc"),
    "11": ("https://case-law.vlex.com/vid/tsao-v-captiva-mvp-884497200",
           "https://jdsupra.com/legalnews/eleventh-circuit-holds-risk-of-future-9383166",
           "https://www.covingtonblogs.com/2023/07/19/eleventh-circuit-holds-having-payment-information-posted-to-dark-web-establishes-standing-in-data-breach-case-remands-class-certification-order/"),
    "DC": ("https://print.casetext.com/case/attias-ex-rel-situated-v-carefirst-inc",
           "https://app.midpage.ai/case/chantal-attias-v-carefirst-inc-4191475"),
}

#: The federal circuit of each US state and territory (28 U.S.C. s.41).
STATE_CIRCUIT = {
    **dict.fromkeys(("ME", "MA", "NH", "RI", "PR"), "1"), **dict.fromkeys(("CT", "NY", "VT"), "2"),
    **dict.fromkeys(("DE", "NJ", "PA", "VI"), "3"), **dict.fromkeys(("MD", "NC", "SC", "VA", "WV"), "4"),
    **dict.fromkeys(("LA", "MS", "TX"), "5"), **dict.fromkeys(("KY", "MI", "OH", "TN"), "6"),
    **dict.fromkeys(("IL", "IN", "WI"), "7"), **dict.fromkeys(("AR", "IA", "MN", "MO", "NE", "ND", "SD"), "8"),
    **dict.fromkeys(("AK", "AZ", "CA", "HI", "ID", "MT", "NV", "OR", "WA", "GU", "MP"), "9"),
    **dict.fromkeys(("CO", "KS", "NM", "OK", "UT", "WY"), "10"), **dict.fromkeys(("AL", "FL", "GA"), "11"),
    "DC": "DC",
}

#: Data types that make a risk of misuse "substantial" (SSN, financial > contact).
SENSITIVE_TYPES = frozenset({"ssn", "financial", "payment_card", "health", "government_id", "biometric",
                             "credentials"})

# Bluebook state abbreviations as they appear in district-court names ("N.D. Cal.", "S.D.N.Y.").
_COURT_STATES = [
    ("D.D.C.", "DC"), ("N.Y.", "NY"), ("N.J.", "NJ"), ("N.C.", "NC"), ("S.C.", "SC"), ("N.H.", "NH"),
    ("N.M.", "NM"), ("N.D.", None), ("S.D.", None), ("R.I.", "RI"), ("W. Va.", "WV"), ("Cal.", "CA"),
    ("Va.", "VA"), ("Ga.", "GA"), ("Ill.", "IL"), ("Tex.", "TX"), ("Fla.", "FL"), ("Wash.", "WA"),
    ("Mass.", "MA"), ("Pa.", "PA"), ("Md.", "MD"), ("Ala.", "AL"), ("Ariz.", "AZ"), ("Colo.", "CO"),
    ("Conn.", "CT"), ("Del.", "DE"), ("Ind.", "IN"), ("Kan.", "KS"), ("Ky.", "KY"), ("La.", "LA"),
    ("Mich.", "MI"), ("Minn.", "MN"), ("Miss.", "MS"), ("Mo.", "MO"), ("Neb.", "NE"), ("Nev.", "NV"),
    ("Ohio", "OH"), ("Okla.", "OK"), ("Or.", "OR"), ("Tenn.", "TN"), ("Utah", "UT"), ("Wis.", "WI"),
    ("Ark.", "AR"), ("Iowa", "IA"), ("Me.", "ME"), ("Vt.", "VT"), ("Haw.", "HI"), ("Idaho", "ID"),
    ("Mont.", "MT"), ("Wyo.", "WY"), ("Alaska", "AK"),
]
_CIRCUIT_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|d|th)\s*Cir\b", re.IGNORECASE)
_STATE_COURT_RE = re.compile(r"Super\.|Superior|Sup\. Ct\.|Supreme Court of|Common Pleas|Cir\. Ct\.|Circuit Court|"
                             r"County|Chancery|state court", re.IGNORECASE)


def forum_circuit(forum: str | None, state: str | None = None) -> tuple[str, str]:
    """The forum's kind and circuit: ``("federal", "9")``, ``("state", "")`` or ``("unknown", "")``.

    A federal appellate or district court is read from its name; otherwise the circuit of
    ``state`` (a two-letter code from the Case's jurisdictions) is used.

    Examples
    --------
    >>> forum_circuit("N.D. Cal."), forum_circuit("S.D.N.Y."), forum_circuit("D.C. Cir.")
    (('federal', '9'), ('federal', '2'), ('federal', 'DC'))
    >>> forum_circuit("Cal. Super. Ct."), forum_circuit(None, "VA")
    (('state', ''), ('federal', '4'))
    """
    if forum:
        text = forum.strip()
        if re.search(r"D\.\s?C\.\s*Cir", text):
            return "federal", "DC"
        m = _CIRCUIT_RE.search(text)
        if m and m.group(1) in CIRCUIT_STANCE:
            return "federal", m.group(1)
        if _STATE_COURT_RE.search(text):
            return "state", ""
        compact = text.replace(" ", "")
        for abbr, code in _COURT_STATES:
            if code and abbr.replace(" ", "") in compact:
                return "federal", STATE_CIRCUIT[code]
    if state and state in STATE_CIRCUIT:
        return "federal", STATE_CIRCUIT[state]
    return "unknown", ""


def _stance(case, rule) -> tuple[str, str]:
    """(stance, explanation) for the Case's forum."""
    us = any(j == "US" or j.startswith("US-") for j in case.jurisdictions)
    state = rule.jurisdiction[3:] if rule is not None and rule.jurisdiction.startswith("US-") else None
    kind, circuit = forum_circuit(case.forum, state)
    if kind == "state":
        return "state_court", f"state court ({case.forum}): Article III does not apply"
    if kind == "federal":
        stance, cases, tag = CIRCUIT_STANCE[circuit]
        return stance, f"circuit {circuit}: {stance} ({cases}; tag {tag})"
    if not us:
        return "non_us", "non-US forum: Article III does not apply (damage must still be shown)"
    return "unsettled", "federal forum, circuit not identified"


def standing_terms(case, rule, p: LiabilityParams) -> tuple[dict, str]:
    """The additive terms of the standing logit and the stance explanation."""
    from ..regimes.factors import late_notice

    stance, why = _stance(case, rule)
    harms = case.harms
    misused = "yes" if "yes" in (case.evidence_of_misuse, harms["identity_theft_reported"]) else case.evidence_of_misuse
    misuse = {"yes": p.misuse_yes_logit, "no": p.misuse_no_logit}.get(misused, 0.0)
    sensitive = bool(SENSITIVE_TYPES.intersection(case.data_types))
    substantial = sensitive or misused == "yes"
    return {
        "intercept": p.standing_intercept,
        "forum": p.circuit_stance_logit[stance],
        "data_sensitivity": p.sensitive_data_logit if sensitive else 0.0,
        "evidence_of_misuse": misuse,
        "targeted_attack": p.targeted_logit if case.intervening_criminal_act == "yes" else 0.0,
        "late_notice": p.late_notice_logit if late_notice(case) == "yes" else 0.0,
        "lost_time": p.lost_time_logit if harms["lost_time_alleged"] == "yes" and substantial else 0.0,
    }, why


def standing_probability(case, rule, p: LiabilityParams) -> float:
    """P(standing and a cognizable harm are found at the pleading stage)."""
    return logistic(sum(standing_terms(case, rule, p)[0].values()))


def survive_dismissal_probability(case, rule, p: LiabilityParams) -> float:
    """P(standing) x P(the economic-loss rule does not bar the negligence claim)."""
    elr = rule.economic_loss_rule if rule is not None else "unsettled"
    return standing_probability(case, rule, p) * (1.0 - p.elr_bar_probability[elr])
