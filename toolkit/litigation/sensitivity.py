"""One-at-a-time sensitivity (tornado) with common random numbers."""
from __future__ import annotations

from typing import Callable, Mapping

__all__ = ["tornado"]


def tornado(metric: Callable[[object], float], base: object,
            variations: Mapping[str, tuple[object, object]], *, progress: bool = False):
    """Swing of ``metric`` when each input moves to its low and high value.

    Parameters
    ----------
    metric : callable
        Maps a scenario (whatever ``base`` is, e.g. a Case) to a number. It must reuse the
        same random draws for every call (common random numbers) so that bars show the input's
        effect, not simulation noise.
    base : object
        The base scenario.
    variations : mapping
        Label -> (low scenario, high scenario).
    progress : bool, default=False
        Show a ``tqdm`` progress bar.

    Returns
    -------
    pandas.DataFrame
        Columns ``input, low, high, base, swing``, sorted by swing (largest first).

    Examples
    --------
    >>> t = tornado(lambda x: 2 * x, 1.0, {"a": (0.0, 3.0), "b": (0.5, 1.5)})
    >>> list(t["input"]), list(t["swing"])
    (['a', 'b'], [6.0, 2.0])
    """
    import pandas as pd

    base_value = float(metric(base))
    items = list(variations.items())
    if progress:
        from tqdm.auto import tqdm

        items = tqdm(items, desc="sensitivity", leave=False)
    rows = []
    for label, (low_scenario, high_scenario) in items:
        low, high = float(metric(low_scenario)), float(metric(high_scenario))
        rows.append({"input": label, "low": low, "high": high, "base": base_value, "swing": abs(high - low)})
    table = pd.DataFrame(rows, columns=["input", "low", "high", "base", "swing"])
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
