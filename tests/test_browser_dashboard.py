"""The no-code dashboard in a real browser: Voila serves notebooks/05_dashboard.ipynb on 127.0.0.1,
Playwright drives Debian's Chromium headless, moves the causation slider, flips a governance
toggle, and checks that the displayed probability and the figure both change.

Needs /usr/bin/chromium (``apt-get install -y chromium``; .ci/run installs it) and the python
packages voila and playwright. Never downloads a browser (no ``playwright install``).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "05_dashboard.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]
TIMEOUT_MS = 45_000


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent: install Debian's Chromium (apt-get install -y chromium) to run the browser test"
    for module in ("voila", "playwright"):
        try:
            __import__(module)
        except ImportError:
            return f"python package {module!r} is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 40.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited early with code {proc.returncode}")
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"voila did not listen on 127.0.0.1:{port} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    home = tmp_path_factory.mktemp("voila-home")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # kernels must pick the inline backend
    # The kernel runs in notebooks/: make it import this checkout's toolkit, the one the test's own
    # expectations come from, whatever toolkit the environment has installed.
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"),
               MPLCONFIGDIR=str(home / "mpl"), PYTHONUNBUFFERED="1")
    port = _free_port()
    log = open(home / "voila.log", "wb")
    cmd = [sys.executable, "-m", "voila", str(NOTEBOOK), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           f"--Voila.root_dir={NOTEBOOK.parent}"]
    proc = subprocess.Popen(cmd, cwd=str(NOTEBOOK.parent), env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        _wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        log.close()


@pytest.fixture(scope="module")
def browser():
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _figure_src(page, panel: str) -> str:
    return page.locator(f".ce-figure-{panel}").first.get_attribute("src") or ""


def _wait_changed(page, selector: str, before: str, *, attribute: str | None = None):
    """Wait until the element's text (or attribute) differs from ``before``."""
    page.wait_for_function(
        """([sel, attr, before]) => {
               const el = document.querySelector(sel);
               if (!el) return false;
               const now = attr ? el.getAttribute(attr) : el.textContent;
               return now && now !== before;
           }""",
        arg=[selector, attribute, before], timeout=TIMEOUT_MS)


def _expected_probability(**state) -> str:
    """The probability text the dashboard must show for the teaching matter with ``state`` applied."""
    import toolkit as tk
    from toolkit.widgets.state import apply_state
    from toolkit.liability import liability_probability

    case = tk.Case.from_yaml(REPO / "data" / "matters" / "teaching_open_elasticsearch.yaml")
    new, _ = apply_state(case, state)
    from toolkit.damages import estimate_damages

    d = estimate_damages(new)  # the loss assess() uses in the Hand test
    return f"{liability_probability(new, float(d.total['median'] + d.class_damages['median'])):.1%}"


def test_dashboard_moves_with_causation_and_a_control(voila_url, browser, tmp_path):
    from playwright.sync_api import expect

    start, moved = _expected_probability(), _expected_probability(causation_strength=0.85)
    flipped = _expected_probability(causation_strength=0.85, config_scanning="yes")
    assert len({start, moved, flipped}) == 3

    page = browser.new_page(viewport={"width": 1400, "height": 1300})
    try:
        page.goto(voila_url, timeout=TIMEOUT_MS)
        probability = page.locator(".ce-probability")
        expect(probability).to_have_count(1, timeout=TIMEOUT_MS)
        expect(page.locator(".ce-figure-liability")).to_have_count(1, timeout=TIMEOUT_MS)
        page.wait_for_function("() => (document.querySelector('.ce-figure-liability')?.getAttribute('src') || '')"
                               ".startsWith('blob:') || (document.querySelector('.ce-figure-liability')"
                               "?.getAttribute('src') || '').startsWith('data:')", timeout=TIMEOUT_MS)
        expect(probability).to_have_text(start, timeout=TIMEOUT_MS)
        p0, fig0 = probability.text_content(), _figure_src(page, "liability")
        page.screenshot(path=str(tmp_path / "before.png"))

        # 1. the causation slider (0.60 in the matter): focus its handle, press the right arrow 25 times
        handle = page.locator(".ce-control-causation-strength .noUi-handle").first
        handle.focus()
        for _ in range(25):
            handle.press("ArrowRight")
        expect(page.locator(".ce-control-causation-strength .widget-readout")).to_have_text("0.85")
        expect(probability).to_have_text(moved, timeout=TIMEOUT_MS)  # exactly what the model says
        _wait_changed(page, ".ce-figure-liability", fig0, attribute="src")  # and the figure with it
        p1, fig1 = probability.text_content(), _figure_src(page, "liability")
        assert float(p1.rstrip("%")) > float(p0.rstrip("%"))  # stronger causation, likelier liability
        assert fig1 != fig0

        # 2. a governance toggle: config scanning was absent ("no"); the evidence now shows it in place
        page.locator(".ce-control-config-scanning button", has_text="yes").first.click()
        expect(probability).to_have_text(flipped, timeout=TIMEOUT_MS)
        _wait_changed(page, ".ce-figure-liability", fig1, attribute="src")
        p2, fig2 = probability.text_content(), _figure_src(page, "liability")
        assert float(p2.rstrip("%")) < float(p1.rstrip("%"))  # a control in place lowers it
        assert fig2 != fig1
        page.screenshot(path=str(tmp_path / "after.png"))
    finally:
        page.close()
