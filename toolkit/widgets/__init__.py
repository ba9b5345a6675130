"""Interactive explorers: thin ipywidgets views over the toolkit's pure functions.

- :class:`CaseExplorer` — the no-code dashboard: pick a shipped matter or upload one (validated
  by :class:`~toolkit.Case`), edit its facts, vary causation, each governance control, the law and
  the forum; the headline ranges, liability (with its element waterfall), damages, fault and the
  settlement chart move at once; refused values are explained next to their control; levers
  outside the model's rules raise a warning (:func:`lever_warnings`); "Save matter" downloads the
  edited YAML and "Export exhibits" offers the exhibit pack as one .zip.
- Teaching explorers for the seminar: :class:`HandExplorer` (B, P, L),
  :class:`CausationExplorer` (but-for and intervening acts), :class:`FaultExplorer` (service
  model x misconfigured layer x jurisdiction rule).

Every explorer has ``.controls`` (name -> widget), ``.state`` (plain values), ``.set_state()``
and ``.result``; a change to a control's ``value`` recomputes and redraws before the
assignment returns, so they can be driven and checked in tests without a browser. The model
behind the CaseExplorer is :func:`toolkit.widgets.state.assess_state`; its view is
:class:`toolkit.widgets.view.AssessmentView`.

ipywidgets and matplotlib are imported when an explorer is built, not on ``import toolkit``.
ipywidgets is an extra (``pip install 'breach-liability-toolkit[widgets]'``; the ``notebook``,
``app`` and ``dev`` extras include it); the core library does not need it.
"""
from __future__ import annotations

__all__ = ["CaseExplorer", "HandExplorer", "CausationExplorer", "FaultExplorer", "AssessmentView",
           "draw_assessment", "assess_state", "apply_state", "initial_state", "FIELDS", "GROUPS", "INTERACTIVE_N_PATHS",
           "lever_warnings"]

_WHERE = {
    "CaseExplorer": "explorer", "INTERACTIVE_N_PATHS": "explorer",
    "HandExplorer": "teaching", "CausationExplorer": "teaching", "FaultExplorer": "teaching",
    "AssessmentView": "view", "draw_assessment": "view",
    "assess_state": "state", "apply_state": "state", "initial_state": "state", "FIELDS": "state",
    "GROUPS": "state", "lever_warnings": "warnings",
}


def __getattr__(name):
    if name in _WHERE:
        import importlib
        import importlib.util

        if _WHERE[name] in ("explorer", "teaching") and importlib.util.find_spec("ipywidgets") is None:
            raise ImportError(f"toolkit.widgets.{name} needs ipywidgets, which the core install leaves out: "
                              "pip install 'breach-liability-toolkit[widgets]' (or [notebook], [app], [dev])")
        module = importlib.import_module(f".{_WHERE[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'toolkit.widgets' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_WHERE))
