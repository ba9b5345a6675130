"""The no-code dashboard in a real browser, used as a person who does not code would use it.

Voila serves notebooks/05_dashboard.ipynb on 127.0.0.1 (its kernel imports this checkout), and
Playwright drives Debian's Chromium headless through the whole path: pick a shipped matter,
upload a bad and then a good matter file, move causation, flip a governance control, type an
out-of-range value, choose a governing law the model has no rules for, save the matter and
export the exhibits as one .zip download; and checks the layout at 1366x768 and 800 px wide.

Needs /usr/bin/chromium (``apt-get install -y chromium``; .ci/run installs it) and the python
packages voila and playwright. Never downloads a browser (no ``playwright install``).
"""
from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "05_dashboard.ipynb"
TEACHING = REPO / "data" / "matters" / "teaching_open_elasticsearch.yaml"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]
TIMEOUT_MS = 90_000
SHOTS = Path(os.environ.get("DASHBOARD_SCREENSHOTS", "")) if os.environ.get("DASHBOARD_SCREENSHOTS") else None


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


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
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


def voila_server(home: Path):
    """Start Voila on the dashboard (kernel importing this checkout); returns (url, process, log)."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # kernels must pick the inline backend
    # The kernel runs in notebooks/: make it import this checkout's toolkit, the one the test's own
    # expectations come from, whatever toolkit the environment has installed.
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"),
               MPLCONFIGDIR=str(home / "mpl"), PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join([str(REPO)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    port = _free_port()
    log = open(home / "voila.log", "wb")
    cmd = [sys.executable, "-m", "voila", str(NOTEBOOK), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           f"--Voila.root_dir={NOTEBOOK.parent}"]
    proc = subprocess.Popen(cmd, cwd=str(NOTEBOOK.parent), env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    _wait_for_port(port, proc)
    return f"http://127.0.0.1:{port}/", proc, log


def stop_server(proc, log) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    log.close()


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    url, proc, log = voila_server(tmp_path_factory.mktemp("voila-home"))
    try:
        yield url
    finally:
        stop_server(proc, log)


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


# --------------------------------------------------------------------------- helpers (also used by the benchmark)
def open_dashboard(browser, url, *, width=1366, height=768):
    """A new page on the dashboard, waited until the numbers and every chart are drawn."""
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.goto(url, timeout=TIMEOUT_MS)
    page.locator(".ce-probability").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function("() => ['img.ce-figure', 'img.ce-layer'].every(s => "
                           "[...document.querySelectorAll(s)].length === 4 && "
                           "[...document.querySelectorAll(s)].every(i => i.complete && i.naturalWidth > 0))",
                           timeout=TIMEOUT_MS)
    return page


def text_of(page, selector: str) -> str:
    return (page.locator(selector).first.text_content() or "").strip()


def wait_changed(page, selector: str, before: str, *, attribute: str | None = None):
    """Wait until the element's text (or attribute) differs from ``before``."""
    page.wait_for_function(
        """([sel, attr, before]) => {
               const el = document.querySelector(sel);
               if (!el) return false;
               const now = attr ? el.getAttribute(attr) : el.textContent.trim();
               return now && now !== before;
           }""",
        arg=[selector, attribute, before], timeout=TIMEOUT_MS)


def open_group(page, title: str):
    """Open the accordion section ``title`` (a group of controls) unless it is open already."""
    header = page.locator(".ce-groups .jupyter-widget-Collapse-header", has_text=title).first
    section = page.locator(".ce-groups .jupyter-widget-Collapse",
                           has=page.locator(".jupyter-widget-Collapse-header", has_text=title)).first
    if "jupyter-widget-Collapse-open" not in (section.get_attribute("class") or ""):
        header.click()
    page.wait_for_function("t => [...document.querySelectorAll('.ce-groups .jupyter-widget-Collapse-open "
                           ".jupyter-widget-Collapse-header')].some(h => h.textContent.includes(t))", arg=title,
                           timeout=TIMEOUT_MS)


def type_into(page, selector: str, text: str):
    """Type ``text`` into the input of ``selector`` and press Enter, as a user does."""
    box = page.locator(f"{selector} input").first
    box.fill(text)
    box.press("Enter")


def choose(page, control: str, label: str):
    """Pick the option whose text is ``label`` in the dropdown of ``control`` (a field name)."""
    page.locator(f".ce-control-{control.replace('_', '-')} select").first.select_option(label=label)


