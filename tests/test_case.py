"""Case: every field's valid and invalid values, YAML attacks, round trips, property tests."""
from __future__ import annotations

import math
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import Case, InputError
from toolkit.case import DEFENSES, LAYERS, load_yaml
from toolkit.vocab import (CLOUD_PROVIDERS, CONTROLS, DATA_TYPES, MISCONFIGURATION_TYPES, SECTORS,
                           SERVICE_MODELS)


def make(base, **changes):
    data = dict(base)
    data.update(changes)
    return Case.from_dict(data)


def test_minimal_case_defaults(minimal_case_dict):
    case = Case.from_dict(minimal_case_dict)
    assert case.class_size == 250_000
    assert case.cloud_provider == "unknown" and case.service_model == "unknown"
    assert case.causation_strength == 0.5
    assert set(case.controls) == set(CONTROLS)
    assert all(v == "unknown" for v in case.controls.values())
    assert case.prior_warnings == "unknown"
    assert case.parties == {"customer": "Example Inc.", "provider": None, "integrator": None}
    assert case.misconfigured_layer == "data"


def test_matter_files_load_and_round_trip(matter_paths):
    assert len(matter_paths) >= 3
    for path in matter_paths:
        case = Case.from_yaml(path)
        assert case.sources, f"{path.name} must cite its sources"
        assert Case.from_dict(case.to_dict()) == case


@pytest.mark.parametrize("field", ["name", "defendant", "records_exposed", "data_types", "sector",
                                   "misconfiguration_type", "jurisdictions"])
def test_required_fields_are_named(minimal_case_dict, field):
    data = dict(minimal_case_dict)
    del data[field]
    with pytest.raises(InputError, match=f"^{field}: .*required") as info:
        Case.from_dict(data)
    assert info.value.field == field


VALID = {
    "name": ["A matter", "x" * 500],
    "defendant": ["Example Inc.", 12345],
    "records_exposed": [0, 1, 10**9, "250000", 250000.0, "1_000"],
    "class_size": [0, 5, "7", None],
    "data_types": [["ssn"], list(DATA_TYPES), "contact", ["HEALTH", "health"]],
    "sector": list(SECTORS) + ["Finance"],
    "misconfiguration_type": list(MISCONFIGURATION_TYPES),
    "jurisdictions": [["US"], ["US-CA", "GB", "EU-IE"], "us-ny", ["AU"]],
    "cloud_provider": list(CLOUD_PROVIDERS) + [None],
    "service_model": list(SERVICE_MODELS),
    "forum": ["N.D. Cal.", None, ""],
    "defendant_revenue_usd": [0, 1.2e9, "1.2e9", None],
    "causation_strength": [0, 0.0, 0.5, 1, "0.7"],
    "prior_warnings": ["yes", "no", "unknown", True, False, None, "YES"],
    "sources": [["https://example.org/a"], [], None, "http://example.org"],
    "misconfigured_layer": list(LAYERS) + [None],
    "evidence_of_misuse": ["yes", True, None],
    "intervening_criminal_act": ["no", False],
    "prior_exposure": [0, 0.3, 1],
    "provider_insecure_default": ["yes", "unknown"],
    "defenses": [[], list(DEFENSES), ["soc2"], None],
    "parties": [{"customer": "A", "provider": "AWS", "integrator": None}, {}, None],
    "incident_year": [2019, "2016", 1970, 2100, None],
}
INVALID = {
    "name": ["", "   ", None, ["a"], {"a": 1}, True, "x" * 501],
    "defendant": ["", None, [1]],
    "records_exposed": [-1, 1.5, "many", True, float("nan"), float("inf"), 10**12, [], "1e400"],
    "class_size": [-3, 2.5, "x", False],
    "data_types": [[], ["dna"], "passwords", 5, {"ssn": 1}, [None]],
    "sector": ["helthcare", "", 3, None, ["finance"]],
    "misconfiguration_type": ["public-bucket", "s3", None, 1],
    "jurisdictions": [[], ["California"], ["USA-CA"], [False], "", [1], None],
    "cloud_provider": ["amazon", 1],
    "service_model": ["on-prem", "IaaS+", True],
    "forum": [["E.D. Va."], {"a": 1}],
    "defendant_revenue_usd": [-1, "lots", float("nan"), float("inf"), True, 1e15],
    "causation_strength": [-0.01, 1.01, "strong", None, float("nan"), float("-inf"), True],
    "prior_warnings": ["maybe", 1, 0.5, ["yes"]],
    "sources": [["ftp://x"], ["not a url"], [1], ["https://a b"], {"a": "b"}],
    "misconfigured_layer": ["application", 3],
    "evidence_of_misuse": ["probably", 2],
    "intervening_criminal_act": ["perhaps"],
    "prior_exposure": [-0.1, 1.1, "half"],
    "provider_insecure_default": ["sometimes"],
    "defenses": [["act_of_god"], "insurance", [1]],
    "parties": [{"customer": "A", "insurer": "B"}, ["A"], "A", {"provider": ["x"]}],
    "incident_year": [1969, 2101, 2019.5, "last year", True, float("nan")],
}


