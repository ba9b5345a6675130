"""The exhibit pack: identical files for the same seed, refusal without force, atomic writes."""
from __future__ import annotations

import hashlib
import json
import os

import pytest

from toolkit import InputError
from toolkit.exhibits import EXHIBITS, write_pack
from toolkit.exhibits.figure import Exhibit

from .conftest import N_PATHS, SEED, leftovers, snapshot  # tests/exhibits/conftest.py

FORMATS = ("pdf", "png", "svg")


@pytest.fixture(scope="module")
def pack(case, exhibit_pack):
    """The session's pack (tests/conftest.py): written from scratch once, validation left out for speed."""
    from .conftest import MATTER

    assert exhibit_pack[0].is_dir() and MATTER.name == "capital_one_2019.yaml" and (SEED, N_PATHS) == (11, 20_000)
    return exhibit_pack


def test_pack_holds_every_exhibit_appendix_json_and_manifest(pack):
    out, files = pack
    names = {p.name for p in files}
    assert names == {p.name for p in out.iterdir()}
    for i, (key, _) in enumerate(EXHIBITS):
        for fmt in FORMATS:
            assert f"exhibit-{i + 1:02d}-{key}.{fmt}" in names
    for key in ("liability-waterfall", "hand-formula", "damages-breakdown", "fault-allocation",
                "settlement-range", "comparables", "tornado"):
        assert any(key in n for n in names), key
    assert {"methodology.md", "methodology.html", "assessment.json", "index.json", "MANIFEST.sha256"} <= names


def test_two_runs_with_the_same_seed_give_identical_files(case, pack, tmp_path, no_validation):
    out, _ = pack
    again = tmp_path / "second"
    write_pack(case, again, seed=SEED, n_paths=N_PATHS, formats=FORMATS)  # a fresh assess() run
    first, second = snapshot(out), snapshot(again)
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name][0] == second[name][0], f"{name} differs between two runs with seed {SEED}"


def test_a_different_seed_changes_the_numbers(case, result, pack, tmp_path, no_validation):
    out, _ = pack
    other = tmp_path / "other-seed"
    write_pack(case, other, seed=SEED + 1, n_paths=N_PATHS, formats=("svg",))
    assert (other / "assessment.json").read_bytes() != (out / "assessment.json").read_bytes()


def test_manifest_and_index_hash_every_file(pack):
    out, _ = pack
    lines = (out / "MANIFEST.sha256").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == {p.name for p in out.iterdir()} - {"MANIFEST.sha256"}
    for name, digest in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    index = json.loads((out / "index.json").read_text())
    assert index["provenance"]["seed"] == SEED and index["provenance"]["n_paths"] == N_PATHS
    for entry in index["files"]:
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    assert {e["file"] for e in index["files"]} == set(listed) - {"index.json"}


