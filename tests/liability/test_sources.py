"""Provenance of the legal parameters: circuit stances, jurisdiction rows, framework ids."""
import re

import pytest

from toolkit.datasets.controls import load_controls
from toolkit.datasets.jurisdictions import load_jurisdictions
from toolkit.liability._params import LiabilityParams
from toolkit.liability.standing import CIRCUIT_SOURCES, CIRCUIT_STANCE, STATE_CIRCUIT

_CITATION = re.compile(r"\d+ (F\.\dd|F\.4th|F\. App'x) \d+|No\. \d{2}-\d+")


@pytest.mark.parametrize("circuit", sorted(CIRCUIT_STANCE))
def test_every_circuit_stance_is_a_parameter_key_and_tagged(circuit):
    stance, cases, tag = CIRCUIT_STANCE[circuit]
    assert stance in LiabilityParams().circuit_stance_logit
    assert tag in {"V", "V2", "U", "-"}
    if tag == "-":
        assert stance == "unsettled"
    else:
        assert _CITATION.search(cases), cases


@pytest.mark.parametrize("circuit", sorted(c for c, v in CIRCUIT_STANCE.items() if v[2] == "V"))
def test_verified_circuits_name_the_pages_read(circuit):
    sources = CIRCUIT_SOURCES[circuit]
    assert sources
    if circuit != "1":  # the 1st Circuit's tag comes from literature.md
        assert all(u.startswith(("http://", "https://")) for u in sources)


def test_circuit_tables_agree():
    assert set(CIRCUIT_SOURCES) <= set(CIRCUIT_STANCE)
    assert set(STATE_CIRCUIT.values()) <= set(CIRCUIT_STANCE)


def test_contributory_jurisdictions_are_joint_and_verified():
    table = load_jurisdictions().set_index("jurisdiction")
    contributory = table[table["comparative_rule"] == "contributory"]
    assert set(contributory.index) == {"US-VA", "US-MD", "US-AL", "US-NC", "US-DC"}
    assert (contributory["joint_several"] == "joint").all()
    assert contributory["verified"].all()
    pa = table.loc["US-PA"]
    assert (pa["comparative_rule"], pa["joint_several"], pa["js_threshold"]) == ("modified_51", "joint_at_or_above", 0.6)


def test_assumption_rows_stay_unverified():
    table = load_jurisdictions().set_index("jurisdiction")
    assert not table.loc["US", "verified"]  # a stated default, not a rule
    assert not table.loc["EU-IE", "verified"]  # s.38 of the Civil Liability Act 1961 not read


def test_cis_ids_use_v4_numbering():
    controls = load_controls().set_index("control")
    scanning = controls.loc["config_scanning", "cis_aws"].split(";")
    assert "5.7" in scanning and "5.6" not in scanning  # IMDSv2 is 5.7 in CIS AWS v4.0.1
    assert controls.loc["encryption_at_rest", "cis_aws"].split(";") == ["2.2.1", "2.3.1", "5.1.1"]
    assert controls["framework_ids_checked"].str.contains("v4.0.1").sum() >= 8
