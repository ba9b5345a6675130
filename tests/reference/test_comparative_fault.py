"""Comparative-fault allocations computed by hand under each statute (sources in README.md)."""
from __future__ import annotations

import pytest

from toolkit import Case
from toolkit.liability import allocate_fault, assess_liability


def _tx(pf, customer, provider, provider_collectible=1.0):
    # Tex. CPRC s.33.001 (bar above 50%) and s.33.013 (joint only above 50%)
    return allocate_fault({"customer": customer, "provider": provider}, plaintiff_fault=pf,
                          comparative_rule="modified_51", joint_several="joint_above", js_threshold=0.5,
                          collectible={"provider": provider_collectible})


def test_texas_modified_comparative_by_hand():
    # Damages 100. Plaintiff 20%, customer 60%, provider 20% (customer 0.75 / provider 0.25 of the rest).
    out = _tx(0.2, 0.75, 0.25)
    assert out["fault"] == pytest.approx({"customer": 0.6, "provider": 0.2, "plaintiff": 0.2})
    assert out["payable"] == pytest.approx({"customer": 0.6, "provider": 0.2})   # recovery 80 of 100
    # Provider not collectible: customer (60% > 50%) is jointly liable and pays 60 + 20 = 80
    out = _tx(0.2, 0.75, 0.25, provider_collectible=0.0)
    assert out["payable"] == pytest.approx({"customer": 0.8, "provider": 0.0})
    # Customer at 40% (plaintiff 20, customer 40, provider 40): several only, pays 40; provider's 40 lost
    out = _tx(0.2, 0.5, 0.5, provider_collectible=0.0)
    assert out["payable"] == pytest.approx({"customer": 0.4, "provider": 0.0})
    # Plaintiff exactly 50%: not barred ('greater than 50 percent'); 51%: barred
    assert not _tx(0.5, 0.5, 0.5)["barred"]
    assert _tx(0.51, 0.5, 0.5)["barred"] and _tx(0.51, 0.5, 0.5)["recovery"] == 0.0


def test_georgia_fifty_percent_bar_several_by_hand():
    # O.C.G.A. s.51-12-33: plaintiff 30%, customer 49%, provider 21%; several; provider not collectible
    out = allocate_fault({"customer": 0.7, "provider": 0.3}, plaintiff_fault=0.3, comparative_rule="modified_50",
                         joint_several="several", collectible={"provider": 0.0})
    assert out["payable"] == pytest.approx({"customer": 0.49, "provider": 0.0})
    # exactly 50%: barred under the 50% bar (subsection (g): '50 percent or more')
    assert allocate_fault({"customer": 1.0}, plaintiff_fault=0.5, comparative_rule="modified_50",
                          joint_several="several")["barred"]


def test_new_jersey_sixty_percent_joint_by_hand():
    # N.J.S.A. 2A:15-5.3: customer 60% -> full damages; plaintiff 10%, customer 60%, integrator 30% uncollectible
    out = allocate_fault({"customer": 60 / 90, "integrator": 30 / 90}, plaintiff_fault=0.1,
                         comparative_rule="modified_51", joint_several="joint_at_or_above", js_threshold=0.6,
                         collectible={"integrator": 0.0})
    assert out["payable"]["customer"] == pytest.approx(0.9)
    # customer 55%: several only
    out = allocate_fault({"customer": 55 / 90, "integrator": 35 / 90}, plaintiff_fault=0.1,
                         comparative_rule="modified_51", joint_several="joint_at_or_above", js_threshold=0.6,
                         collectible={"integrator": 0.0})
    assert out["payable"]["customer"] == pytest.approx(0.55)


def test_end_to_end_texas_matter_by_hand():
    """IaaS public bucket in Texas with an integrator; plaintiff 10% at fault; integrator not collectible.

    Shares before the plaintiff: customer 0.95 (data layer, IaaS), provider 0.05; integrator takes
    half of the customer's: customer 0.475, integrator 0.475. After plaintiff 10%: customer 0.4275,
    provider 0.045, integrator 0.4275. No party is above 50%: several; customer pays 0.4275.
    """
    case = Case(name="tx", defendant="D", records_exposed=1000, data_types=["ssn"], sector="finance",
                misconfiguration_type="public_bucket", jurisdictions=["US", "US-TX"], service_model="iaas",
                parties={"integrator": "MSP LLC"})
    r = assess_liability(case, 1e6, params={"plaintiff_fault": 0.1, "integrator_collectible": 0.0})
    f = r.fault.set_index("party")
    assert f["share"].to_dict() == pytest.approx({"customer": 0.4275, "provider": 0.045, "integrator": 0.4275,
                                                  "plaintiff": 0.1})
    assert r.defendant_payable_share == pytest.approx(0.4275)
    assert f.loc["integrator", "payable_share"] == 0.0


def test_virginia_contributory_bar_by_hand():
    case = Case(name="va", defendant="D", records_exposed=1000, data_types=["ssn"], sector="finance",
                misconfiguration_type="public_bucket", jurisdictions=["US-VA"], service_model="iaas")
    assert assess_liability(case, 1e6, params={"plaintiff_fault": 0.05}).defendant_payable_share == 0.0
    assert assess_liability(case, 1e6).defendant_payable_share == pytest.approx(0.95)