def test_assessment_json_is_every_number_sorted(pack, result):
    out, _ = pack
    text = (out / "assessment.json").read_text(encoding="utf-8")
    assert text == json.dumps(result.to_dict(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    data = json.loads(text)
    assert data["seed"] == SEED and data["n_paths"] == N_PATHS
    assert data["settlement"]["low"] <= data["settlement"]["median"] <= data["settlement"]["high"]


def test_rerun_without_force_fails_and_changes_nothing(case, pack):
    out, _ = pack
    before = snapshot(out)
    with pytest.raises(InputError) as info:
        write_pack(case, out, seed=SEED, n_paths=N_PATHS, formats=FORMATS)
    err = info.value
    assert err.field == "--out" and err.value == str(out)
    assert "--force" in err.allowed and "empty" in err.allowed
    assert snapshot(out) == before
    assert leftovers(out.parent) == []


def earlier_pack(out, files):
    """A folder that is an earlier exhibit pack: ``files`` (name -> text) and a manifest listing them."""
    out.mkdir()
    for name, text in files.items():
        (out / name).write_text(text)
    (out / "MANIFEST.sha256").write_text("".join(f"{hashlib.sha256(text.encode()).hexdigest()}  {name}\n"
                                                 for name, text in sorted(files.items())))


def test_force_replaces_the_whole_folder(case, result, tmp_path, no_validation):
    out = tmp_path / "pack"
    earlier_pack(out, {"stale.txt": "from an older run"})
    files = write_pack(case, out, seed=SEED, n_paths=N_PATHS, formats=("svg",), force=True, result=result)
    assert not (out / "stale.txt").exists()
    assert {p.name for p in out.iterdir()} == {p.name for p in files}
    assert leftovers(tmp_path) == []


def test_an_empty_folder_is_accepted(case, result, tmp_path, no_validation):
    out = tmp_path / "empty"
    out.mkdir()
    write_pack(case, out, seed=SEED, n_paths=N_PATHS, formats=("svg",), result=result)
    assert (out / "MANIFEST.sha256").is_file()


@pytest.mark.parametrize("existing", [True, False])
def test_a_failure_mid_write_leaves_the_folder_untouched(case, result, tmp_path, monkeypatch, no_validation,
                                                         existing):
    out = tmp_path / "pack"
    if existing:
        earlier_pack(out, {"exhibit-01-summary.svg": "the expert's previous pack"})
    before = snapshot(out) if existing else None
    real_save, calls = Exhibit.save, []

    def failing_save(self, folder, formats=FORMATS):
        calls.append(self.number)
        if len(calls) == 3:  # two exhibits are already on disk in the temporary folder
            raise OSError("disk full (simulated)")
        return real_save(self, folder, formats)

    monkeypatch.setattr(Exhibit, "save", failing_save)
    with pytest.raises(OSError, match="simulated"):   # one process, so that every call is counted here
        write_pack(case, out, seed=SEED, n_paths=N_PATHS, formats=("svg",), force=True, result=result, workers=1)
    assert len(calls) == 3
    if existing:
        assert snapshot(out) == before
    else:
        assert not out.exists()
    assert leftovers(tmp_path) == []


def test_a_failure_while_moving_into_place_restores_the_old_pack(case, result, tmp_path, monkeypatch, no_validation):
    from toolkit import _outdir

    out = tmp_path / "pack"
    earlier_pack(out, {"old.txt": "old pack"})
    before = snapshot(out)
    real_rename = os.rename

    def rename(src, dst):
        if ".partial-" in str(src):
            raise OSError("rename failed (simulated)")
        return real_rename(src, dst)

    # a system without an atomic exchange: the earlier pack is moved aside, then the new one fails to arrive
    monkeypatch.setattr(_outdir, "_exchange", lambda a, b: False)
    monkeypatch.setattr(_outdir.os, "rename", rename)
    with pytest.raises(OSError, match="simulated"):
        write_pack(case, out, seed=SEED, n_paths=N_PATHS, formats=("svg",), force=True, result=result)
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_bad_destinations_and_formats_are_refused_before_any_work(case, tmp_path, monkeypatch):
    import importlib

    assess_module = importlib.import_module("toolkit.assess")
    monkeypatch.setattr(assess_module, "assess", lambda *a, **k: pytest.fail("assess must not run"))
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    with pytest.raises(InputError, match="is a file"):
        write_pack(case, a_file)
    with pytest.raises(InputError, match="formats"):
        write_pack(case, tmp_path / "new", formats=("gif",))
    assert not (tmp_path / "new").exists()
    with pytest.raises(InputError, match="case"):
        write_pack({"name": "x"}, tmp_path / "new")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.txt").write_text("the user's own file")
    with pytest.raises(InputError, match="not an exhibit pack"):   # --force replaces only an earlier pack
        write_pack(case, tmp_path, force=True)
    assert (tmp_path / "keep.txt").read_text() == "the user's own file"


def test_result_must_match_the_request(case, result, tmp_path):
    with pytest.raises(InputError, match="result"):
        write_pack(case, tmp_path / "x", seed=SEED + 1, n_paths=N_PATHS, result=result)


def test_progress_bar_goes_to_stderr(case, result, tmp_path, capsys, no_validation):
    write_pack(case, tmp_path / "p", seed=SEED, n_paths=N_PATHS, formats=("svg",), result=result, progress=True)
    assert "exhibit pack" in capsys.readouterr().err


def test_pdf_fonts_of_the_pack_are_embedded(pack):
    import shutil
    import subprocess

    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (Debian package poppler-utils) is not installed")
    out, _ = pack
    for pdf in sorted(out.glob("*.pdf")):
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                              check=True).stdout.strip().splitlines()[2:]
        assert rows, pdf.name
        for row in rows:
            assert "CID TrueType" in row and row.split()[-5] == "yes", (pdf.name, row)


def test_exhibit_numbering_can_start_later(case, result, tmp_path, no_validation):
    files = write_pack(case, tmp_path / "p", seed=SEED, n_paths=N_PATHS, formats=("svg",), result=result,
                       first_number=4)
    names = sorted(p.name for p in files if p.name.startswith("exhibit-"))
    last = 4 + len(EXHIBITS) - 1
    assert names[0].startswith("exhibit-04-summary") and names[-1].startswith(f"exhibit-{last:02d}-tornado")
    assert "EXHIBIT 4" in (tmp_path / "p" / names[0]).read_text()


def test_the_summary_exhibit_selects_rows_by_kind_not_by_section_name(result, monkeypatch):
    """Notes and headline rows are left out of the table by their ``kind``, whatever their section is called."""
    from toolkit.exhibits.pack import _summary
    from toolkit.exhibits.style import house_style
    from toolkit.summary import Summary

    real = result.summary()
    note = "a caveat that must not be drawn as a table row"
    rows = [dict(r._asdict()) for r in real[real["kind"] != "note"].itertuples(index=False)]
    rows = [{**r, "section": "Zq renamed section"} if r["kind"] == "headline" else r for r in rows]   # renamed sections
    doctored = Summary.build(rows + [{"section": "Zq renamed section", "item": "1", "value": note, "kind": "note"}])
    monkeypatch.setattr(type(result), "summary", lambda self: doctored)
    with house_style():
        ex = _summary(result, 1, "stamp")
    texts = " ".join(t.get_text() for t in ex.ax.texts)
    assert "caveat that must not" not in texts
    assert "Zq renamed" not in texts                   # the headline rows come from outcome_ranges, once
    assert "Monte Carlo s.e. of the median" in texts or "probability it happens" in texts
    ex.figure.clear()


def test_a_pack_rendered_by_two_processes_is_the_same_bytes_as_by_one(case, result, tmp_path, no_validation):
    """The forked worker (even exhibits) and this process (odd ones) write what one process writes."""
    one, two = tmp_path / "one", tmp_path / "two"
    write_pack(case, one, seed=SEED, n_paths=N_PATHS, formats=("pdf", "png"), result=result, workers=1)
    write_pack(case, two, seed=SEED, n_paths=N_PATHS, formats=("pdf", "png"), result=result, workers=2)
    assert (one / "MANIFEST.sha256").read_bytes() == (two / "MANIFEST.sha256").read_bytes()
    assert snapshot(one).keys() == snapshot(two).keys()


def test_a_failure_in_the_forked_worker_leaves_no_pack(case, result, tmp_path, monkeypatch, no_validation):
    from toolkit.exhibits import pack as pack_module

    def failing(*args, **kwargs):
        raise OSError("disk full in the worker (simulated)")

    key, _ = pack_module.EXHIBITS[0]   # position 0: rendered by the forked worker
    monkeypatch.setattr(pack_module, "EXHIBITS", [(key, failing)] + pack_module.EXHIBITS[1:])
    out = tmp_path / "pack"
    with pytest.raises(OSError, match="in the worker"):
        write_pack(case, out, seed=SEED, n_paths=N_PATHS, formats=("svg",), result=result, workers=2)
    assert not out.exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("workers", [0, -1, 1.5, True, "2"])
def test_bad_workers_are_refused(case, result, tmp_path, workers):
    with pytest.raises(InputError, match="workers"):
        write_pack(case, tmp_path / "p", seed=SEED, n_paths=N_PATHS, result=result, workers=workers)
    assert not (tmp_path / "p").exists()
