"""The on-disk cache of the fitted models: where it lives, what it keys on, and that it never changes a number."""
from __future__ import annotations

import pickle
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

import toolkit as tk
from toolkit import _cache as cache
from toolkit.calibration import fitted

REPO = Path(__file__).resolve().parents[2]
CAPITAL_ONE = REPO / "data" / "matters" / "capital_one_2019.yaml"
N = 20_000


_forget = fitted.forget


@pytest.fixture
def fresh(monkeypatch):
    """Each test starts with nothing fitted in the process, and leaves nothing of its own behind."""
    _forget()
    yield monkeypatch
    _forget()


def _numbers(case):
    r = tk.assess(case, seed=3, n_paths=N)
    return r.outcome_ranges, r.authorities, r.comparables, r.market_check, r.market_check_regulatory


def _assert_same(a, b):
    for x, y in zip(a, b):
        if isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y, check_exact=True)
        else:
            pd.testing.assert_series_equal(x, y, check_exact=True)


def test_folder_is_named_by_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "fits"))
    assert cache.cache_dir() == tmp_path / "fits"
    for off in ("off", "OFF", " off "):
        monkeypatch.setenv(cache.ENV, off)
        assert cache.cache_dir() is None
    monkeypatch.delenv(cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "breach-liability-toolkit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "breach-liability-toolkit"


def test_no_home_folder_means_no_cache(monkeypatch):
    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(cache.ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache.cache_dir() is None
    cache.store("probe", ("a",), 1)              # skipped, no error
    assert cache.load("probe", ("a",), int) is cache.MISSING


def test_the_test_session_never_uses_the_users_folder():
    folder = cache.cache_dir()
    assert folder is not None and "breach-toolkit-test-cache-" in str(folder)
    assert not str(folder).startswith(str(Path.home() / ".cache"))


def test_numbers_are_identical_without_the_cache_cold_and_warm(fresh, tmp_path):
    case = tk.Case.from_yaml(CAPITAL_ONE)
    fresh.setenv(cache.ENV, "off")
    without = _numbers(case)
    assert not any(tmp_path.iterdir())
    fresh.setenv(cache.ENV, str(tmp_path / "fits"))
    _forget()
    cold = _numbers(case)                       # fits, then writes the entries
    kinds = sorted(p.name.split("-")[0] for p in (tmp_path / "fits").glob("*.pickle"))
    assert set(kinds) == {"training_rows", "headline", "market_check", "outcome_facts"}
    _forget()
    warm = _numbers(case)                       # reads them back
    _assert_same(without, cold)
    _assert_same(without, warm)


def test_corrupt_and_foreign_entries_are_refitted(fresh, tmp_path):
    case = tk.Case.from_yaml(CAPITAL_ONE)
    folder = tmp_path / "fits"
    fresh.setenv(cache.ENV, str(folder))
    expected = _numbers(case)
    entries = sorted(folder.glob("*.pickle"))
    assert entries
    damaged = {entries[0]: b"", entries[1]: b"not a pickle at all"}
    damaged.update({e: pickle.dumps({"format": 1, "kind": "x", "key": "y", "value": 3}) for e in entries[2:]})
    for path, content in damaged.items():
        path.write_bytes(content)
    _forget()
    _assert_same(expected, _numbers(case))     # no traceback, the same numbers
    for path in entries:                        # and every entry was written again, readable
        kind = path.name.split("-")[0]
        entry = pickle.loads(path.read_bytes())
        assert entry["kind"] == kind


def test_a_truncated_entry_is_ignored(fresh, tmp_path):
    fresh.setenv(cache.ENV, str(tmp_path))
    cache.store("probe", ("a",), list(range(1000)))
    path = next(tmp_path.glob("probe-*.pickle"))
    path.write_bytes(path.read_bytes()[:100])
    assert cache.load("probe", ("a",), list) is cache.MISSING


def test_an_entry_of_another_type_is_ignored(fresh, tmp_path):
    fresh.setenv(cache.ENV, str(tmp_path))
    cache.store("probe", ("a",), {"not": "a list"})
    assert cache.load("probe", ("a",), list) is cache.MISSING
    assert cache.load("probe", ("a",), dict) == {"not": "a list"}
    assert cache.load("probe", ("b",), dict) is cache.MISSING   # other parts, another key


def test_an_unwritable_folder_is_skipped(fresh, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache's parent folder should be")
    fresh.setenv(cache.ENV, str(blocker / "fits"))
    cache.store("probe", ("a",), [1, 2])        # no error
    assert cache.load("probe", ("a",), list) is cache.MISSING
    case = tk.Case.from_yaml(CAPITAL_ONE)
    fresh.setenv(cache.ENV, "off")
    expected = _numbers(case)
    fresh.setenv(cache.ENV, str(blocker / "fits"))
    _forget()
    _assert_same(expected, _numbers(case))
    assert list(tmp_path.iterdir()) == [blocker]  # and no temporary file is left anywhere


def test_the_key_covers_every_source_file_by_content(tmp_path):
    package = REPO / "toolkit"
    copy = tmp_path / "toolkit"
    shutil.copytree(package, copy, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.package_digest(copy)
    assert before == cache.package_digest(package)
    target = copy / "calibration" / "structural.py"
    target.write_text(target.read_text() + "\n# an edit\n")
    assert cache.package_digest(copy) != before
    (copy / "calibration" / "structural.py").write_text((package / "calibration" / "structural.py").read_text())
    assert cache.package_digest(copy) == before
    (copy / "new_module.py").write_text("")
    assert cache.package_digest(copy) != before
    assert cache.entry_key("k", ("a",)) != cache.entry_key("k", ("b",)) != cache.entry_key("j", ("b",))


def test_the_folder_keeps_its_most_recent_entries(fresh, tmp_path, monkeypatch):
    fresh.setenv(cache.ENV, str(tmp_path))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for i in range(6):
        cache.store("probe", (i,), i)
    assert len(list(tmp_path.glob("*.pickle"))) == 3
    assert cache.load("probe", (5,), int) == 5


def _write_and_read(args):
    folder, rounds = args
    import os

    os.environ[cache.ENV] = folder
    seen = []
    for _ in range(rounds):
        cache.store("probe", ("shared",), list(range(20_000)))
        value = cache.load("probe", ("shared",), list)
        seen.append(value is cache.MISSING or value == list(range(20_000)))
    return all(seen)


def test_workers_writing_the_same_entry_never_tear_it(tmp_path, monkeypatch):
    with ProcessPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(_write_and_read, [(str(tmp_path), 30)] * 3))
    assert all(results)
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    assert cache.load("probe", ("shared",), list) == list(range(20_000))
    assert not list(tmp_path.glob(".*.tmp"))


def test_predictors_hold_no_scikit_learn_object():
    """What the disk cache stores pickles without a reference to scikit-learn (so reading it imports none)."""
    case = tk.Case.from_yaml(CAPITAL_ONE)
    excluded = fitted.own_incidents(case)
    for predictor in (fitted.headline_predictor(excluded), fitted.market_check_predictor(excluded)):
        assert b"sklearn" not in pickle.dumps(predictor)
    # and they are the estimators' own prediction state: one implementation, delegated to
    assert fitted.headline_model(excluded).predictor_.predict_log(case, "class_settlement") == \
        fitted.headline_predictor(excluded).predict_log(case, "class_settlement")


def test_the_outcomes_table_is_loaded_once_cold_and_never_warm(fresh, tmp_path):
    import toolkit.datasets

    calls = []
    original = toolkit.datasets.load_outcomes

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    fresh.setattr(toolkit.datasets, "load_outcomes", counting)
    fresh.setenv(cache.ENV, str(tmp_path))
    case = tk.Case.from_yaml(CAPITAL_ONE)
    tk.assess(case, seed=1, n_paths=N)
    assert len(calls) == 1                       # cold: one load for the fits, the names and the lags
    _forget()
    tk.assess(case, seed=1, n_paths=N)
    assert len(calls) == 1                       # warm: none


def test_a_warm_assessment_imports_neither_scikit_learn_nor_scipy_stats_nor_pandera(tmp_path):
    """Warm, the fits and the validated tables are read from the cache: none of the three slow imports."""
    import os
    import subprocess
    import sys

    env = {**os.environ, cache.ENV: str(tmp_path)}
    script = ("import sys, toolkit as tk\n"
              f"tk.assess(tk.Case.from_yaml({str(CAPITAL_ONE)!r}), seed=7, n_paths=20_000)\n"
              "print(sorted(m for m in ('sklearn', 'scipy.stats', 'pandera') if m in sys.modules))\n")
    runs = [subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
                           check=True).stdout.strip() for _ in range(2)]
    assert runs[0] == "['pandera', 'scipy.stats', 'sklearn']"   # cold: fits, validates the tables
    assert runs[1] == "[]"                                       # warm: reads both, imports none
    # what the exhibit pack reads besides (the shipped error-rate tables) needs no scikit-learn either
    tables = ("import sys\nfrom toolkit.calibration.backtest import load_error_rates\n"
              "from toolkit.damages import load_validation\nload_error_rates()\n"
              "print(sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules))\n")
    assert subprocess.run([sys.executable, "-c", tables], cwd=REPO, env=env, capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"


def test_a_table_edited_while_a_process_runs_is_refitted_in_memory_and_on_disk(fresh, tmp_path):
    """Regression: the in-process memos were keyed by the outcomes alone while the disk entries also
    named the other tables, so a process that had built the training rows kept using them after
    another table changed, and stored what it fitted on them under the new tables' key."""
    from toolkit.calibration.headline import HeadlineModel

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    fresh.setenv("BREACH_TOOLKIT_DATA", str(data))
    fresh.setenv(cache.ENV, str(tmp_path / "cache"))
    built = []
    real = HeadlineModel.training_rows
    fresh.setattr(HeadlineModel, "training_rows", staticmethod(lambda outcomes: built.append(1) or real(outcomes)))
    key = fitted._data_sha()
    fitted.training_rows()
    fitted.training_rows()
    assert len(built) == 1                                     # memoised while nothing changes
    fx = data / "fx_rates.csv"
    lines = fx.read_text(encoding="utf-8").splitlines()
    fx.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")   # one rate fewer: another fx table
    assert fitted._data_sha() != key
    fitted.training_rows()
    assert len(built) == 2                                     # rebuilt in this process for the new tables
    _forget()
    fitted.training_rows()
    assert len(built) == 2                                     # and what the disk holds is under that key


def test_training_rows_are_the_callers_own(fresh):
    rows = fitted.training_rows()
    rows["y"] = rows["y"] * 100                                 # a caller's own change
    assert not fitted.training_rows()["y"].equals(rows["y"])    # reaches neither the memo nor the fits
