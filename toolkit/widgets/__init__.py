"""Interactive explorers: thin ipywidgets views over the toolkit's pure functions.

- :class:`CaseExplorer` — vary causation strength, each governance control, prior warnings,
  records exposed, service model, governing law, forum, class-certification probability and
  revenue; liability (with its element waterfall), damages, fault and the settlement range
  (bargaining zone and market check) move at once; "Export exhibits" writes the view.
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
           "draw_assessment", "assess_state", "apply_state", "initial_state", "FIELDS", "INTERACTIVE_N_PATHS"]

_WHERE = {
    "CaseExplorer": "explorer", "INTERACTIVE_N_PATHS": "explorer",
    "HandExplorer": "teaching", "CausationExplorer": "teaching", "FaultExplorer": "teaching",
    "AssessmentView": "view", "draw_assessment": "view",
    "assess_state": "state", "apply_state": "state", "initial_state": "state", "FIELDS": "state",
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
