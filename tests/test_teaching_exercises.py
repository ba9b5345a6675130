"""Seminar self-check functions: right answers accepted, wrong ones explained, bad input named."""
import pytest

from toolkit import InputError
from toolkit.teaching import QUIZ, check_hand, check_payable_share, check_quiz, quiz_question


def test_hand_carroll_towing_numbers():
    # B = 100 < P x L = 0.01 x 50,000 = 500: the precaution was owed.
    assert check_hand(burden=100, delta_p=0.01, loss=50_000, answer="owed").correct
    wrong = check_hand(burden=100, delta_p=0.01, loss=50_000, answer="not owed")
    assert not wrong.correct and "$500" in wrong.message
    # B = 1,000 > 0.01 x 50,000: not owed.
    assert check_hand(burden=1_000, delta_p=0.01, loss=50_000, answer=False).correct


def test_hand_refuses_bad_input():
    with pytest.raises(InputError, match="delta_p"):
        check_hand(burden=1, delta_p=2, loss=1, answer="owed")
    with pytest.raises(InputError, match="answer"):
        check_hand(burden=1, delta_p=0.5, loss=1, answer="maybe")


def test_payable_share_modified_comparative():
    shares = {"customer": 0.8, "provider": 0.2, "integrator": 0.0}
    # Pure comparative fault, plaintiff 10% at fault, several liability: customer pays 0.9 x 0.8 = 72%.
    assert check_payable_share(shares=shares, plaintiff_fault=0.1, rule="pure", party="customer", answer=0.72).correct
    # Contributory negligence: any plaintiff fault bars recovery.
    assert check_payable_share(shares=shares, plaintiff_fault=0.1, rule="contributory", party="customer",
                               answer=0.0).correct
    assert not check_payable_share(shares=shares, plaintiff_fault=0.1, rule="contributory", party="customer",
                                   answer=0.72).correct


def test_quiz():
    for qid, (_, options, right, _) in QUIZ.items():
        assert check_quiz(qid, right).correct
        wrong = next(k for k in options if k != right)
        assert not check_quiz(qid, f"({wrong.upper()})").correct
        assert "(a)" in quiz_question(qid)
    with pytest.raises(InputError, match="question_id"):
        check_quiz("nope", "a")
    with pytest.raises(InputError, match="answer"):
        check_quiz("clapper", "z")