@pytest.mark.parametrize("field,value", [(f, v) for f, vs in VALID.items() for v in vs])
def test_each_field_accepts_valid_values(minimal_case_dict, field, value):
    case = make(minimal_case_dict, **{field: value})
    assert Case.from_dict(case.to_dict()) == case


@pytest.mark.parametrize("field,value", [(f, v) for f, vs in INVALID.items() for v in vs])
def test_each_field_refuses_invalid_values(minimal_case_dict, field, value):
    with pytest.raises(InputError) as info:
        make(minimal_case_dict, **{field: value})
    assert info.value.field.split("[")[0].split(".")[0] == field
    assert "allowed" in str(info.value)


@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize("value,expected", [("yes", "yes"), (True, "yes"), ("no", "no"), (False, "no"),
                                            ("unknown", "unknown"), (None, "unknown"), ("Yes", "yes")])
def test_controls_accept_yes_no_unknown(minimal_case_dict, control, value, expected):
    case = make(minimal_case_dict, controls={control: value})
    assert case.controls[control] == expected


@pytest.mark.parametrize("control", CONTROLS)
def test_controls_refuse_other_values(minimal_case_dict, control):
    with pytest.raises(InputError, match=f"controls.{control}: got 'partly'; allowed: one of yes, no, unknown"):
        make(minimal_case_dict, controls={control: "partly"})


def test_unknown_control_gets_did_you_mean(minimal_case_dict):
    with pytest.raises(InputError, match="did you mean 'least_privilege'"):
        make(minimal_case_dict, controls={"least_priviledge": "no"})


def test_unknown_top_level_key_gets_did_you_mean(minimal_case_dict):
    with pytest.raises(InputError, match="causation_strenght.*did you mean 'causation_strength'"):
        make(minimal_case_dict, causation_strenght=0.4)
    with pytest.raises(InputError, match="unknown key"):
        make(minimal_case_dict, zzz=1)


def test_prior_warnings_inside_controls_is_accepted(minimal_case_dict):
    case = make(minimal_case_dict, controls={"prior_warnings": True})
    assert case.prior_warnings == "yes"
    with pytest.raises(InputError, match="controls.prior_warnings"):
        make(minimal_case_dict, prior_warnings="no", controls={"prior_warnings": "yes"})


def test_not_a_mapping_is_refused():
    for value in (None, [], "text", 3, 2.5):
        with pytest.raises(InputError, match="matter"):
            Case.from_dict(value)


def test_norway_problem_gets_a_hint(minimal_case_dict):
    with pytest.raises(InputError, match="quote country codes"):
        make(minimal_case_dict, jurisdictions=[False])


def test_replace_validates_and_follows_records(minimal_case_dict):
    case = Case.from_dict(minimal_case_dict)
    bigger = case.replace(records_exposed=1_000_000)
    assert bigger.class_size == 1_000_000
    assert case.replace(mfa=True).controls["mfa"] == "yes"
    with pytest.raises(InputError, match="causation_strength"):
        case.replace(causation_strength=2)
    with pytest.raises(InputError, match="did you mean"):
        case.replace(recods_exposed=3)


def test_case_is_immutable(minimal_case_dict):
    case = Case.from_dict(minimal_case_dict)
    with pytest.raises(Exception):
        case.records_exposed = 5


