"""Exceptions raised by the toolkit.

Every error about bad input is an :class:`InputError`: it names the field, the value
received and what is allowed, so that an analyst can fix the matter file or the call
without reading a traceback.
"""
from __future__ import annotations

import difflib
import math
import numbers
from typing import Any, Iterable, Literal, overload

__all__ = ["InputError", "InputErrors", "NotFittedError", "DataError", "suggest", "check_number"]


def _short(value: Any, limit: int = 80) -> str:
    """A short, safe rendering of a received value for a message (never the whole of a big value).

    Integers too long to print (Python refuses ``repr`` beyond 4,300 digits) are described by
    their size; long containers by their length; anything else is ``repr`` cut to ``limit``.

    >>> _short(10 ** 5000)
    '<an integer of 5,001 digits>'
    >>> _short("x" * 200)[-5:]
    'xx...'
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        digits = int(value.bit_length() * 0.30102999566398120) + 1
        if 10 ** (digits - 1) > abs(value):
            digits -= 1
        return f"<an integer of {digits:,} digits>"
    if isinstance(value, (list, tuple, set, frozenset, dict)) and len(value) > 20:
        return f"<a {type(value).__name__} of {len(value):,} items>"
    try:
        text = repr(value)
    except Exception:  # e.g. a container holding an unprintable integer
        text = f"<a {type(value).__name__}>"
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


class InputErrors(InputError):
    """Several problems with one input (a matter), reported at once.

    It is an :class:`InputError` whose ``field``, ``value``, ``allowed`` and ``hint`` are those
    of the first problem; ``errors`` lists every problem; ``str()`` is one line per problem.

    Parameters
    ----------
    errors : sequence of InputError
        At least one.

    Examples
    --------
    >>> err = InputErrors([InputError("sector", "x", "one of finance, ..."),
    ...                    InputError("causation_strength", 2, "a number between 0 and 1")])
    >>> print(err)
    sector: got 'x'; allowed: one of finance, ...
    causation_strength: got 2; allowed: a number between 0 and 1
    >>> err.field, len(err.errors)
    ('sector', 2)
    """

    def __init__(self, errors):
        errors = list(errors)
        if not errors:
            raise ValueError("InputErrors needs at least one InputError")
        first = errors[0]
        super().__init__(first.field, first.value, first.allowed, first.hint)
        self.errors = errors
        self.args = ("\n".join(str(e) for e in errors),)

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):
        return (type(self), (self.errors,))


class DataError(InputError):
    """A curated or imported table violates its schema (names table, row and column).

    A loader that finds several bad cells sets ``problems``: one ``(line, column, value, allowed)``
    tuple each (absent otherwise).
    """

    problems: list[tuple]


def __getattr__(name: str) -> Any:
    """``NotFittedError`` is built on first use: it subclasses scikit-learn's, which ``import toolkit``
    must not load (see :data:`NotFittedError`)."""
    if name == "NotFittedError":
        from sklearn.exceptions import NotFittedError as _SklearnNotFittedError

        class NotFittedError(_SklearnNotFittedError):
            """An estimator method that needs ``fit`` was called before ``fit``.

            A subclass of :class:`sklearn.exceptions.NotFittedError` (itself a ``ValueError`` and an
            ``AttributeError``), so ``except sklearn.exceptions.NotFittedError`` and
            ``except toolkit.errors.NotFittedError`` both catch it.
            """

        NotFittedError.__module__, NotFittedError.__qualname__ = __name__, "NotFittedError"  # picklable
        globals()["NotFittedError"] = NotFittedError
        return NotFittedError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@overload
def check_number(name: str, value: Any, *, minimum: float | None = ..., maximum: float | None = ...,
                 integer: Literal[True], allow_none: Literal[False] = ...) -> int: ...
@overload
def check_number(name: str, value: Any, *, minimum: float | None = ..., maximum: float | None = ...,
                 integer: Literal[False] = ..., allow_none: Literal[False] = ...) -> float: ...
@overload
def check_number(name: str, value: Any, *, minimum: float | None = ..., maximum: float | None = ...,
                 integer: Literal[True], allow_none: bool) -> int | None: ...
@overload
def check_number(name: str, value: Any, *, minimum: float | None = ..., maximum: float | None = ...,
                 integer: bool = ..., allow_none: bool = ...) -> float | int | None: ...
def check_number(name: str, value: Any, *, minimum: float | None = None, maximum: float | None = None,
                 integer: bool = False, allow_none: bool = False) -> float | int | None:
    """Validate a finite number (optionally whole, optionally bounded); raise InputError naming ``name``.

    The shared number validator of the toolkit (as statsmodels' ``tools.validation.float_like``).

    Parameters
    ----------
    name : str
        The field or argument, named in the error.
    value : object
        What was passed.
    minimum, maximum : float, optional
        Inclusive bounds.
    integer : bool, default=False
        Require a whole number (returned as ``int``).
    allow_none : bool, default=False
        Return None for None instead of raising.

    Returns
    -------
    float or int or None

    Examples
    --------
    >>> check_number("n", 3.0, minimum=0, integer=True)
    3
    """
    if value is None and allow_none:
        return None
    parts = ["a whole number" if integer else "a finite number"]
    if minimum is not None:
        parts.append(f">= {minimum:g}")
    if maximum is not None:
        parts.append(f"<= {maximum:g}")
    allowed = " ".join(parts)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(name, value, allowed)
    number = float(value)
    if not math.isfinite(number):
        raise InputError(name, value, allowed)
    if integer and number != int(number):
        raise InputError(name, value, allowed)
    if minimum is not None and number < minimum:
        raise InputError(name, value, allowed)
    if maximum is not None and number > maximum:
        raise InputError(name, value, allowed)
    return int(number) if integer else number
