"""Statutory and fine calculators refuse invalid inputs with InputError naming the field."""
from __future__ import annotations

import pytest

from toolkit import InputError
from toolkit.damages import (Calculation, bipa_damages, ccpa_statutory_damages, ftc_exposure, gdpr_fine,
                             hipaa_penalty, ny_shield_penalty, state_private_rights, uk_gdpr_fine)


@pytest.mark.parametrize("call, field", [
    (lambda: ccpa_statutory_damages(-1), "ca_residents"),
    (lambda: ccpa_statutory_damages(1.5), "ca_residents"),
    (lambda: ccpa_statutory_damages(10, incident_date="yesterday"), "incident_date"),
    (lambda: ccpa_statutory_damages(10, award_per_consumer=900, incident_date="2024-01-01"), "award_per_consumer"),
    (lambda: ccpa_statutory_damages(10, cured="no"), "cured"),
    (lambda: bipa_damages(10, culpability="negligant"), "culpability"),
    (lambda: bipa_damages(10, violations_per_person=0), "violations_per_person"),
    (lambda: bipa_damages(True), "persons"),
    (lambda: gdpr_fine(turnover_eur=-5), "turnover"),
    (lambda: gdpr_fine(turnover_eur=1e6, tier="art84"), "tier"),
    (lambda: gdpr_fine(turnover_eur=1e6, seriousness="severe"), "seriousness"),
    (lambda: gdpr_fine(turnover_eur=1e6, position=1.5), "position"),
    (lambda: gdpr_fine(turnover_eur=1e6, factors={"z_luck": 0.1}), "factors"),
    (lambda: gdpr_fine(turnover_eur=1e6, factors={"f_cooperation": -1.0}), "factors"),
    (lambda: gdpr_fine(turnover_eur=1e6, proportionality=0), "proportionality"),
    (lambda: uk_gdpr_fine(turnover_gbp=float("nan")), "turnover"),
    (lambda: hipaa_penalty(10, tier=5), "tier"),
    (lambda: hipaa_penalty(10, tier=1, date="2005-01-01"), "date"),
    (lambda: hipaa_penalty(-1, tier=1), "violations"),
    (lambda: hipaa_penalty(10, tier=1, per_violation=10), "per_violation"),
    (lambda: ny_shield_penalty(-3), "violations"),
    (lambda: ny_shield_penalty(3, per_violation=6_000), "per_violation"),
    (lambda: ftc_exposure(-1), "order_violations"),
    (lambda: state_private_rights([3]), "jurisdictions"),
])
def test_invalid_inputs_are_refused(call, field):
    with pytest.raises(InputError, match=field):
        call()


def test_calculation_has_working():
    r = gdpr_fine(turnover_eur=50e6, seriousness="medium")
    assert isinstance(r, Calculation)
    assert list(r.steps.columns) == ["step", "description", "value", "source"]
    assert r.low <= r.median <= r.high
    assert any("unverified" in n for n in r.notes)  # the EUR 10-50M size band is tagged U
    s = r.summary()
    assert s.iloc[-1]["step"].startswith("note") and "amount" in s["step"].tolist()
    assert "GDPR" in repr(r)