# ----------------------------------------------------------------------------- YAML
def write(tmp_path, text, name="m.yaml", mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def test_yaml_booleans_accepted(tmp_path, minimal_case_dict):
    import yaml

    text = yaml.safe_dump(minimal_case_dict) + "controls:\n  mfa: yes\n  least_privilege: off\n  config_scanning: No\n"
    case = Case.from_yaml(write(tmp_path, text))
    assert case.controls["mfa"] == "yes"
    assert case.controls["least_privilege"] == "no"
    assert case.controls["config_scanning"] == "no"


def test_python_tags_are_refused_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(InputError, match="refused"):
        Case.from_yaml(write(tmp_path, text))
    assert not marker.exists()
    for tag in ("!!python/name:os.system", "!!python/object:toolkit.Case {}", "!!binary aGVsbG8="):
        with pytest.raises(InputError):
            Case.from_yaml(write(tmp_path, f"name: {tag}\n"))


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("sources: *i")
    start = time.process_time()
    with pytest.raises(InputError, match="alias"):
        Case.from_yaml(write(tmp_path, "\n".join(lines) + "\n"))
    assert time.process_time() - start < 5  # a guard against hanging, not a speed test


@pytest.mark.parametrize("content,match", [
    (b"", "empty"),
    (b"\x00\x01\x02\xff\xfe", "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"name: [unclosed\n", "valid YAML"),
    (b"- a\n- b\n", "mapping"),
    (b"just a string\n", "mapping"),
    (b"42\n", "mapping"),
    (b"a: 1\n---\nb: 2\n", "valid YAML"),
    (b"{{{{", "valid YAML"),
    (b"\t\tname: x", "valid YAML"),
])
def test_bad_files(tmp_path, content, match):
    with pytest.raises(InputError, match=match):
        Case.from_yaml(write(tmp_path, content, mode="wb"))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="existing matter file"):
        Case.from_yaml(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="not a file"):
        Case.from_yaml(tmp_path)


def test_huge_file_refused(tmp_path):
    path = write(tmp_path, b"name: " + b"x" * 2_000_000, mode="wb")
    with pytest.raises(InputError, match="bytes"):
        load_yaml(path)


# ----------------------------------------------------------------------------- properties
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
FIELDS = list(Case.field_names())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), json_values, max_size=10))
def test_from_dict_only_raises_input_error(data):
    try:
        case = Case.from_dict(data)
    except InputError:
        return
    assert Case.from_dict(case.to_dict()) == case


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(base_overrides=st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=3))
def test_near_valid_dicts_only_raise_input_error(base_overrides):
    data = {"name": "n", "defendant": "d", "records_exposed": 10, "data_types": ["ssn"], "sector": "finance",
            "misconfiguration_type": "no_mfa", "jurisdictions": ["US"]}
    data.update(base_overrides)
    try:
        case = Case.from_dict(data)
    except InputError:
        return
    assert 0.0 <= case.causation_strength <= 1.0 and math.isfinite(case.causation_strength)
    assert case.records_exposed >= 0


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.binary(max_size=300))
def test_yaml_loader_only_raises_input_error_on_bytes(tmp_path, blob):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(blob)
    try:
        Case.from_yaml(path)
    except InputError:
        pass


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc:- \n[]{}&*!'\"#|>%@`,?0123456789.yesnoTrue")), max_size=120))
def test_yaml_loader_only_raises_input_error_on_yamlish_text(tmp_path, text):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text)
    try:
        Case.from_yaml(path)
    except InputError:
        pass


def _shipped_matters():
    from pathlib import Path

    return sorted((Path(__file__).resolve().parents[1] / "data" / "matters").glob("*.yaml"))


@pytest.mark.parametrize("path", _shipped_matters(), ids=lambda p: p.stem)
def test_to_yaml_round_trips_and_is_the_safe_dump_text(path):
    import yaml

    case = Case.from_yaml(path)
    text = case.to_yaml()
    assert text == yaml.safe_dump(case.to_dict(), sort_keys=False, allow_unicode=True)
    assert Case.from_dict(yaml.safe_load(text)) == case


def test_to_yaml_uses_libyamls_dumper_when_available_and_falls_back(tmp_path, monkeypatch):
    import yaml

    if getattr(yaml, "CSafeDumper", None) is None:
        pytest.skip("PyYAML built without libyaml")
    case = Case.from_yaml(_shipped_matters()[0]).replace(name="Café – “quoted”: x", defendant="😀 Emoji Ltd")
    used = []

    class Recording(yaml.CSafeDumper):
        def __init__(self, *args, **kwargs):
            used.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(yaml, "CSafeDumper", Recording)
    fast = case.to_yaml()
    assert used == [1]
    monkeypatch.delattr(yaml, "CSafeDumper")
    slow = case.to_yaml()
    # libyaml writes characters beyond the BMP as escapes where the Python emitter writes them as they are:
    # the two texts read back to the same matter
    for text in (fast, slow):
        path = tmp_path / "m.yaml"
        path.write_text(text, encoding="utf-8")
        assert Case.from_yaml(path) == case
    assert fast.replace('"\\U0001F600 Emoji Ltd"', "😀 Emoji Ltd") == slow
