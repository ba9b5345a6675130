"""CaseExplorer without a browser: set each control's value, check the result moved as the law says
and that the view equals the one drawn directly from ``assess`` of the same state."""
from __future__ import annotations

import ipywidgets as w
import numpy as np
import pytest

import toolkit as tk
from toolkit.case import BLOCKS
from toolkit.vocab import CONTROLS, RESPONSE_DAYS
from toolkit.assess import assess
from toolkit.widgets.state import FIELDS, apply_state, assess_state
from toolkit.widgets.view import PANELS, draw_assessment, figure_pixels, panel_data

#: A new value for every control (different from the teaching matter's own value).
NEW_VALUES = {
    "causation_strength": 0.9, "mfa": "no", "encryption_at_rest": "no", "least_privilege": "yes",
    "logging_monitoring": "no", "config_scanning": "yes", "access_reviews": "yes", "ir_plan_tested": "no",
    "vendor_oversight": "no", "prior_warnings": "no", "records_exposed": 5_000_000, "class_size": 100_000,
    "data_types": ("health", "contact", "ssn"), "sector": "finance", "service_model": "saas", "incident_year": 2019,
    "defendant_revenue_usd": 3e10, "jurisdictions": ("US", "US-NY"), "jurisdiction": "US-VA", "forum": "E.D. Va.",
    "regulators": ("US-FTC", "US-NY-AG"), "p_class_certification": 0.4,
    # the lever blocks (issue 18)
    "risk_assessment": "yes", "change_management": "yes", "security_program": "no", "independent_audit": "yes",
    "executive_oversight": "yes", "documentation": "no", "training": "no",
    "days_to_detect": 5, "days_to_contain": 3, "days_to_notify": 20, "notified_regulator_on_time": "yes",
    "cooperated_with_regulator": "no", "offered_credit_monitoring": "no", "corrected_within_30_days": "yes",
    "evidence_of_misuse": "yes", "identity_theft_reported": "yes", "emotional_distress_alleged": "no",
    "lost_time_alleged": "no", "previous_infringements": "yes", "financial_benefit": "yes",
}
#: What a user types for a value whose box is text (a day count), where it differs from the state's value.
TYPED = {name: str(NEW_VALUES[name]) for name in RESPONSE_DAYS}


def _same_numbers(a, b):
    assert a.case == b.case
    assert a.liability.probability == b.liability.probability
    assert a.settlement == b.settlement
    assert a.fault.equals(b.fault)
    assert a.damages.equals(b.damages)
    assert a.outcome_ranges.equals(b.outcome_ranges)
    assert a.summary().equals(b.summary())  # the whole summary: the dashboard adds or drops nothing


def test_controls_are_the_contract_fields(explorer):
    assert tuple(explorer.controls) == FIELDS
    assert set(NEW_VALUES) == set(FIELDS)
    for name in CONTROLS + ("prior_warnings",):
        control = explorer.controls[name]
        assert isinstance(control, w.ToggleButtons)
        assert tuple(control.options) == ("yes", "no", "unknown")
    assert isinstance(explorer.controls["records_exposed"], w.FloatText)  # typed, so "-5" can be refused
    assert isinstance(explorer.controls["causation_strength"], w.FloatSlider)
    assert isinstance(explorer.controls["data_types"], w.SelectMultiple)
    assert explorer.state["records_exposed"] == 250_000
    assert explorer.case == explorer.base_case  # the initial state is the matter itself
    assert set(explorer.messages) == set(FIELDS)


