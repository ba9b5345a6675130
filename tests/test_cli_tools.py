"""Command-line tools for writing matters, and the output folder of `assess`: issue 12."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import toolkit as tk
from toolkit.cli import main

REPO = Path(__file__).resolve().parents[1]
MATTERS = sorted((REPO / "data" / "matters").glob("*.yaml"))
TEACHING = REPO / "data" / "matters" / "teaching_open_elasticsearch.yaml"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- new-matter and schema
def test_new_matter_template_lists_every_field_and_validates(tmp_path, capsys):
    code, template, _ = run(capsys, "new-matter")
    assert code == 0
    data = yaml.safe_load(template)
    assert list(data) == list(tk.Case.field_names())
    for name in tk.Case.field_names():
        block = template.split(f"\n{name}:", 1)[0].rsplit("\n\n", 1)[-1]
        assert "allowed:" in block and ("REQUIRED" in block or "default:" in block), name
    assert "one of finance, healthcare" in template and "EU-XX" in template
    path = tmp_path / "m.yaml"
    path.write_text(template)
    assert run(capsys, "validate", path)[0] == 0


def test_schema_is_generated_from_case_and_the_shipped_file_is_current(capsys):
    from toolkit._matter_spec import schema_text

    code, text, _ = run(capsys, "schema")
    assert code == 0 and text == schema_text()
    shipped = REPO / "toolkit" / "schema" / "matter.schema.json"
    assert shipped.read_text() == text, "regenerate: python -m toolkit schema > toolkit/schema/matter.schema.json"
    schema = json.loads(text)
    assert set(schema["properties"]) == set(tk.Case.field_names())
    assert schema["required"] == ["name", "defendant", "records_exposed", "data_types", "sector",
                                  "misconfiguration_type", "jurisdictions"]


def test_schema_accepts_the_shipped_matters_and_refuses_bad_ones():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "toolkit" / "schema" / "matter.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for path in MATTERS:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        assert list(validator.iter_errors(data)) == [], path.name
    good = yaml.safe_load(TEACHING.read_text())
    for bad in ({**good, "sector": "hospital"}, {**good, "jurisdictions": ["ZZ"]}, {**good, "severity": 1},
                {k: v for k, v in good.items() if k != "name"}, {**good, "controls": {"mfa": "maybe"}}):
        assert list(validator.iter_errors(json.loads(json.dumps(bad, default=str)))), bad


def test_data_list_fits_a_100_column_terminal(capsys):
    """Before: one pandas table 460 columns wide."""
    code, out, _ = run(capsys, "data", "list")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 100
    for name in ("outcomes", "controls", "jurisdictions", "fx_rates", "cpi_u", "vcdb", "hhs_ocr", "gdpr_tracker", "prc"):
        assert f"\n{name}: " in "\n" + out


def test_readme_vocabulary_is_generated_from_vocab():
    from toolkit._matter_spec import vocabulary_markdown

    text = (REPO / "README.md").read_text()
    block = text.split("<!-- vocabulary:start -->\n", 1)[1].split("<!-- vocabulary:end -->", 1)[0]
    assert block == vocabulary_markdown(), "regenerate the README block from toolkit._matter_spec.vocabulary_markdown()"


# --------------------------------------------------------------------------- data tables
def _copy_data(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    return folder


def _truncate(folder: Path, table: str, cut: str) -> int:
    """Cut ``table`` in ``folder`` after its 4th line; return the line the reader must name."""
    lines = (folder / table).read_text(encoding="utf-8").splitlines(keepends=True)
    if cut == "row":
        kept = "".join(lines[:4]) + lines[4].split(",")[0] + ",cut"     # the last row cut short
    else:
        kept = "".join(lines[:4]) + lines[4].split(",", 1)[0] + ',"unterminated'
    (folder / table).write_text(kept, encoding="utf-8")
    return 5


@pytest.mark.parametrize("table", ["outcomes.csv", "jurisdictions.csv", "controls.csv", "fx_rates.csv", "cpi_u.csv"])
@pytest.mark.parametrize("cut", ["row", "quote"])
def test_truncated_table_names_the_file_and_line_in_data_check(tmp_path, capsys, table, cut):
    """Before: `data check` crashed as "internal error (ParserError)"."""
    folder = _copy_data(tmp_path)
    line = _truncate(folder, table, cut)
    code, out, err = run(capsys, "data", "check", "--data-dir", folder)
    assert code == 1 and "internal error" not in out + err
    assert any(table in ln and f"line {line}" in ln for ln in out.splitlines()), out


@pytest.mark.parametrize("table", ["outcomes.csv", "jurisdictions.csv", "controls.csv"])
def test_truncated_table_is_a_clear_error_in_assess(tmp_path, monkeypatch, capsys, table):
    """Before: `assess` crashed as "internal error (ParserError)"."""
    from toolkit.liability._tables import clear_cache

    folder = _copy_data(tmp_path)
    line = _truncate(folder, table, "quote")
    monkeypatch.setenv("BREACH_TOOLKIT_DATA", str(folder))
    clear_cache()
    try:
        with pytest.raises(tk.InputError) as exc:
            tk.assess(tk.Case.from_yaml(TEACHING), seed=0, n_paths=2_000)
        assert table in str(exc.value) and f"line {line}" in str(exc.value)
        if table == "jurisdictions.csv":  # and on the command line: exit 2, one line
            code, out, err = run(capsys, "assess", TEACHING, "--out", tmp_path / "pack", "--paths", 2000,
                                 "--formats", "png")
            assert code == 2 and "internal error" not in err and table in err and f"line {line}" in err
            assert err.strip().splitlines()[-1].startswith("error: ") and not (tmp_path / "pack").exists()
    finally:
        clear_cache()


# --------------------------------------------------------------------------- assess --out
def _fake_pack(monkeypatch, calls=None):
    """Stand-in for the files of a pack: a small pack with a manifest (the output-folder logic of
    write_pack, toolkit._outdir.write_into, is what is tested)."""
    import toolkit.exhibits.pack

    def fake(case, out, **kwargs):
        if calls is not None:
            calls.append(out)
        Path(out).mkdir()
        body = f"pack {len(calls or [])}".encode()
        (Path(out) / "exhibit-01-summary.png").write_bytes(body)
        (Path(out) / "MANIFEST.sha256").write_text(f"{hashlib.sha256(body).hexdigest()}  exhibit-01-summary.png\n")
        return [Path(out) / "MANIFEST.sha256", Path(out) / "exhibit-01-summary.png"]

    monkeypatch.setattr(toolkit.exhibits.pack, "_write_files", fake)


def _assess(*extra, cwd=None):
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "toolkit", "assess", str(TEACHING), *map(str, extra)],
                          capture_output=True, text=True, cwd=cwd or REPO, timeout=300)
    return proc, time.perf_counter() - start


def test_out_under_a_regular_file_fails_before_any_work(tmp_path):
    """Before: the whole assessment ran (seconds) before the output path was looked at."""
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    proc, seconds = _assess("--out", blocker / "pack")
    assert proc.returncode == 2 and seconds < 1.0 + 1.5  # 1 s, plus the interpreter's start-up on a loaded machine
    assert proc.stderr.count("\n") == 1 and "--out" in proc.stderr and "under the file" in proc.stderr
    proc, _ = _assess("--out", blocker)
    assert proc.returncode == 2 and "is a file" in proc.stderr


def test_out_check_itself_takes_well_under_a_second(tmp_path, capsys):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    start = time.perf_counter()
    code, _, err = run(capsys, "assess", TEACHING, "--out", blocker / "pack")
    assert code == 2 and time.perf_counter() - start < 1.0 and "--out" in err


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write into a read-only folder")
def test_out_in_a_read_only_folder_fails_at_once(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        start = time.perf_counter()
        code, _, err = run(capsys, "assess", TEACHING, "--out", folder / "pack")
        assert code == 2 and time.perf_counter() - start < 1.0 and "write" in err
    finally:
        folder.chmod(0o755)


def test_out_check_refuses_a_folder_it_cannot_create_files_in(tmp_path, monkeypatch):
    """The write check creates (and removes) a probe folder; a refusal there is exit 2, not a crash."""
    from toolkit import _outdir

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_outdir.tempfile, "mkdtemp", refuse)
    with pytest.raises(tk.InputError, match="you can write to"):
        _outdir.check_out(tmp_path / "pack", False)


def test_force_replaces_only_an_earlier_pack(tmp_path, monkeypatch, capsys):
    """Before: --force deleted a foreign thesis.docx."""
    _fake_pack(monkeypatch, calls := [])
    out = tmp_path / "work"
    out.mkdir()
    (out / "thesis.docx").write_text("two years of work")
    code, _, err = run(capsys, "assess", TEACHING, "--out", out, "--force")
    assert code == 2 and "not an exhibit pack" in err and (out / "thesis.docx").exists() and calls == []
    pack = tmp_path / "pack"
    assert run(capsys, "assess", TEACHING, "--out", pack)[0] == 0
    assert run(capsys, "assess", TEACHING, "--out", pack)[0] == 2            # non-empty without --force
    assert run(capsys, "assess", TEACHING, "--out", pack, "--force")[0] == 0
    assert (pack / "exhibit-01-summary.png").read_text() == "pack 2"
    (pack / "thesis.docx").write_text("dropped into the pack folder")
    code, _, err = run(capsys, "assess", TEACHING, "--out", pack, "--force")
    assert code == 2 and "thesis.docx" in err and (pack / "thesis.docx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack", "work"]  # no work folders left


def test_symlinked_out_is_written_through_not_replaced(tmp_path, monkeypatch, capsys):
    """Before: --force moved the link aside and put a folder in its place."""
    _fake_pack(monkeypatch, calls := [])
    target = tmp_path / "big-disk" / "pack"
    target.parent.mkdir()
    link = tmp_path / "pack"
    link.symlink_to(target, target_is_directory=True)
    assert run(capsys, "assess", TEACHING, "--out", link)[0] == 0
    assert link.is_symlink() and (target / "MANIFEST.sha256").is_file()
    assert run(capsys, "assess", TEACHING, "--out", link, "--force")[0] == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert (target / "exhibit-01-summary.png").read_text() == "pack 2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big-disk", "pack"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["pack"]


def test_leftovers_of_a_killed_run_are_cleaned_on_the_next_run(tmp_path, monkeypatch, capsys):
    """Before: a killed run left .partial-* and .old-* folders behind for ever."""
    _fake_pack(monkeypatch, [])
    out = tmp_path / "pack"
    (tmp_path / ".pack.partial-abc123").mkdir()
    (tmp_path / ".pack.partial-abc123" / "half.png").write_text("half")
    (tmp_path / ".pack.old-def456").mkdir()
    (tmp_path / ".other.partial-x").mkdir()                 # another folder's: left alone
    assert run(capsys, "assess", TEACHING, "--out", out)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.partial-x", "pack"]


def test_a_run_killed_between_the_renames_gets_its_pack_back(tmp_path, monkeypatch, capsys):
    """No crash window leaves no pack: an earlier pack moved aside is put back by the next run."""
    from toolkit import _outdir

    _fake_pack(monkeypatch, calls := [])
    out = tmp_path / "pack"
    assert run(capsys, "assess", TEACHING, "--out", out)[0] == 0
    os.rename(out, tmp_path / ".pack.old-zzz")              # as if killed after moving the old pack aside
    _outdir.clean_stale(out)
    assert _outdir.is_pack(out) and not (tmp_path / ".pack.old-zzz").exists()


def test_replacing_a_pack_never_leaves_the_folder_without_one(tmp_path, monkeypatch, capsys):
    """Every moment of the swap, --out is a complete pack (atomic exchange where the system has it)."""
    from toolkit import _outdir

    _fake_pack(monkeypatch, calls := [])
    out = tmp_path / "pack"
    assert run(capsys, "assess", TEACHING, "--out", out)[0] == 0
    exchanged, seen = [], []
    real_exchange, real_rename = _outdir._exchange, os.rename

    def watching_exchange(a, b):
        exchanged.append(real_exchange(a, b))
        seen.append(_outdir.is_pack(out))
        return exchanged[-1]

    def watching_rename(a, b):
        real_rename(a, b)
        seen.append(_outdir.is_pack(out))

    monkeypatch.setattr(_outdir, "_exchange", watching_exchange)
    monkeypatch.setattr(_outdir.os, "rename", watching_rename)
    assert run(capsys, "assess", TEACHING, "--out", out, "--force")[0] == 0
    assert _outdir.is_pack(out) and (out / "exhibit-01-summary.png").read_text() == "pack 2"
    if sys.platform.startswith("linux"):
        assert exchanged == [True] and all(seen), (exchanged, seen)  # one atomic swap: never without a pack
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


def test_a_failed_write_leaves_the_earlier_pack_and_no_work_folder(tmp_path, monkeypatch, capsys):
    import toolkit.exhibits.pack

    _fake_pack(monkeypatch, [])
    out = tmp_path / "pack"
    assert run(capsys, "assess", TEACHING, "--out", out)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(case, folder, **kwargs):
        Path(folder).mkdir()
        (Path(folder) / "half.png").write_text("half")
        raise tk.InputError("formats", "tiff", "pdf, png, svg")

    monkeypatch.setattr(toolkit.exhibits.pack, "_write_files", broken)
    assert run(capsys, "assess", TEACHING, "--out", out, "--force")[0] == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]
