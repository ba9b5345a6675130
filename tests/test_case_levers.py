"""Case: the governance, response, harms and aggravation blocks (issue 18)."""
from __future__ import annotations

import pytest
import yaml

from toolkit import Case, InputError
from toolkit.vocab import AGGRAVATION, GOVERNANCE, HARMS, RESPONSE_DAYS, RESPONSE_FLAGS


def make(base, **changes):
    data = dict(base)
    data.update(changes)
    return Case.from_dict(data)


def test_blocks_default_to_unknown(minimal_case_dict):
    case = Case.from_dict(minimal_case_dict)
    assert case.governance == {k: "unknown" for k in GOVERNANCE}
    assert all(case.response[k] is None for k in RESPONSE_DAYS)
    assert all(case.response[k] == "unknown" for k in RESPONSE_FLAGS)
    assert case.harms == {k: "unknown" for k in HARMS}
    assert case.aggravation == {k: "unknown" for k in AGGRAVATION}
    assert case.willful_disregard == "unknown"


@pytest.mark.parametrize("block,key", [("governance", k) for k in GOVERNANCE]
                         + [("response", k) for k in RESPONSE_FLAGS]
                         + [("harms", k) for k in HARMS] + [("aggravation", k) for k in AGGRAVATION])
@pytest.mark.parametrize("value,expected", [("yes", "yes"), (True, "yes"), ("no", "no"), (False, "no"),
                                            ("unknown", "unknown"), (None, "unknown"), ("YES", "yes")])
def test_tristate_keys_accept_yes_no_unknown(minimal_case_dict, block, key, value, expected):
    assert getattr(make(minimal_case_dict, **{block: {key: value}}), block)[key] == expected


@pytest.mark.parametrize("block,key", [("governance", "training"), ("response", "cooperated_with_regulator"),
                                       ("harms", "lost_time_alleged"), ("aggravation", "financial_benefit")])
@pytest.mark.parametrize("value", ["maybe", 1, 0.5, ["yes"]])
def test_tristate_keys_refuse_other_values_naming_field_value_allowed(minimal_case_dict, block, key, value):
    with pytest.raises(InputError, match=rf"{block}\.{key}.*allowed: one of yes, no, unknown"):
        make(minimal_case_dict, **{block: {key: value}})


@pytest.mark.parametrize("key", RESPONSE_DAYS)
@pytest.mark.parametrize("value,expected", [(0, 0), (3, 3), (2.5, 2.5), ("14", 14), (None, None),
                                            ("unknown", None)])
def test_days_accept_numbers_or_unknown(minimal_case_dict, key, value, expected):
    assert make(minimal_case_dict, response={key: value}).response[key] == expected


@pytest.mark.parametrize("value", [-1, "soon", True, float("nan"), 10**6, [3]])
def test_days_refuse_bad_numbers(minimal_case_dict, value):
    with pytest.raises(InputError, match=r"response\.days_to_notify.*number of days"):
        make(minimal_case_dict, response={"days_to_notify": value})


@pytest.mark.parametrize("block,bad,near", [("governance", "risk_assesment", "risk_assessment"),
                                            ("response", "days_to_contian", "days_to_contain"),
                                            ("harms", "identity_theft", "identity_theft_reported"),
                                            ("aggravation", "previous_infringement", "previous_infringements")])
def test_unknown_block_keys_get_did_you_mean(minimal_case_dict, block, bad, near):
    with pytest.raises(InputError, match=rf"{block}\.{bad}.*did you mean '{near}'"):
        make(minimal_case_dict, **{block: {bad: "yes"}})


@pytest.mark.parametrize("block", ["governance", "response", "harms", "aggravation"])
def test_block_must_be_a_mapping(minimal_case_dict, block):
    with pytest.raises(InputError, match=rf"{block}.*mapping"):
        make(minimal_case_dict, **{block: ["yes"]})


