"""Cost components and class damages (toolkit.damages.components)."""
from __future__ import annotations

import pandas as pd
import numpy as np
import pytest

from toolkit import Case, InputError
from toolkit.damages import DamagesEstimate, OutOfRangeWarning, estimate_damages, per_record_models
from toolkit.damages.components import DEFAULT_PARAMS


def _case(**kw):
    base = dict(name="t", defendant="d", records_exposed=100_000, data_types=["ssn", "contact"], sector="finance",
                misconfiguration_type="public_bucket", jurisdictions=["US"])
    base.update(kw)
    return Case(**base)


def test_components_hand_calculation():
    est = estimate_damages(_case(class_size=80_000))
    t = est.table.set_index("component")
    assert t.loc["Notification and call centre", "median"] == pytest.approx(100_000 * 1.5)
    # class x enrolment x price x years = 80,000 x 0.05 x 6 x 2
    assert t.loc["Credit and identity monitoring", "median"] == pytest.approx(48_000)
    # identity data: misuse 1% x $300 x 100,000 records
    assert t.loc["Fraud losses", "median"] == pytest.approx(300_000)
    assert est.total["median"] == pytest.approx(t["median"].sum())
    # per person: 0.01 x 300 + 6 x 2 = 15 -> x 80,000
    assert est.class_damages["median"] == pytest.approx(15 * 80_000)
    assert set(["component", "low", "median", "high", "basis", "source", "tag"]) <= set(est.table.columns)
    assert (est.table["low"] <= est.table["median"]).all() and (est.table["median"] <= est.table["high"]).all()


def test_no_monitoring_for_contact_only_and_card_misuse_rate():
    est = estimate_damages(_case(data_types=["contact"]))
    assert est.table.set_index("component").loc["Credit and identity monitoring", "high"] == 0
    card = estimate_damages(_case(data_types=["payment_card"]))
    assert card.table.set_index("component").loc["Fraud losses", "median"] == pytest.approx(100_000 * 0.026 * 300)


def test_params_override_and_refusals():
    est = estimate_damages(_case(), params={"monitoring_years": 10})
    assert est.table.set_index("component").loc["Credit and identity monitoring", "median"] == pytest.approx(
        100_000 * 0.05 * 6 * 10)
    with pytest.raises(InputError, match="monitoring_yeras"):
        estimate_damages(_case(), params={"monitoring_yeras": 3})
    with pytest.raises(InputError, match="low <= median <= high"):
        estimate_damages(_case(), params={"monitoring_years": (3, 2, 1)})
    with pytest.raises(InputError, match="params.notice_cost_per_person"):
        estimate_damages(_case(), params={"notice_cost_per_person": -1})
    with pytest.raises(InputError, match="case"):
        estimate_damages({"records_exposed": 3})


def test_every_parameter_has_a_source_and_tag():
    for name, (lo, med, hi, unit, tag, source) in DEFAULT_PARAMS.items():
        assert lo <= med <= hi, name
        assert set(tag.split("/")) <= {"V", "V2", "D", "A", "U"}, name
        assert ("http" in source) or tag == "A" or "assumption" in source.lower(), name


def test_sampler_matches_median_and_is_seeded():
    est = estimate_damages(_case())
    a = est.sample(20_000, rng=1)
    assert np.array_equal(a, est.sample(20_000, rng=1))
    assert np.median(a) == pytest.approx(est.class_damages["median"], rel=0.05)
    lo, hi = np.quantile(a, [0.1, 0.9])
    assert lo < est.class_damages["median"] < hi
    assert est.sample(0, rng=0).shape == (0,)


def test_per_record_models_flag_outside_range():
    with pytest.warns(OutOfRangeWarning, match="Jacobs"):
        t = per_record_models(5_000_000)
    flags = t.set_index("component")["flag"]
    assert flags["Jacobs (2014) log-log"] != "" and flags["IBM cost per record"] != ""
    assert flags["IBM mega-breach interpolation"] == ""
    mega = t.set_index("component").loc["IBM mega-breach interpolation", "median"]
    assert 42e6 < mega < 388e6
    est = estimate_damages(_case(records_exposed=5_000_000))
    assert any("outside the fitted range" in n for n in est.notes)


def test_summary_and_plot():
    import matplotlib.pyplot as plt

    est = estimate_damages(_case())
    assert isinstance(est, DamagesEstimate)
    s = est.summary()
    assert "TOTAL (sum of components)" in s["item"].tolist()
    assert (s.kind == "component").sum() == len(est.table) and s.notes == list(est.notes)
    pd.testing.assert_frame_equal(s.tables["amounts"], est.amounts())
    ax = est.plot()
    assert ax.get_xscale() == "log" and len(ax.get_yticks()) == len(est.table) + 2
    fig, ax2 = plt.subplots()
    assert est.plot(ax=ax2) is ax2


