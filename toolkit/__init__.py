"""Breach Liability Toolkit: negligence analytics for cloud-misconfiguration data exposures.

The entry points are :class:`Case` (a matter), :func:`assess` (liability, damages, fault and
settlement range for a matter), :func:`assess_many` (a portfolio of matters, one row each) and
:class:`InputError` (every bad input). Subpackages:
``toolkit.datasets`` (curated tables and importers), ``toolkit.liability``, ``toolkit.damages``,
``toolkit.litigation``, ``toolkit.widgets`` and ``toolkit.exhibits``.

Not legal advice: the toolkit quantifies stated assumptions and curated public outcomes.
"""
from __future__ import annotations

from .case import Case
from .errors import InputError

# Import the function eagerly so that ``toolkit.assess`` is the function, not the submodule of the
# same name (numpy is the only third-party import this costs; pandas and matplotlib stay lazy).
from .assess import Assessment, assess  # noqa: E402
from .portfolio import assess_many  # noqa: E402

__version__ = "0.1.0"
__all__ = ["Case", "InputError", "assess", "assess_many", "Assessment", "__version__"]
