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
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError

__all__ = ["Feedback", "check_hand", "check_payable_share", "check_quiz", "QUIZ", "quiz_question"]


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