def test_economic_share_takes_out_the_emotional_distress_head_only():
    """Fraud, monitoring and lost time are economic; emotional distress is not (Cal. Civ. Code § 1431.2)."""
    from toolkit import Case
    from toolkit.damages import economic_share

    case = Case(name="x", defendant="y", records_exposed=100_000, data_types=["health", "contact"], sector="healthcare",
                misconfiguration_type="public_bucket", jurisdictions=["US-CA"], harms={"lost_time_alleged": "yes"})
    assert economic_share(case) == 1.0
    distress = case.replace(emotional_distress_alleged="yes")
    heads = estimate_damages(distress).per_person["median"]
    assert economic_share(distress) == pytest.approx(1 - heads["emotional distress (non-economic)"] / heads["total"])
    assert 0 < economic_share(distress) < 1


def test_non_economic_damages_are_several_where_the_joint_rule_is_economic_only():
    """California (economic_joint): with the provider uncollectible, the customer pays the provider's share of the
    economic damages only, so alleging emotional distress lowers its payable share, never below its own fault share."""
    from toolkit import Case
    from toolkit.liability import assess_liability

    case = Case(name="x", defendant="y", records_exposed=100_000, data_types=["health", "contact"], sector="healthcare",
                misconfiguration_type="public_bucket", jurisdictions=["US-CA"], provider_insecure_default="yes")
    params = {"provider_collectible": 0.0}
    plain = assess_liability(case, params=params)
    distress = assess_liability(case.replace(emotional_distress_alleged="yes"), params=params)
    own = distress.allocation["fault"]["customer"]
    assert plain.defendant_payable_share == pytest.approx(1.0)
    assert own < distress.defendant_payable_share < plain.defendant_payable_share
    # the analyst's economic_damages_fraction still scales the economic heads
    assert assess_liability(case, params={**params, "economic_damages_fraction": 0.0}).defendant_payable_share == \
        pytest.approx(own)


def test_fraud_per_person_is_one_computation_for_the_table_and_the_light_paths(monkeypatch):
    """The Fraud losses row, per_person_harm and economic_share all read ``_fraud_per_person``."""
    import importlib

    from toolkit.damages.components import economic_share, per_person_harm

    components = importlib.import_module("toolkit.damages.components")
    case = _case(records_exposed=1_000).replace(identity_theft_reported="yes", emotional_distress_alleged="yes")
    before = estimate_damages(case)
    fraud = before.table.set_index("component").loc["Fraud losses"]
    p = components._resolve_params(None)
    rate = min(p["misuse_rate_identity"][1] * p["identity_theft_rate_multiplier"][1], 1.0)
    assert fraud["median"] == pytest.approx(1_000 * rate * p["fraud_loss_per_victim"][1], rel=1e-12)
    assert "identity_theft_rate_multiplier" in fraud["source"]
    assert per_person_harm(case) == pytest.approx(float(before.per_person.loc["total", "median"]), rel=1e-12)

    real = components._fraud_per_person
    monkeypatch.setattr(components, "_fraud_per_person", lambda *a: (2 * real(*a)[0], real(*a)[1]))
    after = estimate_damages(case)
    assert after.table.set_index("component").loc["Fraud losses", "median"] == pytest.approx(2 * fraud["median"])
    fraud_head = "out-of-pocket fraud loss (expected)"
    assert float(after.per_person.loc[fraud_head, "median"]) == pytest.approx(
        2 * float(before.per_person.loc[fraud_head, "median"]))
    assert per_person_harm(case) == pytest.approx(float(after.per_person.loc["total", "median"]), rel=1e-12)
    heads = after.per_person["median"].drop("total")
    distress = float(heads[components.NON_ECONOMIC_HEADS[0]])
    assert economic_share(case) == pytest.approx(1 - distress / float(heads.sum()), rel=1e-12)


@pytest.mark.parametrize("detect, contain, ratio", [(None, None, None), (150, None, None), (250, None, "long"),
                                                    (150, 60, "long"), (150, 50, "short"), (5, 2, "short")])
def test_lifecycle_ratio_follows_the_regimes_exposure_window(detect, contain, ratio, monkeypatch):
    """The breach lifecycle of the per-breach costs is the days of ``regimes.factors.response_window``
    (what ``exposure_window`` reads of a matter)."""
    import importlib

    factors = importlib.import_module("toolkit.regimes.factors")
    case = _case().replace(days_to_detect=detect, days_to_contain=contain)
    p = DEFAULT_PARAMS
    got = estimate_damages(case).table.set_index("component").loc["Forensics and remediation", "median"]
    factor = 1.0 if ratio is None else p[f"lifecycle_cost_ratio_{ratio}"][1]
    assert got == pytest.approx(p["forensics_remediation"][1] * factor, rel=1e-12)
    # one computation of the window: when it says long, the long ratio applies whatever the days
    assert factors.exposure_window(case) == factors.response_window(case.response)
    monkeypatch.setattr(factors, "response_window", lambda r: (999.0, "long"))
    forced = estimate_damages(case).table.set_index("component").loc["Forensics and remediation", "median"]
    assert forced == pytest.approx(p["forensics_remediation"][1] * p["lifecycle_cost_ratio_long"][1], rel=1e-12)
