"""Bad matters end in an InputError (exit 2 on the command line) naming the field: issue 12.

Each test reproduces one defect found by adversarial testing; the docstring says what it did
before the fix.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import toolkit as tk
from toolkit import Case, InputError
from toolkit.errors import InputErrors
from toolkit.vocab import AUTHORITIES, EU_EEA_STATES, JURISDICTIONS, US_STATES

REPO = Path(__file__).resolve().parents[1]
BASE = {
    "name": "Open database", "defendant": "Example Inc.", "records_exposed": 1000, "data_types": ["contact"],
    "sector": "retail", "misconfiguration_type": "open_database", "jurisdictions": ["US"],
}
BASE_YAML = "\n".join([
    "name: Open database", "defendant: Example Inc.", "records_exposed: 1000", "data_types: [contact]",
    "sector: retail", "misconfiguration_type: open_database", "jurisdictions: [US]",
]) + "\n"


def _yaml(tmp_path, text: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _cli(*argv, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, argv)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def _with(field: str, value: str) -> str:
    lines = [ln for ln in BASE_YAML.splitlines() if not ln.startswith(field + ":")]
    return "\n".join(lines + [f"{field}: {value}"]) + "\n"


# --------------------------------------------------------------------------- huge integers
@pytest.mark.parametrize("field", ["records_exposed", "class_size", "incident_year", "causation_strength",
                                   "defendant_revenue_usd", "prior_exposure", "name"])
def test_integer_over_4300_digits_is_refused_by_name(field):
    """Before: the message called repr() on the int, which raises ValueError (an internal error)."""
    with pytest.raises(InputError) as exc:
        Case.from_dict({**BASE, field: 10 ** 5000})
    assert exc.value.field == field
    assert "5,001 digits" in str(exc.value) and len(str(exc.value)) < 600


def test_integer_over_4300_digits_in_yaml_is_one_line_exit_2(tmp_path):
    path = _yaml(tmp_path, _with("records_exposed", "9" * 5000))
    proc = _cli("validate", path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: records_exposed:") and len(lines[0]) < 500


# --------------------------------------------------------------------------- YAML tags and scalars
@pytest.mark.parametrize("value", ["!!int abc", "!!bool maybe", "!!float nope", "!!timestamp x", "!!str 12",
                                   "!!binary aGVsbG8=", "!!python/object:os.system x"])
def test_explicit_yaml_tags_are_refused_naming_the_field(tmp_path, value):
    """Before: ValueError / KeyError / AttributeError from the YAML constructors, reported as internal errors."""
    with pytest.raises(InputError) as exc:
        Case.from_yaml(_yaml(tmp_path, _with("records_exposed", value)))
    assert exc.value.field == "records_exposed"
    assert "tag" in str(exc.value) and "line 7" in str(exc.value)


def test_tag_inside_a_mapping_names_the_dotted_field(tmp_path):
    with pytest.raises(InputError) as exc:
        Case.from_yaml(_yaml(tmp_path, BASE_YAML + "controls:\n  mfa: !!bool maybe\n"))
    assert exc.value.field == "controls.mfa"


def test_duplicate_keys_are_refused(tmp_path):
    """Before: the last of two `records_exposed:` lines silently won."""
    with pytest.raises(InputError) as exc:
        Case.from_yaml(_yaml(tmp_path, BASE_YAML + "records_exposed: 2000\n"))
    assert exc.value.field == "records_exposed" and "duplicate key at line 8" in str(exc.value)
    with pytest.raises(InputError) as exc:
        Case.from_yaml(_yaml(tmp_path, BASE_YAML + "controls: {mfa: yes, mfa: no}\n"))
    assert exc.value.field == "controls.mfa"


@pytest.mark.parametrize("value", ["1:00:00", "190:20:30", "-1:30"])
def test_yaml11_sexagesimal_numbers_are_refused(tmp_path, value):
    """Before: `records_exposed: 1:00:00` was read as 3600."""
    with pytest.raises(InputError) as exc:
        Case.from_yaml(_yaml(tmp_path, _with("records_exposed", value)))
    assert exc.value.field == "records_exposed" and "base-60" in str(exc.value)


def test_yaml_loader_is_the_plain_safe_loader_and_scalars_are_read_by_plain_scalar(tmp_path):
    """Only the parser of the loader runs (``yaml.parse``); scalars are resolved by ``_plain_scalar``.

    The loader therefore carries no resolvers or constructors of its own: if a subclass with
    its own resolvers comes back, this fails; the YAML 1.1 reading rules still hold below.
    """
    import yaml

    from toolkit.case import _MAX_INT_DIGITS, _safe_loader, load_yaml

    assert _safe_loader() is (getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader)
    text = ("a: 0x1F\nb: 0b101\nc: 010\nd: 1_000\ne: 1:00:00\nf: .inf\ng: '12'\nh: yes\ni: ~\n"
            f"j: {'9' * (_MAX_INT_DIGITS + 1)}\nk: {'9' * _MAX_INT_DIGITS}\nl: 2024-01-02\n")
    got = load_yaml(_yaml(tmp_path, text))
    assert got["a"] == 31 and got["b"] == 5 and got["c"] == 8 and got["d"] == 1000
    assert got["e"] == "1:00:00"  # base 60 stays text
    assert got["f"] == float("inf") and got["g"] == "12" and got["h"] is True and got["i"] is None
    assert got["j"] == "9" * (_MAX_INT_DIGITS + 1) and got["k"] == int("9" * _MAX_INT_DIGITS)
    assert str(got["l"]) == "2024-01-02"


def test_float_overflow_text_is_refused(tmp_path):
    with pytest.raises(InputError, match="records_exposed: got '1e400'"):
        Case.from_yaml(_yaml(tmp_path, _with("records_exposed", "1e400")))


def test_plain_numbers_still_read(tmp_path):
    case = Case.from_yaml(_yaml(tmp_path, _with("records_exposed", "1_000_000")))
    assert case.records_exposed == 1_000_000
    case = Case.from_yaml(_yaml(tmp_path, _with("causation_strength", "0.75")))
    assert case.causation_strength == 0.75


# --------------------------------------------------------------------------- jurisdictions
def test_unknown_jurisdiction_is_refused_with_the_supported_list():
    """Before: `jurisdictions: [ZZ]` was silently assessed under US defaults."""
    with pytest.raises(InputError) as exc:
        Case.from_dict({**BASE, "jurisdictions": ["ZZ"]})
    assert exc.value.field == "jurisdictions[0]"
    assert "US-XX" in exc.value.allowed and "EU-XX" in exc.value.allowed and "SG" in exc.value.allowed


def test_a_member_state_iso_code_is_that_state():
    assert Case.from_dict({**BASE, "jurisdictions": ["NO", "de", "EU-NO"]}).jurisdictions == ("EU-NO", "EU-DE")


@pytest.mark.parametrize("code, hint", [("UK", "GB"), ("US-CAL", "US-CA"), ("EU", "EU-IE")])
def test_near_miss_jurisdictions_get_a_did_you_mean(code, hint):
    with pytest.raises(InputError) as exc:
        Case.from_dict({**BASE, "jurisdictions": [code]})
    assert hint in (exc.value.hint or "")


def test_every_real_jurisdiction_is_supported_explicitly():
    codes = set(JURISDICTIONS)
    assert {f"US-{s}" for s in US_STATES} <= codes and len(US_STATES) == 51
    assert {f"EU-{s}" for s in EU_EEA_STATES} <= codes and "GB" in codes and "US" in codes
    assert {"SG", "KR", "AU", "CA", "JP", "HK", "BR", "NZ", "TR", "CH", "IL", "ZA", "IN", "PH", "TH"} <= codes
    assert {a.country for a in AUTHORITIES.values()} <= codes
    for code in JURISDICTIONS:
        assert Case.from_dict({**BASE, "jurisdictions": [code]}).jurisdictions == (code,)


def test_a_matter_near_the_size_cap_validates_in_under_two_seconds(tmp_path):
    """Before: 90,000 distinct jurisdiction codes took over 30 s (de-duplication scanned a list)."""
    import itertools
    import string

    pairs = ["".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2)]
    codes = [f"{a}-{b}" for a in pairs[:300] for b in pairs[:300]][:90_000]
    many_distinct = BASE_YAML.replace("jurisdictions: [US]", "jurisdictions: [" + ", ".join(codes) + "]")
    many_same = BASE_YAML.replace("jurisdictions: [US]", "jurisdictions: [" + ", ".join(["US-CA"] * 95_000) + "]")
    many_types = BASE_YAML.replace("data_types: [contact]", "data_types: [" + ", ".join(["ssn", "contact"] * 47_000) + "]")
    for text in (many_distinct, many_same, many_types):
        assert len(text.encode()) < 1_000_000
        path = _yaml(tmp_path, text)
        start = time.perf_counter()
        try:
            Case.from_yaml(path)
        except InputError:
            pass
        assert time.perf_counter() - start < 2.0
    assert Case.from_yaml(_yaml(tmp_path, many_same)).jurisdictions == ("US-CA",)
    too_many = BASE_YAML + "sources: [" + ", ".join(["x"] * 120_000) + "]\n"
    start = time.perf_counter()
    with pytest.raises(InputError, match="YAML nodes"):
        Case.from_yaml(_yaml(tmp_path, too_many))
    assert time.perf_counter() - start < 2.0


# --------------------------------------------------------------------------- numbers and ranges
@pytest.mark.parametrize("kind", [np.int64, np.int32, np.uint16, np.int8])
def test_numpy_integers_are_accepted(kind):
    """Before: numpy.int64 record counts were refused as "not a whole number"."""
    case = Case.from_dict({**BASE, "records_exposed": kind(100), "class_size": kind(90), "incident_year": np.int64(2020)})
    assert (case.records_exposed, case.class_size, case.incident_year) == (100, 90, 2020)
    assert type(case.records_exposed) is int
    assert Case.from_dict({**BASE, "causation_strength": np.float64(0.25)}).causation_strength == 0.25


def test_numpy_bool_is_not_a_number():
    with pytest.raises(InputError, match="records_exposed"):
        Case.from_dict({**BASE, "records_exposed": np.bool_(True)})


@pytest.mark.parametrize("year", [1900, 2101, -5])
def test_incident_year_message_states_the_right_range(year):
    """Before: the message said "a whole number between 0 and 2,100"."""
    with pytest.raises(InputError) as exc:
        Case.from_dict({**BASE, "incident_year": year})
    assert exc.value.allowed == "a year between 1970 and 2100"


def test_class_size_zero_gives_no_class_settlement():
    """Before: class_size 0 still got a $556k settlement (assess, on main since the calibrated headline)."""
    case = Case.from_dict({**BASE, "class_size": 0})
    result = tk.assess(case, seed=0, n_paths=5_000)
    ranges = result.outcome_ranges
    assert ranges.loc["class_settlement", "probability"] == 0
    assert result.settlement.median == 0


# --------------------------------------------------------------------------- not a matter
def test_non_matter_files_are_not_echoed(tmp_path):
    """Before: the error message echoed the first line of the file it was given."""
    secret = "SECRET_TOKEN_abc123"
    for text in (f"{secret}: 1\nother: 2\n", f"# {secret}\n{secret}=x\n", f"{secret},a,b\n1,2,3\n",
                 f"[{secret}]\nkey = value\n"):
        proc = _cli("validate", _yaml(tmp_path, text, "notes.txt"))
        assert proc.returncode == 2, proc.stderr
        assert secret not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    csv = tmp_path / "data"
    csv.mkdir()
    (csv / "outcomes.csv").write_text(f"{secret},{secret}2\n1,2\n")
    proc = _cli("data", "check", "--data-dir", csv)
    assert secret not in proc.stdout + proc.stderr


# --------------------------------------------------------------------------- every error at once
def test_validate_reports_every_error_at_once(tmp_path):
    """Before: one error per run (a first matter written from the README took 6 rounds)."""
    text = "\n".join([
        "name: My matter", "defendant: Example Inc.", "records_exposed: lots", "data_types: [email]",
        "sector: hospital", "misconfiguration_type: open_elasticsearch", "jurisdictions: [US, ZZ]",
        "causation_strength: 2", "controls: {mfa: maybe}", "severity: high",
    ]) + "\n"
    with pytest.raises(InputErrors) as exc:
        Case.from_yaml(_yaml(tmp_path, text))
    fields = [e.field for e in exc.value.errors]
    assert fields == ["records_exposed", "data_types[0]", "sector", "misconfiguration_type", "jurisdictions[1]",
                      "causation_strength", "controls.mfa", "severity"]
    proc = _cli("validate", _yaml(tmp_path, text))
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: 8 problems: (1) records_exposed")
    assert all(f"({i}) {field}:" in lines[0] for i, field in enumerate(fields, 1))


def test_missing_required_fields_are_all_named():
    with pytest.raises(InputErrors) as exc:
        Case.from_dict({"name": "x"})
    assert {e.field for e in exc.value.errors} == {"defendant", "records_exposed", "data_types", "sector",
                                                   "misconfiguration_type", "jurisdictions"}


def test_one_error_is_still_a_plain_input_error():
    with pytest.raises(InputError) as exc:
        Case.from_dict({**BASE, "sector": "banks"})
    assert type(exc.value) is InputError and exc.value.field == "sector"


# --------------------------------------------------------------------------- domain suggestions
@pytest.mark.parametrize("field, value, meant", [
    ("sector", "hospital", "healthcare"), ("sector", "bank", "finance"), ("sector", "university", "education"),
    ("misconfiguration_type", "open_elasticsearch", "open_database"),
    ("misconfiguration_type", "open_mongodb", "open_database"), ("misconfiguration_type", "s3_bucket", "public_bucket"),
    ("misconfiguration_type", "leaked_keys", "leaked_credentials"), ("cloud_provider", "amazon", "aws"),
    ("data_types", ["credit_card"], "payment_card"), ("sector", "finanse", "finance"),
])
def test_suggestions_fit_the_domain(field, value, meant):
    """Before: hospital suggested hospitality; open_elasticsearch suggested nothing useful."""
    with pytest.raises(InputError) as exc:
        Case.from_dict({**BASE, field: value})
    assert exc.value.hint == f"did you mean {meant!r}?"
