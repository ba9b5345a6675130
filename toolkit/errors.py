"""Exceptions raised by the toolkit.

Every error about bad input is an :class:`InputError`: it names the field, the value
received and what is allowed, so that an analyst can fix the matter file or the call
without reading a traceback.
"""
from __future__ import annotations

import difflib
from typing import Any, Iterable

__all__ = ["InputError", "NotFittedError", "DataError", "suggest"]


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def suggest(word: str, options: Iterable[str]) -> str | None:
    """Return the closest option to ``word`` (for "did you mean" hints), or None."""
    matches = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return matches[0] if matches else None


class InputError(ValueError):
    """Bad input: names the field, the value received and what is allowed.

    Parameters
    ----------
    field : str
        Dotted name of the offending field, e.g. ``"controls.mfa"`` or ``"outcomes.csv row 12: amount_usd"``.
    value : object
        The value that was received.
    allowed : str
        What would have been accepted, in plain words.
    hint : str, optional
        A suggested fix ("did you mean 'least_privilege'?").

    Examples
    --------
    >>> err = InputError("causation_strength", 1.5, "a number between 0 and 1")
    >>> print(err)
    causation_strength: got 1.5; allowed: a number between 0 and 1
    >>> isinstance(err, ValueError)
    True
    """

    def __init__(self, field: str, value: Any, allowed: str, hint: str | None = None):
        self.field = field
        self.value = value
        self.allowed = allowed
        self.hint = hint
        message = f"{field}: got {_short(value)}; allowed: {allowed}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)

    def __reduce__(self):  # keep picklable with the four-argument constructor
        return (type(self), (self.field, self.value, self.allowed, self.hint))


class DataError(InputError):
    """A curated or imported table violates its schema (names table, row and column)."""


class NotFittedError(ValueError, AttributeError):
    """An estimator method that needs ``fit`` was called before ``fit``."""
