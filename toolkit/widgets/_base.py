"""Shared machinery of the explorers: controls (widgets) kept apart from state (plain values)."""
from __future__ import annotations

from typing import Any, Mapping

from ..errors import InputError, suggest

__all__ = ["Explorer", "tristate_toggle", "label_for"]


def label_for(name: str) -> str:
    """Human label of a field name: ``least_privilege`` -> ``Least privilege``."""
    special = {"mfa": "MFA", "ir_plan_tested": "IR plan tested", "p_class_certification": "P(class certified)",
               "defendant_revenue_usd": "Revenue (USD)", "records_exposed": "Records exposed",
               "causation_strength": "Causation strength", "B": "B: burden (USD)", "P": "P: probability",
               "L": "L: loss (USD)"}
    return special.get(name, name.replace("_", " ").capitalize())


def tristate_toggle(name: str, value: str):
    """A yes / no / unknown ``ToggleButtons`` for a governance control."""
    import ipywidgets as w

    return w.ToggleButtons(options=["yes", "no", "unknown"], value=value, description=label_for(name),
                           style={"button_width": "78px", "description_width": "150px"},
                           layout=w.Layout(width="auto"))


class Explorer:
    """Base of the explorers: ``controls`` (name -> widget), ``state`` (name -> value), ``result``.

    Subclasses fill ``self.controls`` and implement ``_compute(state)`` (pure: plain values in,
    result out) and ``_render(result)`` (drawing only). Every control's ``value`` is observed;
    a change recomputes and redraws before the assignment returns (traitlets observers run
    synchronously). :meth:`set_state` changes several values with one recomputation.
    """

    controls: dict
    result: Any

    def __init__(self):
        self._batch = False
        self.error = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    # ------------------------------------------------------------------ state
    @property
    def state(self) -> dict:
        """The current values of every control (plain Python values)."""
        return {name: self._read(name, control) for name, control in self.controls.items()}

    def _read(self, name, control):
        return control.value

    def _checked_state(self, values: Mapping | None, kwargs: Mapping) -> dict:
        """``values`` and ``kwargs`` as one dict; an unknown control raises :class:`toolkit.InputError`."""
        values = {**dict(values or {}), **kwargs}
        for key in values:
            if key not in self.controls:
                near = suggest(str(key), tuple(self.controls))
                raise InputError("state", key, "one of the controls " + ", ".join(self.controls),
                                 f"did you mean {near!r}?" if near else None)
        return values

    def set_state(self, values: Mapping | None = None, **kwargs) -> Any:
        """Set several controls at once (one recomputation); returns the new result."""
        values = self._checked_state(values, kwargs)
        self._batch = True
        try:
            for key, value in values.items():
                self.controls[key].value = value
        finally:
            self._batch = False
        self.update()
        return self.result

    # ------------------------------------------------------------------ update
    def _on_change(self, change=None):
        if not self._batch:
            self.update()

    def update(self) -> Any:
        """Recompute from the controls' values and redraw; returns the new result.

        A value the model refuses (an :class:`~toolkit.InputError`, e.g. a records count of
        NaN) is not applied: the controls go back to the last good state, the view stays, and
        the error is shown (and kept in ``error``).
        """
        try:
            state = self.state
            result = self._compute(state)
        except InputError as err:  # keep the last good view; say what was refused
            self.error = err
            self._restore()
            self._show_error(err)
            return self.result
        self.error = None
        self.result = result
        self._good = {name: control.value for name, control in self.controls.items()}
        self._render(result)
        return result

    def _restore(self) -> None:
        """Put every control back to its value at the last good result (without recomputing)."""
        good = getattr(self, "_good", None)
        if not good:
            return
        self._batch = True
        try:
            for name, value in good.items():
                control = self.controls[name]
                if control.value != value and not (value != value and control.value != control.value):
                    try:
                        control.value = value
                    except Exception:  # a widget that refuses its own earlier value: leave it
                        pass
        finally:
            self._batch = False

    def _compute(self, state: dict):  # pragma: no cover - abstract
        raise NotImplementedError

    def _render(self, result):  # pragma: no cover - abstract
        raise NotImplementedError

    def _show_error(self, err):
        pass

    # ------------------------------------------------------------------ display
    @property
    def widget(self):
        """The whole explorer as one ipywidgets box (built on first use)."""
        if getattr(self, "_widget", None) is None:
            self._widget = self._layout()
        return self._widget

    def _layout(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