def upload(page, path: Path):
    """Click "Upload matter (YAML)" and choose ``path`` in the file chooser, as a user does."""
    with page.expect_file_chooser(timeout=TIMEOUT_MS) as chooser:
        page.locator(".ce-upload").first.click()
    chooser.value.set_files(str(path))


def _percent(text: str) -> float:
    return float(text.rstrip("%"))


def layout_problems(page) -> list:
    """Elements that overflow the viewport horizontally or are clipped inside their box."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth, out = [];
        if (document.documentElement.scrollWidth > width + 1)
            out.push('page scrolls horizontally: ' + document.documentElement.scrollWidth + ' > ' + width);
        for (const el of document.querySelectorAll('.ce-app, .ce-app *')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            if (r.right > width + 1 || r.left < -1)
                out.push('outside the viewport: ' + el.tagName + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
            const style = getComputedStyle(el);
            if (['DIV', 'TABLE', 'SPAN'].includes(el.tagName) && style.overflowX !== 'visible'
                    && el.scrollWidth > el.clientWidth + 1)
                out.push('clipped: ' + el.tagName + '.' + el.className + ' ' + el.scrollWidth + ' > ' + el.clientWidth);
        }
        for (const img of document.querySelectorAll('img.ce-figure')) {
            if (img.getBoundingClientRect().width > img.naturalWidth / 2 + 1)
                out.push('blurry: ' + img.className + ' shown wider than half its pixels');
        }
        return out.slice(0, 20);
    }""")


def _shot(page, name):
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))


def _expected_probability(case) -> str:
    from toolkit.assess import assess

    return f"{assess(case, n_paths=1_000, market_check=False).liability.probability:.1%}"


# --------------------------------------------------------------------------- the user's path
def test_layout_at_1366_and_800(voila_url, browser):
    page = open_dashboard(browser, voila_url, width=1366, height=768)
    try:
        assert layout_problems(page) == []
        # the key numbers and the settlement chart are on the first screen, without scrolling
        for selector in (".ce-probability", ".ce-settlement", ".ce-range-regulatory_fine", "img.ce-figure-settlement"):
            box = page.locator(selector).first.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 768, (selector, box)
        # crisp: every chart is a PNG drawn at twice the size it is shown (device-pixel ratio 2)
        sizes = page.evaluate("() => [...document.querySelectorAll('img.ce-figure')].map("
                              "i => [i.naturalWidth, i.getBoundingClientRect().width])")
        assert all(natural >= 2 * shown - 1 for natural, shown in sizes), sizes
        # each chart's data layer lies exactly over its axes: inside the background, at pixel ratio 2 too
        boxes = page.evaluate("() => [...document.querySelectorAll('.ce-stack')].map(s => {"
                              "const b = s.querySelector('img.ce-figure').getBoundingClientRect(), "
                              "l = s.querySelector('img.ce-layer').getBoundingClientRect(), "
                              "n = s.querySelector('img.ce-layer').naturalWidth; "
                              "return [b.left, b.top, b.right, b.bottom, l.left, l.top, l.right, l.bottom, n]; })")
        assert len(boxes) == 4
        for b_left, b_top, b_right, b_bottom, l_left, l_top, l_right, l_bottom, natural in boxes:
            assert b_left - 1 <= l_left < l_right <= b_right + 1 and b_top - 1 <= l_top < l_bottom <= b_bottom + 1
            assert abs(natural - 2 * (l_right - l_left)) <= 2
        _shot(page, "layout-1366x768")
        from toolkit.widgets.state import GROUPS

        for group in GROUPS:
            open_group(page, group)
            assert layout_problems(page) == [], group
            # opening a group of controls never pushes the numbers or the settlement chart down
            box = page.locator("img.ce-figure-settlement").first.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 768, (group, box)
            _shot(page, f"group-{group.split()[0].lower()}-1366")
        page.set_viewport_size({"width": 800, "height": 900})
        page.wait_for_timeout(300)
        for group in GROUPS:
            open_group(page, group)
            assert layout_problems(page) == [], group
            _shot(page, f"group-{group.split()[0].lower()}-800")
        _shot(page, "layout-800")
    finally:
        page.close()