@pytest.mark.parametrize("field", FIELDS)
def test_every_control_recomputes_before_the_assignment_returns(explorer, field):
    before = explorer.result
    images = {name: explorer.overlays[name].value for name in PANELS}
    headline, saved = explorer.headline.value, explorer.save_link.value
    explorer.controls[field].value = TYPED.get(field, NEW_VALUES[field])
    after = explorer.result
    assert after is not before
    assert explorer.error is None and explorer.messages[field].value == ""
    assert explorer.state[field] == NEW_VALUES[field]
    # the result is toolkit.assess of the state, whole (the same function, no copy of its logic) ...
    want = assess(apply_state(explorer.base_case, explorer.state)[0], seed=explorer.seed, n_paths=explorer.n_paths,
                  parameters=apply_state(explorer.base_case, explorer.state)[1], market_check=explorer.market_check)
    _same_numbers(after, want)
    _same_numbers(after, assess_state(explorer.base_case, explorer.state, seed=explorer.seed,
                                      n_paths=explorer.n_paths, market_check=explorer.market_check))
    # ... and the view shows exactly what a fresh drawing of it shows
    fresh = panel_data(want)
    for name in PANELS:
        assert explorer.view._data[name] == fresh[name]
    # the state reached the matter (or the stage parameters)
    if field == "p_class_certification":
        assert after.inputs.parameters["p_class_certification"] == 0.4
    elif field == "jurisdiction":
        assert after.liability.rule.jurisdiction == "US-VA"
    elif field == "forum":
        assert after.case.forum == "E.D. Va."
    elif field in CONTROLS:
        assert after.case.controls[field] == NEW_VALUES[field]
    elif field in ("data_types", "jurisdictions", "regulators"):
        assert tuple(getattr(after.case, field)) == NEW_VALUES[field]
    elif field in sum(BLOCKS.values(), ()):
        block = next(name for name, keys in BLOCKS.items() if field in keys)
        assert getattr(after.case, block)[field] == NEW_VALUES[field]
    else:
        assert getattr(after.case, field) == NEW_VALUES[field]
    # something on screen changed with it: the numbers or a chart, and the matter offered by "Save matter"
    if field != "p_class_certification":  # a stage parameter, not a fact of the matter file
        assert explorer.save_link.value != saved
    # the teaching matter's numbers need not move with these (its regimes do not weigh detection, and
    # notice after 20 instead of 75 days stays within no deadline's reach that changes a number)
    if field not in ("regulators", "sector", "days_to_detect", "days_to_notify"):
        assert headline != explorer.headline.value or any(explorer.overlays[n].value != images[n] for n in PANELS)


@pytest.mark.parametrize("field", ["causation_strength", "least_privilege", "records_exposed", "jurisdiction"])
def test_updated_figures_equal_a_fresh_drawing(explorer, field):
    explorer.controls[field].value = NEW_VALUES[field]
    fresh = draw_assessment(explorer.result, limits=explorer.view.limits())
    for name in PANELS:
        shown = explorer.view.pixels(name)  # what the image widget got (blitted)
        full = figure_pixels(explorer.figures[name])  # the updated figure fully redrawn
        direct = figure_pixels(fresh[name])
        assert np.array_equal(full, direct), name
        assert np.array_equal(shown, direct), name


def _decode(png: bytes) -> np.ndarray:
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(float)


@pytest.mark.parametrize("field", ["causation_strength", "records_exposed", "risk_assessment"])
def test_the_two_layers_the_page_stacks_show_the_panel(explorer, field):
    """Background + data layer, composited as a browser does ("over"), equal the panel's pixels."""
    explorer.controls[field].value = NEW_VALUES[field]
    for name in PANELS:
        background, data, (left, top, width, height) = explorer.view.layers(name)
        assert explorer.images[name].value == background and explorer.overlays[name].value == data
        back, layer = _decode(background), _decode(data)
        assert layer.shape[:2] == (height, width) and back.shape[1] > width  # a crop, not the whole figure
        alpha = layer[..., 3:] / 255
        shown = back.copy()
        shown[top:top + height, left:left + width, :3] = layer[..., :3] * alpha + back[top:top + height,
                                                                                      left:left + width, :3] * (1 - alpha)
        full = explorer.view.pixels(name).astype(float)
        diff = np.abs(shown[..., :3] - full[..., :3])
        # 8-bit rounding only (of each translucent span where they overlap): invisible, and rare
        assert diff.max() <= 4.0 and (diff > 1.5).mean() < 0.01, (name, diff.max(), (diff > 1.5).mean())


def test_an_update_resends_the_background_only_when_an_axis_changes(explorer):
    explorer.controls["causation_strength"].value = 0.7
    sent = {"background": 0, "data": 0}
    count = lambda key: lambda change: sent.__setitem__(key, sent[key] + 1)  # noqa: E731
    explorer.images["liability"].observe(count("background"), names="value")
    explorer.overlays["liability"].observe(count("data"), names="value")
    explorer.controls["causation_strength"].value = 0.75
    assert "liability" in explorer.view.changed
    assert sent == {"background": 0, "data": 1}  # same axes and labels: only the data layer is sent


