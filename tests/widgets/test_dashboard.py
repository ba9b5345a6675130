"""The dashboard's no-code path without a browser: pick or upload a matter, refused values, lever
warnings, save and export (the browser test drives the same path in Chromium)."""
from __future__ import annotations

import base64
import datetime
import hashlib
import io
import re
import zipfile

import pytest
import yaml

import toolkit as tk
from toolkit.datasets import list_matters, load_matter
from toolkit.widgets.warnings import lever_warnings

from .conftest import TEACHING


def _href(html_text: str) -> bytes:
    match = re.search(r"href='data:[^;]+;base64,([^']+)'", html_text)
    assert match, html_text[:200]
    return base64.b64decode(match.group(1))


def test_matter_dropdown_lists_every_shipped_matter_and_loads_it(explorer):
    keys = [value for _, value in explorer.matter.options]
    assert [k.split(":", 1)[1] for k in keys if k.startswith("shipped:")] == list_matters()
    assert explorer.matter.value == "shipped:teaching_open_elasticsearch"
    explorer.matter.value = "shipped:capital_one_2019"
    capital_one = load_matter("capital_one_2019")
    assert explorer.case == capital_one and explorer.base_case == capital_one
    assert explorer.controls["records_exposed"].value == capital_one.records_exposed
    assert capital_one.name in explorer.title.value and capital_one.defendant in explorer.title.value
    assert explorer.result.case == capital_one
    explorer.matter.value = "shipped:teaching_open_elasticsearch"
    assert explorer.case == tk.Case.from_yaml(TEACHING)