def test_a_user_picks_uploads_moves_saves_and_exports(voila_url, browser, tmp_path):
    import yaml

    import toolkit as tk
    from toolkit.datasets import load_matter
    from toolkit.widgets.state import jurisdiction_label

    page = open_dashboard(browser, voila_url)
    try:
        teaching = tk.Case.from_yaml(TEACHING)
        assert text_of(page, ".ce-matter-name") == teaching.name
        assert text_of(page, ".ce-defendant") == teaching.defendant
        assert text_of(page, ".ce-probability") == _expected_probability(teaching)

        # 1. pick another shipped matter
        capital_one = load_matter("capital_one_2019")
        page.locator(".ce-matter select").select_option(label="capital one 2019")
        page.wait_for_function("name => document.querySelector('.ce-matter-name')?.textContent.trim() === name",
                               arg=capital_one.name, timeout=TIMEOUT_MS)
        assert text_of(page, ".ce-defendant") == capital_one.defendant
        page.wait_for_function("p => document.querySelector('.ce-probability')?.textContent.trim() === p",
                               arg=_expected_probability(capital_one), timeout=TIMEOUT_MS)

        # 2. upload a bad matter file: one readable line next to the upload; the matter stays
        bad = tmp_path / "bad_matter.yaml"
        data = yaml.safe_load(TEACHING.read_text())
        bad.write_text(yaml.safe_dump({**data, "records_exposed": -5}))
        upload(page, bad)
        page.locator(".ce-upload-message", has_text="refused").wait_for(timeout=TIMEOUT_MS)
        message = text_of(page, ".ce-upload-message")
        assert "bad_matter.yaml" in message and "records_exposed" in message and "\n" not in message
        assert str(tmp_path) not in message and "/tmp" not in message  # no server path
        assert text_of(page, ".ce-matter-name") == capital_one.name

        # ... then a good one: it becomes the matter on screen
        good = tmp_path / "my_matter.yaml"
        good.write_text(yaml.safe_dump({**data, "name": "My uploaded matter", "defendant": "Upload Test LLC",
                                        "records_exposed": 123_456, "class_size": 120_000}))
        upload(page, good)
        page.wait_for_function("() => document.querySelector('.ce-matter-name')?.textContent.trim() === "
                               "'My uploaded matter'", timeout=TIMEOUT_MS)
        assert text_of(page, ".ce-defendant") == "Upload Test LLC"
        mine = tk.Case.from_yaml(good)
        page.wait_for_function("p => document.querySelector('.ce-probability')?.textContent.trim() === p",
                               arg=_expected_probability(mine), timeout=TIMEOUT_MS)
        open_group(page, "Facts")
        assert page.locator(".ce-control-records-exposed input").input_value() == "123456"

        # 3. move causation (0.60 in the file) with the keyboard: liability and the charts move
        p0, fig0 = text_of(page, ".ce-probability"), page.locator("img.ce-layer-settlement").get_attribute("src")
        open_group(page, "Causation")
        handle = page.locator(".ce-control-causation-strength .noUi-handle").first
        handle.focus()
        for _ in range(25):
            handle.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.ce-entry-causation-strength input')"
                               "?.value === '0.85'", timeout=TIMEOUT_MS)
        page.wait_for_function("p => document.querySelector('.ce-probability')?.textContent.trim() === p",
                               arg=_expected_probability(mine.replace(causation_strength=0.85)), timeout=TIMEOUT_MS)
        wait_changed(page, "img.ce-layer-settlement", fig0, attribute="src")  # the chart's data redrawn
        p1 = text_of(page, ".ce-probability")
        assert _percent(p1) > _percent(p0)  # stronger causation, likelier liability

        # ... and a value typed into the slider's box out of range is refused next to it, not clamped
        type_into(page, ".ce-entry-causation-strength", "-5")
        page.locator(".ce-message-causation-strength", has_text="refused").wait_for(timeout=TIMEOUT_MS)
        assert "between 0 and 1" in text_of(page, ".ce-message-causation-strength")
        page.wait_for_function("() => document.querySelector('.ce-entry-causation-strength input').value === '0.85'",
                               timeout=TIMEOUT_MS)
        assert text_of(page, ".ce-probability") == p1

        # 4. flip a control: configuration scanning was absent; the evidence now shows it in place
        open_group(page, "Controls")
        page.locator(".ce-control-config-scanning button", has_text="yes").first.click()
        page.wait_for_function("p => document.querySelector('.ce-probability')?.textContent.trim() === p",
                               arg=_expected_probability(mine.replace(causation_strength=0.85, config_scanning="yes")),
                               timeout=TIMEOUT_MS)
        p2 = text_of(page, ".ce-probability")
        assert _percent(p2) < _percent(p1)  # a control in place lowers it

        # 4b. the governance program: a documented, current risk assessment (absent in the file) is evidence of care
        open_group(page, "Governance program")
        page.locator(".ce-control-risk-assessment button", has_text="yes").first.click()
        edits = dict(causation_strength=0.85, config_scanning="yes", risk_assessment="yes")
        page.wait_for_function("p => document.querySelector('.ce-probability')?.textContent.trim() === p",
                               arg=_expected_probability(mine.replace(**edits)), timeout=TIMEOUT_MS)
        p3 = text_of(page, ".ce-probability")
        assert _percent(p3) < _percent(p2)  # evidence of care lowers it
        p2 = p3

        # 4c. incident response: a day count out of range is refused next to its box; empty means unknown
        open_group(page, "Incident response")
        type_into(page, ".ce-control-days-to-detect", "-5")
        page.locator(".ce-message-days-to-detect", has_text="refused").wait_for(timeout=TIMEOUT_MS)
        assert "-5" in text_of(page, ".ce-message-days-to-detect")
        page.wait_for_function("() => document.querySelector('.ce-control-days-to-detect input').value === '40'",
                               timeout=TIMEOUT_MS)
        assert text_of(page, ".ce-probability") == p2
        _shot(page, "refused-days")

        # 5. an out-of-range value is refused next to its box; the last good state stays
        open_group(page, "Facts")
        records = page.locator(".ce-control-records-exposed input")
        records.fill("-5")
        records.press("Enter")
        page.locator(".ce-message-records-exposed", has_text="refused").wait_for(timeout=TIMEOUT_MS)
        assert "-5" in text_of(page, ".ce-message-records-exposed")
        page.wait_for_function("() => document.querySelector('.ce-control-records-exposed input').value === '123456'",
                               timeout=TIMEOUT_MS)
        assert text_of(page, ".ce-probability") == p2

        # 6. a governing law without rules in the model: a warning next to the numbers
        open_group(page, "Law")
        assert page.locator(".ce-warning").count() == 0
        choose(page, "jurisdiction", jurisdiction_label("US-OH"))
        page.locator(".ce-warning", has_text="US-OH").first.wait_for(timeout=TIMEOUT_MS)
        choose(page, "jurisdiction", jurisdiction_label("GB"))
        page.locator(".ce-warning", has_text="follow US law").first.wait_for(timeout=TIMEOUT_MS)
        _shot(page, "warning")
        box = page.locator(".ce-warnings").bounding_box()
        assert box is not None and box["y"] + box["height"] <= 768  # next to the numbers, on the first screen

        # 7. save the matter as edited: a YAML download that is a valid matter with the edits
        with page.expect_download(timeout=TIMEOUT_MS) as info:
            page.locator("a.ce-save").click()
        saved = tmp_path / "saved.yaml"
        info.value.save_as(saved)
        edited = tk.Case.from_yaml(saved)
        assert edited.name == "My uploaded matter" and edited.records_exposed == 123_456
        assert edited.causation_strength == 0.85 and edited.controls["config_scanning"] == "yes"
        assert edited.governance["risk_assessment"] == "yes" and edited.response["days_to_detect"] == 40
        assert "GB" in edited.jurisdictions
        assert text_of(page, ".ce-probability") == _expected_probability(edited)  # the page shows that matter

        # 8. export: one .zip download whose members are the pack's files (its manifest lists them all)
        page.locator(".ce-export").click()
        link = page.locator("a.ce-download", has_text="Download exhibits (zip)")
        link.wait_for(timeout=TIMEOUT_MS)
        with page.expect_download(timeout=TIMEOUT_MS) as info:
            link.click()
        assert info.value.suggested_filename.endswith(".zip")
        target = tmp_path / "exhibits.zip"
        info.value.save_as(target)
        with zipfile.ZipFile(target) as zf:
            members = {name: zf.read(name) for name in zf.namelist()}
        manifest = dict(reversed(line.split("  ", 1)) for line in members["MANIFEST.sha256"].decode().splitlines())
        assert set(manifest) | {"MANIFEST.sha256"} == set(members)
        for name, digest in manifest.items():
            assert hashlib.sha256(members[name]).hexdigest() == digest, name
        assert any(name.startswith("exhibit-") and name.endswith(".pdf") for name in members)
        assert "methodology.md" in members and "assessment.json" in members
        _shot(page, "exported")
    finally:
        page.close()
