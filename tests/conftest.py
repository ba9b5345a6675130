"""Shared fixtures: repository paths, the staged public datasets, headless matplotlib."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
MATTERS = REPO / "data" / "matters"


#: Set by the session that made the fitted-model cache folder (its xdist workers and subprocesses inherit both).
_CACHE_OWNER = "BREACH_TOOLKIT_TEST_CACHE_SESSION"


def pytest_configure(config):
    import os
    import tempfile

    import matplotlib

    matplotlib.use("Agg")  # tests only: never export MPLBACKEND to notebook kernels
    # the fitted-model cache (toolkit._cache) in a folder of this session, never the user's:
    # made once by the controlling process; xdist workers, notebook kernels and subprocesses inherit it
    # (a user's BREACH_TOOLKIT_CACHE=off is kept: a fully cold run)
    if not os.environ.get(_CACHE_OWNER) and os.environ.get("BREACH_TOOLKIT_CACHE", "").strip().lower() != "off":
        folder = tempfile.mkdtemp(prefix="breach-toolkit-test-cache-")
        os.environ["BREACH_TOOLKIT_CACHE"] = folder
        os.environ[_CACHE_OWNER] = str(os.getpid())
        config._breach_cache_folder = folder


def pytest_unconfigure(config):
    import os
    import shutil

    folder = getattr(config, "_breach_cache_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("BREACH_TOOLKIT_CACHE", None)
        os.environ.pop(_CACHE_OWNER, None)


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def shared_data() -> Path:
    """The staged third-party datasets (../shared/data); skip when this checkout has none."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"staged public datasets not present at {SHARED_DATA} (they live outside the project)")
    return SHARED_DATA


@pytest.fixture
def matter_paths() -> list[Path]:
    return sorted(MATTERS.glob("*.yaml"))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture
def minimal_case_dict() -> dict:
    return {
        "name": "Open bucket",
        "defendant": "Example Inc.",
        "records_exposed": 250_000,
        "data_types": ["health", "contact"],
        "sector": "healthcare",
        "misconfiguration_type": "public_bucket",
        "jurisdictions": ["US", "US-CA"],
    }


# --------------------------------------------------------------------------- fitted once per test session
@pytest.fixture(scope="session")
def fitted_market_check():
    """The market check's OutcomeRegressor fitted on the curated outcomes, once per session.

    The same object :func:`toolkit.assess` uses (its per-process cache), so tests that assess
    matters do not fit it again.
    """
    from toolkit import assess as assess_module

    getter = getattr(assess_module, "market_check_model", None)
    model = getter() if getter is not None else None
    if model is None:
        from toolkit.damages import OutcomeRegressor
        from toolkit.datasets import load_outcomes

        model = OutcomeRegressor(coverage=0.8, random_state=0).fit(load_outcomes())
    return model


@pytest.fixture(scope="session")
def exhibit_pack(tmp_path_factory):
    """One exhibit pack (every exhibit in PDF, PNG and SVG, the appendix, JSON and manifest), written
    once per session for the Capital One matter (seed 11, 20,000 paths), the damages validation left
    out for speed. Returns ``(folder, files)``; tests read it and never write into it.
    """
    import toolkit as tk
    import toolkit.exhibits.appendix as appendix
    from toolkit.exhibits import write_pack

    original = appendix.validation_report
    appendix.validation_report = lambda: (None, "skipped in the exhibit tests")
    try:
        out = tmp_path_factory.mktemp("session-pack") / "pack"
        files = write_pack(tk.Case.from_yaml(MATTERS / "capital_one_2019.yaml"), out, seed=11, n_paths=20_000,
                           formats=("pdf", "png", "svg"))
    finally:
        appendix.validation_report = original
    return out, files