def test_evidence_of_misuse_in_harms_or_top_level(minimal_case_dict):
    inner = make(minimal_case_dict, harms={"evidence_of_misuse": "yes"})
    outer = make(minimal_case_dict, evidence_of_misuse="yes")
    assert inner == outer
    assert inner.evidence_of_misuse == inner.harms["evidence_of_misuse"] == "yes"
    both = make(minimal_case_dict, evidence_of_misuse="no", harms={"evidence_of_misuse": "no"})
    assert both.evidence_of_misuse == "no"
    with pytest.raises(InputError, match="harms.evidence_of_misuse.*same value as the top-level"):
        make(minimal_case_dict, evidence_of_misuse="no", harms={"evidence_of_misuse": "yes"})
    assert outer.replace(evidence_of_misuse="no").harms["evidence_of_misuse"] == "no"


def test_sensitive_category_is_derived_not_entered(minimal_case_dict):
    assert Case.from_dict(minimal_case_dict).sensitive_category == ("health",)
    assert make(minimal_case_dict, data_types=["minors", "biometric", "ssn"]).sensitive_category == (
        "minors", "biometric")
    assert make(minimal_case_dict, data_types=["ssn"]).sensitive_category == ()
    with pytest.raises(InputError, match="harms.sensitive_category.*derived from data_types"):
        make(minimal_case_dict, harms={"sensitive_category": "yes"})


def test_willful_disregard(minimal_case_dict):
    case = Case.from_dict(minimal_case_dict)
    assert case.replace(prior_warnings="yes").willful_disregard == "yes"
    assert case.replace(previous_infringements="yes", prior_warnings="no").willful_disregard == "yes"
    assert case.replace(previous_infringements="no", prior_warnings="no").willful_disregard == "no"
    assert case.replace(previous_infringements="no").willful_disregard == "unknown"


FULL = {
    "governance": {"risk_assessment": "no", "change_management": "yes", "training": False},
    "response": {"days_to_detect": 116, "days_to_contain": 1, "days_to_notify": 10.5,
                 "notified_regulator_on_time": True, "cooperated_with_regulator": "yes",
                 "offered_credit_monitoring": "yes", "corrected_within_30_days": "no"},
    "harms": {"identity_theft_reported": "no", "emotional_distress_alleged": "yes", "lost_time_alleged": "yes",
              "evidence_of_misuse": "no"},
    "aggravation": {"previous_infringements": "yes", "financial_benefit": "no"},
}


def test_round_trip_dict_and_yaml(minimal_case_dict, tmp_path):
    case = make(minimal_case_dict, **FULL)
    assert Case.from_dict(case.to_dict()) == case
    path = tmp_path / "m.yaml"
    path.write_text(case.to_yaml())
    assert Case.from_yaml(path) == case
    assert "evidence_of_misuse" not in case.to_dict()["harms"]  # carried by the top-level field
    assert yaml.safe_load(case.to_yaml())["response"]["days_to_notify"] == 10.5


def test_yaml_booleans_in_blocks(tmp_path, minimal_case_dict):
    text = yaml.safe_dump(minimal_case_dict) + "governance:\n  risk_assessment: no\n  training: yes\n" \
        "response:\n  offered_credit_monitoring: on\n"
    path = tmp_path / "m.yaml"
    path.write_text(text)
    case = Case.from_yaml(path)
    assert case.governance["risk_assessment"] == "no" and case.governance["training"] == "yes"
    assert case.response["offered_credit_monitoring"] == "yes"


def test_replace_takes_block_keys_directly(minimal_case_dict):
    case = Case.from_dict(minimal_case_dict)
    new = case.replace(risk_assessment="no", days_to_contain=4, lost_time_alleged="yes",
                       financial_benefit="yes", mfa="yes")
    assert new.governance["risk_assessment"] == "no"
    assert new.response["days_to_contain"] == 4
    assert new.harms["lost_time_alleged"] == "yes"
    assert new.aggravation["financial_benefit"] == "yes"
    assert new.controls["mfa"] == "yes"
    with pytest.raises(InputError, match="governance.training"):
        case.replace(training="sometimes")


def test_shipped_matters_state_their_blocks(matter_paths):
    for path in matter_paths:
        case = Case.from_yaml(path)
        assert Case.from_dict(case.to_dict()) == case
        stated = [v for v in case.governance.values() if v != "unknown"] + \
            [v for v in case.response.values() if v not in (None, "unknown")]
        assert stated, f"{path.name} fills its governance and response blocks"
