"""The command line: exit codes and one-line messages, never a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from toolkit.cli import main

GOOD = {"name": "n", "defendant": "d", "records_exposed": 10, "data_types": ["ssn"], "sector": "finance",
        "misconfiguration_type": "no_mfa", "jurisdictions": ["US"]}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_prints_normalised_matter(capsys, matter_paths):
    for path in matter_paths:
        code, out, err = run(capsys, "validate", str(path))
        assert code == 0, err
        data = yaml.safe_load(out)
        assert data["controls"].keys() >= {"mfa", "least_privilege"}
        assert err == ""


BAD_FILES = {
    "empty.yaml": b"",
    "binary.yaml": bytes(range(256)),
    "notyaml.yaml": b"name: [oops\n  : :",
    "list.yaml": b"- 1\n- 2\n",
    "scalar.yaml": b"hello\n",
    "wrongtype.yaml": yaml.safe_dump({**GOOD, "records_exposed": "many"}).encode(),
    "nan.yaml": yaml.safe_dump(GOOD).encode() + b"causation_strength: .nan\n",
    "inf.yaml": yaml.safe_dump({**GOOD, "records_exposed": 1}).encode().replace(b"records_exposed: 1", b"records_exposed: .inf"),
    "range.yaml": yaml.safe_dump({**GOOD, "causation_strength": 7}).encode(),
    "vocab.yaml": yaml.safe_dump({**GOOD, "sector": "banking"}).encode(),
    "missing.yaml": yaml.safe_dump({k: v for k, v in GOOD.items() if k != "sector"}).encode(),
    "unknownkey.yaml": yaml.safe_dump({**GOOD, "sectr": "finance"}).encode(),
    "tag.yaml": b"name: !!python/object/apply:os.getcwd []\n",
    "utf16.yaml": "name: x\n".encode("utf-16"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_validate_bad_file_exit_2_one_line(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert "Traceback" not in err


def test_validate_missing_file(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a short path: error values are cut at 80 characters (pytest-xdist's are longer)
    code, _, err = run(capsys, "validate", "absent.yaml")
    assert code == 2 and "file" in err and "absent.yaml" in err


def test_messages_name_field_value_and_allowed(capsys, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump({**GOOD, "sector": "helthcare"}))
    _, _, err = run(capsys, "validate", str(path))
    assert "sector" in err and "'helthcare'" in err and "allowed: one of finance" in err
    assert "did you mean 'healthcare'" in err


def test_usage_errors_exit_2(capsys):
    assert run(capsys, "validate")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys)[0] == 2


def test_help_explains_each_command(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("validate", "assess", "data"):
        assert command in out
    code, out, _ = run(capsys, "validate", "--help")
    assert code == 0 and "normalised" in out


def test_module_entry_point_runs_as_a_process(tmp_path, matter_paths):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    proc = subprocess.run([sys.executable, "-m", "toolkit", "validate", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    proc = subprocess.run([sys.executable, "-m", "toolkit", "validate", str(matter_paths[0])],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "records_exposed" in proc.stdout
