"""``python -m toolkit assess``: exit codes, one-line errors, the pack on disk."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from toolkit.cli import main

MATTER = Path(__file__).resolve().parents[1] / "data" / "matters" / "teaching_open_elasticsearch.yaml"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def files(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def no_validation(monkeypatch):
    import toolkit.exhibits.appendix as appendix

    monkeypatch.setattr(appendix, "validation_report", lambda: (None, "skipped in the CLI tests"))


@pytest.mark.parametrize("content", [b"", b"name: [oops\n  : :", yaml.safe_dump({"name": "x"}).encode(),
                                     yaml.safe_dump({**yaml.safe_load(MATTER.read_text()),
                                                     "sector": "banking"}).encode()])
def test_bad_matter_exit_2_and_nothing_written(tmp_path, capsys, content):
    matter = tmp_path / "bad.yaml"
    matter.write_bytes(content)
    out = tmp_path / "pack"
    code, stdout, err = run(capsys, "assess", matter, "--out", out, "--paths", 20_000)
    assert code == 2
    assert stdout == "" and err.startswith("error: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert not out.exists()


def test_missing_matter_file_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a short path: error values are cut at 80 characters (pytest-xdist's are longer)
    code, _, err = run(capsys, "assess", "absent.yaml", "--out", tmp_path / "pack")
    assert code == 2 and "absent.yaml" in err


def test_non_empty_out_exit_2_names_out_and_changes_nothing(tmp_path, capsys):
    out = tmp_path / "pack"
    out.mkdir()
    (out / "notes.txt").write_text("an analyst's notes")
    before = files(out)
    code, stdout, err = run(capsys, "assess", MATTER, "--out", out, "--paths", 20_000)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: --out: ")
    assert str(out) in err and "--force" in err
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


@pytest.mark.parametrize("argv, word", [(["--formats", "gif"], "formats"), (["--formats", ""], "formats"),
                                        (["--seed", "-1"], "seed"), (["--paths", "10"], "n_paths")])
def test_bad_options_exit_2(tmp_path, capsys, argv, word):
    code, _, err = run(capsys, "assess", MATTER, "--out", tmp_path / "pack", *argv)
    assert code == 2 and word in err and err.count("\n") == 1
    assert not (tmp_path / "pack").exists()


def test_out_is_required(tmp_path, capsys):
    code, _, err = run(capsys, "assess", MATTER)
    assert code == 2 and "--out" in err


def test_assess_writes_the_pack_then_refuses_a_rerun(tmp_path, capsys, no_validation):
    out = tmp_path / "pack"
    code, stdout, err = run(capsys, "assess", MATTER, "--out", out, "--seed", 3, "--paths", 20_000,
                            "--formats", "svg")
    assert code == 0, err
    written = files(out)
    lines = stdout.strip().splitlines()
    assert lines[-1] == f"wrote {len(written)} files to {out}"
    # the headline the pack quotes, one line per track, the same numbers as assess
    import toolkit as tk
    from toolkit.plotting.base import usd

    from toolkit.exhibits.pack import headline_rows

    result = tk.assess(tk.Case.from_yaml(MATTER), seed=3, n_paths=20_000)
    ranges = result.outcome_ranges
    assert lines[0].startswith("class settlement") and usd(ranges.loc["class_settlement", "median"]) in lines[0]
    assert len(lines) == 4
    # worded as the exhibits word it: a track that does not arise says so (never "$0 - $0 - $0")
    for line, (_, item, value, _, _) in zip(lines, headline_rows(result)):
        assert line.startswith(f"{item}: {value}")
    for line, (_, row) in zip(lines, ranges.iterrows()):
        assert line.endswith("does not arise") == (row["probability"] == 0 or row["median"] == 0)
    assert "$0 –" not in stdout
    from toolkit.exhibits import EXHIBITS

    assert f"exhibit-{len(EXHIBITS):02d}-tornado.svg" in written and "methodology.html" in written
    assert "report.pdf" not in written          # only with --report
    code, _, err = run(capsys, "assess", MATTER, "--out", out, "--seed", 3, "--paths", 20_000, "--formats", "svg")
    assert code == 2 and "--force" in err
    assert files(out) == written
    code, _, err = run(capsys, "assess", MATTER, "--out", out, "--seed", 3, "--paths", 20_000, "--formats", "svg",
                       "--force")
    assert code == 0, err
    assert files(out) == written      # same seed: the same bytes


def test_module_entry_point_exit_code(tmp_path):
    out = tmp_path / "pack"
    out.mkdir()
    (out / "x").write_text("x")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    proc = subprocess.run([sys.executable, "-m", "toolkit", "assess", str(MATTER), "--out", str(out)],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: --out") and "Traceback" not in proc.stderr


def test_report_flag_writes_report_pdf_on_a4(tmp_path, capsys, no_validation):
    import re

    out = tmp_path / "pack"
    code, _, err = run(capsys, "assess", MATTER, "--out", out, "--paths", 20_000, "--formats", "pdf", "--report",
                       "--paper", "a4")
    assert code == 0, err
    data = (out / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and b"/CreationDate" not in data
    sizes = {tuple(round(float(v)) for v in m) for m in re.findall(rb"/MediaBox \[ *0 0 ([\d.]+) ([\d.]+)", data)}
    assert (595, 842) in sizes
    code, _, err = run(capsys, "assess", MATTER, "--out", tmp_path / "x", "--paper", "legal")
    assert code == 2 and "paper" in err
