"""Fuzz the matter reader: any file ends in a Case, or in exit 2 with one clear line, quickly (issue 12)."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.cli import main

REPO = Path(__file__).resolve().parents[1]
BASE = {
    "name": "Fuzzed matter", "defendant": "Example Inc.", "records_exposed": "250000", "data_types": "[health, contact]",
    "sector": "healthcare", "misconfiguration_type": "public_bucket", "jurisdictions": "[US, US-CA]",
    "causation_strength": "0.6", "class_size": "240000", "incident_year": "2024", "defendant_revenue_usd": "1.2e9",
}
FIELDS = list(BASE) + ["controls", "prior_warnings", "regulators", "sources", "defenses", "parties", "mystery"]
TIME_LIMIT_S = 2.0
ERROR_LINE = re.compile(r"^error: (?:\d+ problems: \(1\) )?[\w.\[\]?*<>-]+: got .+; allowed: .+$")

tags = st.sampled_from(["!!int", "!!bool", "!!float", "!!timestamp", "!!str", "!!binary", "!!null", "!!set",
                        "!!python/object:os.system", "!!python/name:os.getcwd", "!custom", "!"])
odd_scalars = st.sampled_from([
    "1:00:00", "190:20:30", "0x1F", "0b101", "010", "1e400", "-1e400", ".inf", "-.inf", ".nan", "NaN", "~", "null",
    "yes", "no", "on", "off", "NO", "Y", "n", "2024-01-01", "2024-01-01T10:00:00Z", "''", '""', "'quoted'", "-0",
    "+5", "1_000_000", "1,000", "  ", "@", "`x`", "|", ">", "&a", "*a", "*undefined", "[", "{", "}", "]", "%TAG",
    "'\\x00'", '"\\u0000"', '"\\uffff"', "😀", "é" * 300, "a" * 5000,
])
huge_numbers = st.one_of(
    st.integers(min_value=4000, max_value=6000).map(lambda n: "9" * n),
    st.integers(min_value=300, max_value=500).map(lambda n: "1" + "0" * n + ".5"),
    st.integers(min_value=-(10 ** 30), max_value=10 ** 30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
values = st.one_of(
    odd_scalars, huge_numbers, st.text(max_size=40).map(lambda t: repr(t)),
    st.tuples(tags, odd_scalars).map(" ".join),
    st.lists(odd_scalars, max_size=8).map(lambda xs: "[" + ", ".join(xs) + "]"),
    st.integers(min_value=1, max_value=60_000).map(lambda n: "[" + ", ".join(["US"] * n) + "]"),
    st.integers(min_value=1, max_value=30_000).map(lambda n: "[" + ", ".join(f"X{i}" for i in range(n)) + "]"),
    st.sampled_from(["{mfa: yes, mfa: no}", "{mfa: maybe}", "{customer: x, provider: !!int q}", "{a: {b: {c: 1}}}",
                     "[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]", "&x [1, *x]", "{? [a]: b}"]),
)


@st.composite
def matter_files(draw) -> str:
    """A matter file: the base fields, some replaced by hostile values, some duplicated or added."""
    fields = dict(BASE)
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=4)):
        fields[name] = draw(values)
    lines = [f"{k}: {v}" for k, v in fields.items()]
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=2)):  # duplicate keys
        lines.append(f"{name}: {draw(values)}")
    if draw(st.booleans()):
        lines = draw(st.permutations(lines))
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=matter_files())
def test_any_matter_file_is_a_case_or_one_clear_line(tmp_path, capsys, text):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    start = time.perf_counter()
    code = main(["validate", str(path)])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert elapsed < TIME_LIMIT_S, f"{elapsed:.2f} s"
    assert "internal error" not in err and "Traceback" not in err, err
    if code == 0:
        assert err == "" and out.startswith("name:")
    else:
        assert code == 2
        lines = err.splitlines()
        assert len(lines) == 1 and ERROR_LINE.match(lines[0]), err[:500]
        assert len(lines[0]) < 20_000  # never the whole of a huge value


@pytest.mark.parametrize("text", [
    "records_exposed: !!int abc\n", "x: !!timestamp x\n", "name: a\nname: b\n", "records_exposed: 1:00:00\n",
    "records_exposed: " + "9" * 5000 + "\n",
])
def test_known_hostile_files(tmp_path, capsys, text):
    path = tmp_path / "m.yaml"
    path.write_text("\n".join(f"{k}: {v}" for k, v in BASE.items() if not text.startswith(k + ":")) + "\n" + text)
    assert main(["validate", str(path)]) == 2
    _, err = capsys.readouterr()
    assert len(err.splitlines()) == 1 and ERROR_LINE.match(err.strip())