def test_causation_up_never_lowers_liability(explorer):
    probs, attributions = [], []
    for value in (0.0, 0.25, 0.5, 0.75, 1.0):
        explorer.controls["causation_strength"].value = value
        probs.append(explorer.result.liability.probability)
        attributions.append(explorer.result.liability.attribution)
    assert probs == sorted(probs) and probs[-1] > probs[0]
    assert attributions == sorted(attributions)


@pytest.mark.parametrize("control", CONTROLS)
def test_a_control_in_place_never_raises_liability(explorer, control):
    explorer.controls[control].value = "no"
    absent = explorer.result.liability.probability
    explorer.controls[control].value = "yes"
    present = explorer.result.liability.probability
    assert present <= absent
    table = explorer.result.liability.controls.set_index("control")
    if control in table.index:
        assert table.loc[control, "status"] == "yes"


def test_ignored_warnings_raise_liability(explorer):
    explorer.controls["prior_warnings"].value = "no"
    unwarned = explorer.result.liability.probability
    explorer.controls["prior_warnings"].value = "yes"
    assert explorer.result.liability.probability > unwarned


def test_more_records_more_damages(explorer):
    explorer.controls["records_exposed"].value = 10_000
    small = explorer.result
    explorer.controls["records_exposed"].value = 10_000_000
    large = explorer.result
    assert large.case.class_size > small.case.class_size
    assert large.damages_estimate.class_damages["median"] > small.damages_estimate.class_damages["median"]
    assert large.settlement.median >= small.settlement.median


def test_service_model_moves_fault_to_the_provider(explorer):
    # an open database is a network-layer failure: the customer's under IaaS, the provider's under SaaS
    explorer.controls["service_model"].value = "iaas"
    iaas = explorer.result.fault.set_index("party")["share"]
    explorer.controls["service_model"].value = "saas"
    saas = explorer.result.fault.set_index("party")["share"]
    assert saas["provider"] > iaas["provider"]
    assert saas["customer"] < iaas["customer"]


def test_governing_law_and_forum(explorer):
    explorer.controls["forum"].value = "N.D. Cal."  # 9th Cir.: permissive on risk-of-harm standing
    permissive = explorer.result.liability.p_survive_dismissal
    explorer.controls["forum"].value = "E.D. Va."  # 4th Cir.: restrictive
    assert explorer.result.liability.p_survive_dismissal < permissive
    explorer.controls["jurisdiction"].value = "US-VA"
    assert explorer.result.liability.rule.comparative_rule == "contributory"
    assert explorer.result.case.jurisdictions == ("US", "US-VA")


def test_certification_moves_settlement_not_liability(explorer):
    explorer.controls["p_class_certification"].value = 0.05
    low = explorer.result
    explorer.controls["p_class_certification"].value = 0.6
    high = explorer.result
    assert high.liability.probability == low.liability.probability
    assert high.settlement.median > low.settlement.median
    assert explorer.view.changed == ("settlement",)  # only the settlement panel was redrawn


def test_revenue_raises_the_burden_of_precautions(explorer):
    explorer.controls["defendant_revenue_usd"].value = 1e8
    small = explorer.result.liability
    explorer.controls["defendant_revenue_usd"].value = 1e11
    large = explorer.result.liability
    burden = lambda r: r.controls.set_index("control")["burden_usd"]  # noqa: E731
    assert (burden(large) >= burden(small)).all() and (burden(large) > burden(small)).any()
    assert large.p_breach <= small.p_breach


def test_headline_and_comparables_update(explorer):
    explorer.controls["causation_strength"].value = 0.1
    text = explorer.headline.value
    assert f"{explorer.result.liability.probability:.1%}" in text and "ce-probability" in text
    explorer.controls["causation_strength"].value = 1.0
    assert explorer.headline.value != text
    if explorer.result.market_check is not None:
        assert "<table" in explorer.comparables.value