def _upload(explorer, name, text):
    explorer.upload.value = ({"name": name, "type": "application/x-yaml", "size": len(text),
                              "content": memoryview(text.encode()),
                              "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)},)


def test_upload_a_good_matter_and_refuse_a_bad_one(explorer):
    data = yaml.safe_load(TEACHING.read_text())
    before = explorer.case
    _upload(explorer, "mine.yaml", yaml.safe_dump({**data, "records_exposed": -5}))
    message = explorer.upload_message.value
    assert "mine.yaml refused" in message and "records_exposed" in message and "/tmp" not in message
    assert explorer.case == before  # the last good matter stays
    _upload(explorer, "broken.yaml", "name: [unclosed")
    assert "broken.yaml refused" in explorer.upload_message.value and "YAML" in explorer.upload_message.value
    _upload(explorer, "python.yaml", "!!python/object/apply:os.system ['true']")
    assert "python.yaml refused" in explorer.upload_message.value
    assert explorer.case == before
    _upload(explorer, "mine.yaml", yaml.safe_dump({**data, "name": "Mine", "records_exposed": 1234}))
    assert explorer.case.name == "Mine" and explorer.case.records_exposed == 1234
    assert explorer.matter.value.startswith("upload:") and "Mine" in explorer.title.value
    assert "Loaded mine.yaml" in explorer.upload_message.value
    assert not list((explorer._session / "upload").iterdir())  # nothing of the user's kept on the server
    explorer.matter.value = "shipped:teaching_open_elasticsearch"


@pytest.mark.parametrize("field, value", [
    ("records_exposed", -5), ("records_exposed", float("nan")), ("records_exposed", 1.5),
    ("records_exposed", 1e12), ("class_size", -1), ("data_types", ()), ("jurisdictions", ()),
])
def test_out_of_range_values_are_refused_next_to_their_control(explorer, field, value):
    good_case, good_result = explorer.case, explorer.result
    shown = explorer.controls[field].value
    explorer.controls[field].value = value
    assert explorer.result is good_result and explorer.case == good_case  # the last good state stays
    assert explorer.controls[field].value == shown  # ... and the control shows it again
    message = explorer.messages[field].value
    assert "refused" in message and "Kept the last good value" in message
    assert all(m.value == "" for name, m in explorer.messages.items() if name != field)
    # the next good change clears the message and applies on top of the last good state
    explorer.controls["causation_strength"].value = 0.7
    assert explorer.messages[field].value == "" and explorer.case.causation_strength == 0.7


@pytest.mark.parametrize("field, typed", [
    ("days_to_detect", "-5"), ("days_to_contain", "40000"), ("days_to_notify", "soon"), ("days_to_notify", "nan"),
])
def test_out_of_range_day_counts_are_refused_next_to_their_box(explorer, field, typed):
    good_case, good_result = explorer.case, explorer.result
    shown = explorer.controls[field].value
    explorer.controls[field].value = typed
    assert explorer.result is good_result and explorer.case == good_case
    assert explorer.controls[field].value == shown  # the box shows the last good value again
    message = explorer.messages[field].value
    assert "refused" in message and "days between 0 and 36,500" in message and typed in message
    assert all(m.value == "" for name, m in explorer.messages.items() if name != field)


def test_a_day_count_box_left_empty_means_not_stated(explorer):
    assert explorer.controls["days_to_detect"].value == "40" and explorer.case.response["days_to_detect"] == 40
    explorer.controls["days_to_detect"].value = ""
    assert explorer.case.response["days_to_detect"] is None and explorer.error is None
    explorer.controls["days_to_contain"].value = " 12 "
    assert explorer.case.response["days_to_contain"] == 12 and explorer.controls["days_to_contain"].value == "12"


@pytest.mark.parametrize("field, typed", [
    ("causation_strength", "-5"), ("causation_strength", "1.5"), ("causation_strength", "strong"),
    ("p_class_certification", "2"), ("defendant_revenue_usd", "-5"), ("defendant_revenue_usd", "1e20"),
])
def test_a_slider_box_refuses_out_of_range_instead_of_clamping(explorer, field, typed):
    """The slider's own readout would clamp "-5" to its minimum silently; its box refuses it visibly."""
    good_case, good_result = explorer.case, explorer.result
    slider, entry = explorer.controls[field].value, explorer.entries[field].value
    explorer.entries[field].value = typed
    assert explorer.result is good_result and explorer.case == good_case
    assert explorer.controls[field].value == slider and explorer.entries[field].value == entry
    message = explorer.messages[field].value
    assert "refused" in message and "between" in message and "Kept the last good value" in message
    assert explorer.controls[field].readout is False  # no clamping readout to type into


def test_a_slider_box_takes_a_value_in_range(explorer):
    explorer.entries["causation_strength"].value = "0.85"
    assert explorer.case.causation_strength == 0.85 and explorer.controls["causation_strength"].value == 0.85
    explorer.entries["defendant_revenue_usd"].value = "$2.5B"
    assert explorer.case.defendant_revenue_usd == 2.5e9 and explorer.entries["defendant_revenue_usd"].value == "$2.5B"
    explorer.controls["causation_strength"].value = 0.4  # moving the slider updates its box
    assert explorer.entries["causation_strength"].value == "0.40"
    assert all(m.value == "" for m in explorer.messages.values())


def test_set_state_with_a_refused_value_raises_and_keeps_the_state(explorer):
    good = explorer.case
    with pytest.raises(tk.InputError, match="records_exposed"):
        explorer.set_state(records_exposed=-5, causation_strength=0.9)
    assert explorer.case == good and "refused" in explorer.messages["records_exposed"].value


def test_records_scale_a_separate_class_size_and_the_box_follows(explorer):
    assert explorer.case.class_size == 240_000  # of 250,000 records
    explorer.controls["records_exposed"].value = 500_000
    assert explorer.case.class_size == 480_000 and explorer.controls["class_size"].value == 480_000
    explorer.controls["records_exposed"].value = 1_000_000
    assert explorer.case.class_size == 960_000
    explorer.controls["class_size"].value = 10
    assert explorer.case.class_size == 10 and explorer.case.records_exposed == 1_000_000


def test_the_chosen_governing_law_governs_or_a_warning_says_why_not(explorer):
    assert explorer.warnings == [] and explorer.warning_box.value == ""
    explorer.controls["jurisdiction"].value = "GB"
    assert explorer.result.liability.rule.jurisdiction == "GB"  # not silently the US rule
    assert any("follow US law" in w for w in explorer.warnings)
    assert "Outside the model's rules" in explorer.warning_box.value
    explorer.controls["jurisdiction"].value = "EU-IE"
    assert explorer.result.liability.rule.jurisdiction == "EU-IE"
    explorer.controls["jurisdiction"].value = "US-OH"
    rule = explorer.result.liability.rule
    if rule.jurisdiction != "US-OH":  # the rules table has no row for Ohio: the model says what it used
        assert any("no rule it can apply for US-OH" in w for w in explorer.warnings)
    else:  # a row flagged as a documented default
        assert getattr(rule, "rule_basis", "sourced") == "sourced" or any("default" in w for w in explorer.warnings)
    assert explorer.controls["jurisdiction"].value == "US-OH"  # the user's choice stays on screen
    explorer.controls["jurisdiction"].value = "US-CA"
    assert explorer.warnings == []


def test_a_regime_not_in_force_in_the_incident_year_is_flagged(explorer):
    explorer.set_state(jurisdictions=("US", "US-CA", "EU-IE"), regulators=("US-HHS-OCR", "US-CA-AG", "EU-IE-DPA"),
                       incident_year=2016)
    text = " ".join(explorer.warnings)
    assert "GDPR" in text and "not in force in 2016" in text and "leaves it out" in text
    assert "CCPA" in text
    explorer.set_state(incident_year=2021)
    assert not any("not in force" in w for w in explorer.warnings)


def test_lever_warnings_read_the_assessment_only(case):
    result = tk.assess(case, n_paths=2_000, market_check=False)
    assert lever_warnings(result) == []
    assert lever_warnings(result, "US-CA") == []


def test_save_matter_gives_back_the_edited_matter_as_yaml(explorer, tmp_path):
    explorer.set_state(causation_strength=0.8, mfa="no", records_exposed=300_000, regulators=("US-FTC",),
                       data_types=("health",), incident_year=2022)
    assert "download='open-elasticsearch-cluster" in explorer.save_link.value and "Save matter" in explorer.save_link.value
    path = tmp_path / "saved.yaml"
    path.write_bytes(_href(explorer.save_link.value))
    assert tk.Case.from_yaml(path) == explorer.case


def test_export_builds_one_pack_per_session_and_offers_it_as_one_zip(explorer, monkeypatch):
    """The button hands the on-screen Assessment to write_pack, into the session's one pack folder."""
    import toolkit.exhibits

    calls = []

    def fake_write_pack(case, out, *, seed, n_paths, result, formats, force, report=False):
        calls.append(dict(case=case, out=out, seed=seed, n_paths=n_paths, result=result, force=force))
        out.mkdir(parents=True, exist_ok=True)
        for old in out.iterdir():
            old.unlink()
        files = [out / "exhibit-01-summary.pdf", out / "methodology.md"]
        for i, f in enumerate(files):
            f.write_text(f"export {len(calls)} file {i}")
        # a pack's manifest, so that a later real export (write_pack with force) may replace the folder
        (out / "MANIFEST.sha256").write_text("".join(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n"
                                                     for f in files))
        return files

    monkeypatch.setattr(toolkit.exhibits, "write_pack", fake_write_pack)
    explorer.controls["p_class_certification"].value = 0.3
    explorer.export_button.click()
    first = explorer.exhibits_zip
    explorer.controls["causation_strength"].value = 0.9
    explorer.export_button.click()
    assert len(calls) == 2 and calls[0]["out"] == calls[1]["out"] and calls[1]["force"]  # replaced, not added
    assert [p.name for p in explorer._session.iterdir() if p.name != "upload"] == ["pack"]
    call = calls[-1]
    assert call["result"] is explorer.result and call["case"] == explorer.case
    assert (call["seed"], call["n_paths"]) == (explorer.seed, explorer.n_paths)
    assert call["result"].inputs.parameters["p_class_certification"] == 0.3
    link = explorer.download.value
    assert "Download exhibits (zip)" in link and "download='" in link and ".zip'" in link
    with zipfile.ZipFile(io.BytesIO(_href(link))) as zf:
        assert sorted(zf.namelist()) == ["exhibit-01-summary.pdf", "methodology.md"]
        assert zf.read("methodology.md") == b"export 2 file 1"
    assert first != explorer.exhibits_zip
    assert "2 files" in explorer.status.value
    explorer.controls["causation_strength"].value = 0.4  # the zip no longer shows the view: the page says so
    assert "export again" in explorer.status.value


def test_export_writes_the_real_pack_and_the_zip_holds_exactly_its_files(explorer):
    paths = explorer.export(formats=("png",))
    with zipfile.ZipFile(io.BytesIO(explorer.exhibits_zip)) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    assert sorted(members) == sorted(p.name for p in paths)
    manifest = dict(reversed(line.split("  ", 1)) for line in members["MANIFEST.sha256"].decode().splitlines())
    assert set(manifest) | {"MANIFEST.sha256"} == set(members)
    assert all(hashlib.sha256(members[n]).hexdigest() == d for n, d in manifest.items())


def test_export_reports_failures_on_screen(explorer, monkeypatch):
    import toolkit.exhibits

    def broken(*args, **kwargs):
        raise tk.InputError("--out", "x", "a new or empty folder")

    monkeypatch.setattr(toolkit.exhibits, "write_pack", broken)
    explorer.export_button.click()
    assert "Export failed" in explorer.status.value and "--out" in explorer.status.value
    assert explorer.download.value == ""


def test_market_check_switch_adds_assess_own_market_check(explorer):
    assert explorer.market_check and explorer.market_toggle.value  # on by default: it fits the latency budget
    explorer.market_toggle.value = False
    assert explorer.result.market_check is None and "Market check" not in explorer.headline.value
    explorer.market_toggle.value = True
    try:
        result = explorer.result
        if result.market_check is None:
            pytest.skip("no curated outcomes table in this checkout")
        assert "Market check" in explorer.headline.value
        direct = tk.assess(explorer.case, seed=explorer.seed, n_paths=explorer.n_paths)
        assert result.summary().equals(direct.summary())
        explorer.controls["causation_strength"].value = 0.9  # memoised model: the same numbers as assess's
        direct = tk.assess(explorer.case, seed=explorer.seed, n_paths=explorer.n_paths)
        assert explorer.result.summary().equals(direct.summary())
    finally:
        explorer.market_toggle.value = True


def test_no_regulators_selected_shows_what_the_model_infers(explorer):
    explorer.controls["regulators"].value = ()
    assert explorer.case.regulators is None
    inferred = explorer.result.regulators
    assert "the model infers" in explorer.regulators_hint.value
    assert all(code in explorer.regulators_hint.value for code in inferred)
    explorer.controls["regulators"].value = ("US-FTC",)
    assert explorer.regulators_hint.value == ""
