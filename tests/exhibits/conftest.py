"""Fixtures of the exhibit tests: one assessment per module (n_paths 20,000) and a fast appendix.

The damages validation (grouped cross-validation, several seconds) is replaced by a clearly
marked "unavailable" in pack tests; the appendix tests feed it a real ValidationReport.
"""
from __future__ import annotations

from pathlib import Path

import pytest

MATTER = Path(__file__).resolve().parents[2] / "data" / "matters" / "capital_one_2019.yaml"
N_PATHS = 20_000
SEED = 11


@pytest.fixture
def no_validation(monkeypatch):
    import toolkit.exhibits.appendix as appendix

    monkeypatch.setattr(appendix, "validation_report", lambda: (None, "skipped in the exhibit tests"))


@pytest.fixture(scope="module")
def case():
    import toolkit as tk

    return tk.Case.from_yaml(MATTER)


@pytest.fixture(scope="module")
def result(case):
    import toolkit as tk

    return tk.assess(case, seed=SEED, n_paths=N_PATHS)


def snapshot(folder: Path) -> dict:
    """Every file under ``folder`` (relative name -> bytes, mtime_ns): proves a folder was not touched."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    """Temporary pack folders left next to the destination (must be none)."""
    return sorted(p.name for p in parent.iterdir() if ".partial-" in p.name or ".old-" in p.name)
