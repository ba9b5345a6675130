"""Breach Liability Toolkit: negligence analytics for cloud-misconfiguration data exposures.

The entry points are :class:`Case` (a matter), :func:`assess` (liability, damages, fault and
settlement range for a matter) and :class:`InputError` (every bad input). Subpackages:
``toolkit.datasets`` (curated tables and importers), ``toolkit.liability``, ``toolkit.damages``,
``toolkit.litigation``, ``toolkit.widgets`` and ``toolkit.exhibits``.

Not legal advice: the toolkit quantifies stated assumptions and curated public outcomes.
"""
from __future__ import annotations

from .case import Case
from .errors import InputError

__version__ = "0.1.0"
__all__ = ["Case", "InputError", "assess", "__version__"]


def __getattr__(name):  # lazy: keep ``import toolkit`` fast (matplotlib/sklearn load on use)
    if name == "assess":
        from .assess import assess

        return assess
    if name == "Assessment":
        from .assess import Assessment

        return Assessment
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
