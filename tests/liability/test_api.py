"""API, validation, summaries and plots of the liability engine."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit import Case, InputError  # noqa: E402
from toolkit.errors import DataError  # noqa: E402
from toolkit.liability import (LiabilityParams, LossOrigin, assess_liability, default_parameters,  # noqa: E402
                               default_shares)
from toolkit.liability.standing import forum_circuit  # noqa: E402
from toolkit.summary import COLUMNS, Summary  # noqa: E402


@pytest.fixture
def case():
    return Case.from_dict({
        "name": "Open bucket", "defendant": "Example Health Inc.", "records_exposed": 250_000,
        "data_types": ["health", "contact"], "sector": "healthcare", "service_model": "iaas",
        "misconfiguration_type": "public_bucket", "jurisdictions": ["US", "US-CA"], "forum": "N.D. Cal.",
        "controls": {"config_scanning": "no", "least_privilege": "no", "mfa": "yes"},
        "parties": {"provider": "Amazon Web Services"}})


def test_result_tables(case):
    r = assess_liability(case, loss=4e7)
    assert list(r.elements.columns) == ["element", "probability", "driver"]
    assert {"duty", "breach", "causation", "liability", "survive_dismissal"} <= set(r.elements["element"])
    assert {"control", "burden_usd", "expected_harm_averted_usd", "margin", "verdict"} <= set(r.controls.columns)
    # mfa is irrelevant to a public bucket (relevance 0) and so not tested
    assert "mfa" not in set(r.controls["control"])
    assert list(r.fault["party"]) == ["customer", "provider", "integrator", "plaintiff"]
    assert r.fault.set_index("party").loc["provider", "name"] == "Amazon Web Services"
    assert r.loss_source == "analyst-supplied" and r.loss_origin is LossOrigin.SUPPLIED
    assert not any("No loss was supplied" in n for n in r.notes())


def test_default_loss_is_stated_in_summary(case):
    r = assess_liability(case)
    assert r.loss == pytest.approx(250_000 * 165.0)
    assert r.loss_origin is LossOrigin.DEFAULT
    s = r.summary()
    assert isinstance(s, Summary) and list(s.columns) == list(COLUMNS)
    assert set(s["kind"]) >= {"fact", "element", "control", "fault", "parameter", "note"}
    assert any("No loss was supplied" in n for n in s.notes)
    assert "records x $165/record" in s.set_index("item").loc["loss L (USD)", "source"]


def test_every_parameter_has_a_source_in_summary(case):
    s = assess_liability(case, 1e6).summary()
    params = s.of_kind("parameter")
    assert len(params) == len(default_parameters())
    assert params["source"].str.len().gt(0).all()  # three duty weights say only "assumption"
    assert all(("V" in n) or ("assumption" in n) or ("D " in n) for n in params["source"])


def test_override_is_marked(case):
    s = assess_liability(case, 1e6, params={"plaintiff_fault": 0.2}).summary()
    note = s[(s["kind"] == "parameter") & (s["item"] == "plaintiff_fault")]["source"].item()
    assert "analyst override" in note


def test_bad_inputs(case):
    with pytest.raises(InputError, match="loss"):
        assess_liability(case, loss=-1)
    with pytest.raises(InputError, match="loss"):
        assess_liability(case, loss=float("nan"))
    with pytest.raises(InputError, match="did you mean 'plaintiff_fault'"):
        assess_liability(case, params={"plaintif_fault": 0.1})
    with pytest.raises(InputError, match="params.plaintiff_fault"):
        assess_liability(case, params={"plaintiff_fault": 1.5})
    with pytest.raises(InputError, match="present_credit"):
        LiabilityParams().replace(present_credit=0.5)
    with pytest.raises(InputError, match="defense_effect.soc"):
        assess_liability(case, params={"defense_effect": {"soc": 0.1}})
    with pytest.raises(InputError, match="case"):
        assess_liability({"name": "not a case"})


def test_defenses_lower_probability(case):
    base = assess_liability(case, 1e6)
    defended = assess_liability(case.replace(defenses=["vendor_documentation", "soc2"]), 1e6)
    assert defended.probability == pytest.approx(base.probability * 0.85 * 0.95)
    custom = assess_liability(case.replace(defenses=["soc2"]), 1e6, params={"defense_effect": {"soc2": 0.5}})
    assert custom.probability == pytest.approx(base.probability * 0.5)


def test_misuse_and_sensitivity_raise_standing(case):
    contact = case.replace(data_types=["contact"], evidence_of_misuse="no")
    ssn_misuse = case.replace(data_types=["ssn"], evidence_of_misuse="yes")
    assert assess_liability(ssn_misuse, 1e6).p_survive_dismissal > assess_liability(contact, 1e6).p_survive_dismissal


def test_forum_circuits():
    assert forum_circuit("E.D. Va.") == ("federal", "4")
    assert forum_circuit("N.D. Ga.") == ("federal", "11")
    assert forum_circuit("7th Cir.") == ("federal", "7")
    assert forum_circuit("Circuit Court of Cook County") == ("state", "")
    assert forum_circuit(None) == ("unknown", "")


def test_restrictive_circuit_lowers_standing(case):
    permissive = assess_liability(case.replace(forum="N.D. Cal."), 1e6).p_standing
    restrictive = assess_liability(case.replace(forum="E.D. Va."), 1e6).p_standing
    assert restrictive < permissive


def test_shared_responsibility_defaults(case):
    p = LiabilityParams()
    net_saas = case.replace(service_model="saas", misconfigured_layer="network")
    assert default_shares(net_saas, p)[0]["provider"] == pytest.approx(0.95)
    onprem = case.replace(service_model="onprem")
    assert default_shares(onprem, p)[0]["customer"] == 1.0
    shifted = case.replace(provider_insecure_default="yes", parties={"integrator": "MSP"})
    shares = default_shares(shifted, p)[0]
    assert shares["customer"] == pytest.approx(0.95 * 0.75 * 0.5)
    assert shares["integrator"] == pytest.approx(0.95 * 0.75 * 0.5)
    assert shares["provider"] == pytest.approx(0.05 + 0.95 * 0.25)


def test_no_silent_us_fallback(case):
    """Issue 12: Germany is assessed under its own (documented default) rule, never the US default row."""
    r = assess_liability(case.replace(jurisdictions=["DE"]), 1e6)
    assert r.rule.jurisdiction == "EU-DE"
    assert "rule basis: default" in r.rule_reason
    with pytest.raises(InputError, match="jurisdictions"):
        case.replace(jurisdictions=["ZZ"])


def test_plots(case):
    r = assess_liability(case, 4e7)
    ax = r.plot_waterfall()
    assert len(ax.patches) == len(r.waterfall) + 1
    fig, ax2 = plt.subplots()
    assert r.plot_hand(ax=ax2) is ax2
    assert len(ax2.collections) >= 1
    plt.close("all")


def test_tables_load_and_validate(tmp_path):
    from toolkit.datasets.controls import load_controls
    from toolkit.datasets.jurisdictions import load_jurisdictions
    from toolkit.datasets._registry import data_dir
    from toolkit.vocab import CONTROLS

    controls = load_controls()
    assert set(controls.loc[controls["role"] == "control", "control"]) == set(CONTROLS)
    rules = load_jurisdictions()
    assert {"US", "GB", "EU-IE", "US-CA", "US-NY", "US-VA", "US-GA", "US-IL", "US-TX", "US-FL", "US-WA", "US-MA",
            "US-NJ", "US-PA", "US-MD", "US-AL", "US-NC", "US-DC"} <= set(rules["jurisdiction"])
    bad = pd.read_csv(data_dir() / "controls.csv", dtype=str, keep_default_na=False)
    bad.loc[0, "relevance_no_mfa"] = "1.7"
    bad.loc[1, "cost_source"] = ""
    bad.to_csv(tmp_path / "controls.csv", index=False)
    with pytest.raises(DataError) as err:
        load_controls(data_dir_=tmp_path)
    assert "relevance_no_mfa" in str(err.value)
    badj = pd.read_csv(data_dir() / "jurisdictions.csv", dtype=str, keep_default_na=False)
    badj.loc[0, "comparative_rule"] = "slight_gross"
    badj.loc[6, "js_threshold"] = ""
    badj.to_csv(tmp_path / "jurisdictions.csv", index=False)
    with pytest.raises(DataError) as err:
        load_jurisdictions(data_dir_=tmp_path)
    assert "comparative_rule" in str(err.value)