def test_set_state_changes_several_values_at_once(explorer):
    result = explorer.set_state(causation_strength=0.3, mfa="no")
    assert result is explorer.result
    assert result.case.causation_strength == 0.3 and result.case.controls["mfa"] == "no"
    with pytest.raises(tk.InputError, match="causation_strength"):
        explorer.set_state(causation_strenght=0.3)


def test_unstated_revenue_stays_unstated(case, explorer_factory):
    bare = case.replace(defendant_revenue_usd=None)
    explorer = explorer_factory(bare, market_check=False)
    assert explorer.state["defendant_revenue_usd"] is None
    assert explorer.case == bare
    explorer.controls["defendant_revenue_usd"].value = 2e9
    assert explorer.case.defendant_revenue_usd == 2e9


def test_export_keeps_one_pack_per_session_replaced_on_the_next_export(explorer, monkeypatch):
    """Regression (issue 12): each click wrote a new numbered pack, without limit."""
    import hashlib

    import toolkit.exhibits

    calls = []

    def fake_write_pack(case, out, *, seed, n_paths, result, formats, force, report=False):
        calls.append(out)
        out.mkdir(parents=True, exist_ok=True)
        for old in out.iterdir():
            old.unlink()
        body = f"export {len(calls)}".encode()
        (out / "exhibit-01-summary.pdf").write_bytes(body)
        (out / "MANIFEST.sha256").write_text(f"{hashlib.sha256(body).hexdigest()}  exhibit-01-summary.pdf\n")
        return [out / "MANIFEST.sha256", out / "exhibit-01-summary.pdf"]

    monkeypatch.setattr(toolkit.exhibits, "write_pack", fake_write_pack)
    for _ in range(3):
        explorer.export_button.click()
    assert len(calls) == 3 and len(set(calls)) == 1 and "Export failed" not in explorer.status.value
    packs = [p for p in explorer._session.iterdir() if p.name != "upload"]
    assert packs == [calls[-1]], packs
    assert (packs[0] / "exhibit-01-summary.pdf").read_text() == "export 3"  # the latest export replaced the pack
    assert sorted(p.name for p in packs[0].iterdir()) == ["MANIFEST.sha256", "exhibit-01-summary.pdf"]


def test_records_nan_is_rejected_and_the_last_good_state_kept(explorer):
    """Regression (issue 12): records = NaN broke the explorer until reset."""
    before = explorer.result
    good = explorer.controls["records_exposed"].value
    explorer.controls["records_exposed"].value = float("nan")
    assert explorer.error is not None and explorer.error.field == "records_exposed"
    assert "refused" in explorer.messages["records_exposed"].value
    assert explorer.result is before
    assert explorer.controls["records_exposed"].value == good  # the control shows the last good value
    explorer.controls["mfa"].value = "no" if explorer.result.case.controls["mfa"] != "no" else "yes"
    assert explorer.error is None and explorer.result is not before  # it still works


def test_case_explorer_runs_the_explorer_base_init(case, explorer_factory, monkeypatch):
    """CaseExplorer.__init__ calls Explorer.__init__ (which observes every control) instead of copying it."""
    from toolkit.widgets._base import Explorer

    real, calls = Explorer.__init__, []

    def recording(self):
        calls.append(type(self).__name__)
        real(self)

    monkeypatch.setattr(Explorer, "__init__", recording)
    ex = explorer_factory(case, market_check=False)
    assert calls == ["CaseExplorer"]
    assert ex.error is None and ex._batch is False
    headline = ex.headline.value
    ex.controls["mfa"].value = "yes" if ex.controls["mfa"].value != "yes" else "no"  # observed: recomputes
    assert ex.headline.value != headline


def test_save_link_is_case_to_yaml(explorer, monkeypatch):
    """The save link carries Case.to_yaml's text (no second YAML writer in the widget)."""
    import base64
    import re

    from toolkit import Case

    monkeypatch.setattr(Case, "to_yaml", lambda self: f"# the text of Case.to_yaml for {self.records_exposed}\n")
    explorer.set_state(records_exposed=123_457)
    href = re.search(r"href='data:[^;]+;base64,([^']+)'", explorer.save_link.value).group(1)
    assert base64.b64decode(href).decode("utf-8") == "# the text of Case.to_yaml for 123457\n"
