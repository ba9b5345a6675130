"""Seminar exercises with self-check functions (negligence in the cloud).

Each ``check_*`` function takes a student's answer, computes the right one with the same pure
functions the toolkit uses, and returns :class:`Feedback` (``correct`` and an explanation).
Nothing is printed or raised for a wrong answer: a seminar notebook shows the feedback.

Examples
--------
>>> check_hand(burden=10_000, delta_p=0.05, loss=2_000_000, answer="owed").correct
True
>>> check_quiz("clapper", "b").correct
True
>>> check_notification(days_to_notify=75, deadline="hipaa_164_404", answer="late").correct
True
>>> check_hipaa_tier(willful=True, corrected_within_30_days=False, answer=4).correct
True
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError

__all__ = ["Feedback", "check_hand", "check_payable_share", "check_quiz", "QUIZ", "quiz_question",
           "check_notification", "check_hipaa_tier"]


@dataclass(frozen=True)
class Feedback:
    """Whether an answer is right, and why."""

    correct: bool
    message: str

    def __repr__(self) -> str:
        return ("Correct. " if self.correct else "Not quite. ") + self.message

    _repr_markdown_ = __repr__


def _yes_no(field: str, answer) -> bool:
    text = str(answer).strip().lower()
    if isinstance(answer, bool):
        return answer
    if text in ("owed", "yes", "breach", "negligent", "true"):
        return True
    if text in ("not owed", "no", "no breach", "not negligent", "false"):
        return False
    raise InputError(field, answer, "'owed' or 'not owed' (or True / False)")


def check_hand(*, burden: float, delta_p: float, loss: float, answer) -> Feedback:
    """Was the precaution owed under the Hand formula (B < ΔP·L)?

    Parameters
    ----------
    burden, delta_p, loss : float
        B (USD a year), the reduction in probability it buys, and the loss L (USD).
    answer : str or bool
        ``"owed"`` / ``"not owed"`` (or True / False).

    References
    ----------
    United States v. Carroll Towing Co., 159 F.2d 169, 173 (2d Cir. 1947) (L. Hand, J.).
    """
    from .liability import hand_test

    for name, value in (("burden", burden), ("delta_p", delta_p), ("loss", loss)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise InputError(name, value, "a number >= 0")
    if delta_p > 1:
        raise InputError("delta_p", delta_p, "a probability between 0 and 1")
    delta_pl, margin, verdict = hand_test(float(burden), float(delta_p), float(loss))
    owed = delta_pl > burden
    said = _yes_no("answer", answer)
    why = (f"B = ${burden:,.0f} against ΔP·L = {delta_p:g} × ${loss:,.0f} = ${delta_pl:,.0f}: {verdict}, so the "
           f"precaution {'was' if owed else 'was not'} owed (margin {margin:+.2f}).")
    return Feedback(said == owed, why)


def check_payable_share(*, shares: dict, plaintiff_fault: float, rule: str, party: str, answer: float,
                        tolerance: float = 0.01) -> Feedback:
    """What share of the damages does ``party`` pay under a comparative-fault ``rule``?

    ``rule`` is one of ``contributory``, ``pure``, ``modified_50``, ``modified_51``; liability is
    several (each pays its own share).
    """
    from .liability import allocate_fault

    result = allocate_fault(dict(shares), plaintiff_fault=plaintiff_fault, comparative_rule=rule,
                            joint_several="several")
    payable = result["payable"] if "payable" in result else result
    if party not in payable:
        raise InputError("party", party, "one of " + ", ".join(sorted(payable)))
    right = float(payable[party])
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        raise InputError("answer", answer, "a share between 0 and 1")
    why = (f"Under the {rule} rule with the plaintiff {plaintiff_fault:.0%} at fault, {party} pays "
           f"{right:.1%} of the damages.")
    return Feedback(abs(float(answer) - right) <= tolerance, why)


def check_notification(*, days_to_notify: float, deadline: str, answer) -> Feedback:
    """Was a breach notice late under one of the deadlines of :data:`toolkit.regimes.NOTIFICATION_DEADLINES`?

    Parameters
    ----------
    days_to_notify : float
        Days from discovery to the notice.
    deadline : str
        The deadline's key, e.g. ``"gdpr_art33"`` (72 hours), ``"nydfs_500_17"`` (72 hours),
        ``"hipaa_164_404"`` (60 days), ``"us_co"`` (30 days).
    answer : str or bool
        ``"late"`` / ``"on time"`` (or True for late).

    References
    ----------
    GDPR Art. 33(1); 23 NYCRR 500.17(a)(1); 45 C.F.R. § 164.404(b); C.R.S. § 6-1-716(2).
    """
    from .regimes.factors import NOTIFICATION_DEADLINES

    rows = {r[0]: r for r in NOTIFICATION_DEADLINES}
    if deadline not in rows:
        raise InputError("deadline", deadline, "one of " + ", ".join(rows))
    if isinstance(days_to_notify, bool) or not isinstance(days_to_notify, (int, float)) or days_to_notify < 0:
        raise InputError("days_to_notify", days_to_notify, "a number of days >= 0")
    text = str(answer).strip().lower()
    if isinstance(answer, bool):
        said_late = answer
    elif text in ("late", "yes", "missed"):
        said_late = True
    elif text in ("on time", "no", "timely", "in time"):
        said_late = False
    else:
        raise InputError("answer", answer, "'late' or 'on time' (or True / False)")
    _, _, limit, whom, _, provision, _, _ = rows[deadline]
    late = days_to_notify > limit
    why = (f"{provision}: notice to {whom} within {limit:g} days; {days_to_notify:g} days is "
           f"{'late' if late else 'on time'}. A late notice aggravates the penalty (GDPR Art. 83(2)(h)) and can be "
           "pleaded as its own harm.")
    return Feedback(said_late == late, why)


def check_hipaa_tier(*, willful: bool, corrected_within_30_days: bool, answer: int) -> Feedback:
    """Which HIPAA culpability tier applies (45 C.F.R. § 160.404(b)(2))?

    Without willful neglect the tier is 1 (did not know) or 2 (reasonable cause), and either answer
    is accepted; with it, tier 3 when corrected within 30 days of discovery, tier 4 when not.
    """
    if not isinstance(willful, bool) or not isinstance(corrected_within_30_days, bool):
        raise InputError("willful", (willful, corrected_within_30_days), "True or False for both")
    if isinstance(answer, bool) or answer not in (1, 2, 3, 4):
        raise InputError("answer", answer, "a tier 1, 2, 3 or 4")
    if not willful:
        right, ok = "1 or 2", answer in (1, 2)
    else:
        tier = 3 if corrected_within_30_days else 4
        right, ok = str(tier), answer == tier
    why = (f"Tier {right}: " + ("no willful neglect, so the tier turns on what the entity knew (did not know: 1; "
                                "reasonable cause: 2)" if not willful else
                                "willful neglect ('conscious, intentional failure or reckless indifference', "
                                f"45 CFR 160.401), {'corrected' if corrected_within_30_days else 'not corrected'} "
                                "within 30 days of discovery") + " (45 CFR 160.404(b)(2)).")
    return Feedback(ok, why)


#: Multiple-choice questions: id -> (question, options, right option, explanation with citation).
QUIZ = {
    "clapper": (
        "After Clapper v. Amnesty International USA (2013), a threatened future injury confers standing when it is…",
        {"a": "merely possible", "b": "certainly impending, or there is a substantial risk that it will occur",
         "c": "alleged in good faith"},
        "b",
        "Clapper, 568 U.S. 398 (2013): the threatened injury must be 'certainly impending'; the Court also noted "
        "the 'substantial risk' standard. Costs incurred to avoid a speculative harm do not create standing.",
    ),
    "transunion": (
        "In TransUnion LLC v. Ramirez (2021), class members whose inaccurate files were never disclosed to third "
        "parties…",
        {"a": "had standing because the statute was violated", "b": "lacked standing to seek damages: a bare risk "
         "of future harm that never materialised is not a concrete injury", "c": "were awarded statutory damages"},
        "b",
        "TransUnion, 594 U.S. 413 (2021): every class member must have Article III standing for damages; the mere "
        "risk of future harm, without more, does not suffice.",
    ),
    "spokeo": (
        "Spokeo, Inc. v. Robins (2016) held that a statutory violation gives standing only if the injury is…",
        {"a": "concrete and particularized", "b": "intentional", "c": "above $75,000"},
        "a",
        "Spokeo, 578 U.S. 330 (2016): injury in fact must be both concrete and particularized; a bare procedural "
        "violation may not be enough.",
    ),
    "shared_responsibility": (
        "Under the cloud providers' shared-responsibility model, who is responsible for the access settings of a "
        "customer's storage bucket in IaaS?",
        {"a": "the cloud provider", "b": "the customer", "c": "nobody: it is a default"},
        "b",
        "AWS, Azure and Google Cloud all place the configuration of the customer's data and identity layers on the "
        "customer ('security in the cloud'); the provider secures the infrastructure ('security of the cloud').",
    ),
    "intervening_act": (
        "A hacker's criminal intrusion exploits an open database. Does the criminal act break the chain of "
        "proximate causation?",
        {"a": "always", "b": "not when that intrusion was the very risk that made leaving the database open "
         "negligent", "c": "only if the hacker is caught"},
        "b",
        "An intervening criminal act does not supersede the defendant's negligence when it is the foreseeable "
        "risk that made the conduct negligent (Restatement (Second) of Torts §§ 448-449).",
    ),
    "cooperation": (
        "Under GDPR Art. 83(2), which of these can lower an administrative fine for a data breach?",
        {"a": "notifying the supervisory authority after the 72 hours of Art. 33(1)",
         "b": "cooperating with the supervisory authority to remedy the infringement and mitigate its effects",
         "c": "the money the controller saved by not securing the data"},
        "b",
        "Art. 83(2)(f) names the degree of cooperation with the supervisory authority; late notice is weighed under "
        "(h) and financial benefits gained under (k), both aggravating. The ICO credited British Airways' full "
        "cooperation and prompt notice among the mitigating factors that cut its 2020 penalty by 20%.",
    ),
}


def quiz_question(question_id: str) -> str:
    """The question and its options, as text."""
    if question_id not in QUIZ:
        raise InputError("question_id", question_id, "one of " + ", ".join(QUIZ))
    question, options, _, _ = QUIZ[question_id]
    return question + "\n" + "\n".join(f"  ({k}) {v}" for k, v in options.items())


def check_quiz(question_id: str, answer: str) -> Feedback:
    """Check a multiple-choice answer (``"a"``, ``"b"``, ...)."""
    if question_id not in QUIZ:
        raise InputError("question_id", question_id, "one of " + ", ".join(QUIZ))
    _, options, right, why = QUIZ[question_id]
    key = str(answer).strip().lower().strip("()")
    if key not in options:
        raise InputError("answer", answer, "one of " + ", ".join(options))
    return Feedback(key == right, why)
