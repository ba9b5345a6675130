"""Reservation values, the bargaining zone and the recommended settlement range."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .simulate import SimulationResult

__all__ = ["SettlementRange", "settlement_range"]


@dataclass(frozen=True)
class SettlementRange:
    """Where the class track should settle (present-value USD).

    Attributes
    ----------
    plaintiff_reservation : float
        The least the class should accept: certainty equivalent of its net recovery at trial.
    defendant_reservation : float
        The most the defendant should pay: certainty equivalent of its total cost of litigating.
    zone_low, zone_high : float
        The bargaining zone (``zone_low <= zone_high`` when a zone exists).
    low, median, high : float
        The recommended range: the zone split at the plaintiffs' bargaining power (low and high
        bounds of that power; median at one half). Always ordered ``low <= median <= high``.
    has_zone : bool
        False when the plaintiffs' floor exceeds the defendant's ceiling (expect a trial).
    """

    plaintiff_reservation: float
    defendant_reservation: float
    zone_low: float
    zone_high: float
    low: float
    median: float
    high: float
    has_zone: bool

    def to_dict(self) -> dict:
        return asdict(self)


def settlement_range(result: SimulationResult) -> SettlementRange:
    """Bargaining zone and recommended range from a simulation.

    The reservation values are certainty equivalents (:meth:`SimulationResult.certainty_equivalent`):
    exact expectations of the stage tree where they exist, so the range carries no sampling noise
    at the default (risk-neutral defendant) parameters.

    Examples
    --------
    >>> from toolkit.litigation.simulate import Draws, TrackInputs, simulate
    >>> r = simulate(TrackInputs(0.6, 0.5, 0.8, 0.9, 50e6, 1.0), Draws.make(50_000, seed=0))
    >>> s = settlement_range(r)
    >>> s.low <= s.median <= s.high
    True
    """
    p = result.inputs.parameters
    floor = max(0.0, result.certainty_equivalent("plaintiff_net", p["plaintiff_risk_tolerance"]))
    ceiling = max(0.0, result.certainty_equivalent("defendant_total", p["defendant_risk_tolerance"]))
    has_zone = floor <= ceiling
    lo, hi = (floor, ceiling) if has_zone else (ceiling, floor)
    width = hi - lo
    low = lo + p["bargaining_power_low"] * width
    high = lo + p["bargaining_power_high"] * width
    median = lo + 0.5 * width
    return SettlementRange(plaintiff_reservation=floor, defendant_reservation=ceiling, zone_low=floor,
                           zone_high=ceiling, low=min(low, median), median=median, high=max(high, median),
                           has_zone=has_zone)
