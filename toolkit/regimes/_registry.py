"""The registry of regime plugins: adding a regime is adding one module with ``@register``."""
from __future__ import annotations

__all__ = ["register", "registered"]

_REGIMES: list = []


def register(cls):
    """Class decorator: add a :class:`~toolkit.regimes.base.Regime` subclass to the registry (in import order)."""
    _REGIMES.append(cls())
    return cls


def registered() -> tuple:
    """Every registered regime instance, in registration order."""
    return tuple(_REGIMES)
