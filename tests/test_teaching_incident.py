"""The seminar's incident-handling exercises (issue 18)."""
from __future__ import annotations

import pytest

from toolkit import InputError
from toolkit.teaching import check_hipaa_tier, check_notification, check_quiz


@pytest.mark.parametrize("deadline,days,late", [("gdpr_art33", 3, False), ("gdpr_art33", 4, True),
                                                ("nydfs_500_17", 2.5, False), ("hipaa_164_404", 61, True),
                                                ("us_co", 30, False)])
def test_check_notification(deadline, days, late):
    assert check_notification(days_to_notify=days, deadline=deadline, answer="late" if late else "on time").correct
    assert not check_notification(days_to_notify=days, deadline=deadline, answer=not late).correct


def test_check_notification_refuses_bad_input():
    with pytest.raises(InputError, match="deadline"):
        check_notification(days_to_notify=3, deadline="gdpr", answer="late")
    with pytest.raises(InputError, match="answer"):
        check_notification(days_to_notify=3, deadline="gdpr_art33", answer="maybe")


def test_check_hipaa_tier():
    assert check_hipaa_tier(willful=True, corrected_within_30_days=True, answer=3).correct
    assert check_hipaa_tier(willful=True, corrected_within_30_days=False, answer=4).correct
    assert not check_hipaa_tier(willful=True, corrected_within_30_days=False, answer=3).correct
    assert check_hipaa_tier(willful=False, corrected_within_30_days=False, answer=2).correct
    assert "160.404(b)(2)" in check_hipaa_tier(willful=False, corrected_within_30_days=True, answer=1).message
    with pytest.raises(InputError):
        check_hipaa_tier(willful=True, corrected_within_30_days=True, answer=5)


def test_cooperation_quiz():
    assert check_quiz("cooperation", "b").correct
    assert not check_quiz("cooperation", "c").correct
