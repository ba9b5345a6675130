"""The contract of a legal regime (one module per regime, found through the registry).

A regime is a statute or enforcement practice that puts money on a matter: a penalty an
authority can impose (GDPR Art. 83, HIPAA, the NY SHIELD Act, the FTC Act), a statutory damages
claim of the class (CCPA § 1798.150, BIPA), or a private right of action without a statutory
amount. Each regime says whether it ``applies`` to a matter, whether it was ``in_force`` in the
incident year, its ``kind`` and its ``exposure``: the calculator's low / median / high and the
statutory ``cap`` (a ceiling for the calibrated headline, never its point estimate).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping

__all__ = ["Exposure", "Regime", "Context", "KINDS", "turnover_fine"]

#: What kind of money a regime puts on a matter.
KINDS = ("penalty", "statutory_claim", "private_right")


@dataclass(frozen=True)
class Context:
    """What the regimes need beyond the Case: USD rates, resident counts, the assessment date."""

    fx: Mapping[str, float] = field(default_factory=lambda: {"USD": 1.0, "EUR": 1.08, "GBP": 1.27})
    residents: Mapping[str, int] = field(default_factory=dict)
    date: str = "2026-02-01"
    seriousness: str = "medium"
    #: Authorities acting on the matter and stage-parameter overrides (the penalty factors read them).
    regulators: tuple = ()
    parameters: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Exposure:
    """One regime's exposure on a matter (USD): the calculator's band and the statutory ceiling."""

    regime: str
    kind: str
    authority: str | None
    low: float
    median: float
    high: float
    cap: float = math.inf
    basis: str = ""


def turnover_fine(regime, case, context: Context, calculator, currency: str, static_max: float,
                  share: float, basis: str) -> Exposure:
    """Exposure under a turnover-based fine (GDPR, UK GDPR): the calculator's band in USD and the
    statutory ceiling ``max(static_max, share x turnover)`` (none when the turnover is unknown)."""
    rate = float(context.fx[currency])
    revenue = case.defendant_revenue_usd
    turnover = None if revenue is None else revenue / rate
    calc = calculator(turnover, tier="art83_4", seriousness=context.seriousness)
    cap = math.inf if turnover is None else max(static_max, share * turnover) * rate
    known = "unknown (no cap applied)" if turnover is None else f"{currency} {turnover:,.0f}"
    return Exposure(regime.name, regime.kind, None, calc.low * rate, calc.median * rate, calc.high * rate, cap,
                    f"{basis}, '{context.seriousness}' seriousness; turnover {known}; cap max({currency} "
                    f"{static_max / 1e6:g}M, {share:.0%} of turnover)")


class Regime:
    """Base class of a regime plugin (subclass it in its own module and decorate with ``@register``).

    Class attributes
    ----------------
    name : str
        The regime as reports name it.
    kind : str
        One of :data:`KINDS`.
    authorities : tuple of str
        Authority codes (``toolkit.vocab.AUTHORITIES``) whose penalties this regime computes and caps.
    effective_year : int or None
        First year the regime was in force (None: in force throughout the data).
    """

    name = "regime"
    kind = "penalty"
    authorities: tuple[str, ...] = ()
    effective_year: int | None = None

    def applies(self, case, regulators: tuple[str, ...]) -> bool:  # pragma: no cover - abstract
        """True when the regime reaches this matter (its jurisdictions, data, sector, authorities)."""
        raise NotImplementedError

    def in_force(self, year: int | None) -> bool:
        """True when the regime was in force in ``year`` (unknown year: assumed in force)."""
        return year is None or self.effective_year is None or year >= self.effective_year

    def exposure(self, case, context: Context) -> Exposure | None:  # pragma: no cover - abstract
        """The exposure in USD, or None when the regime applies but puts no number on the matter."""
        raise NotImplementedError
