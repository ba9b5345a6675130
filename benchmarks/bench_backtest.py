"""End-to-end backtest of the headline numbers: their known error rate (issue 11).

Every monetary outcome of the curated table becomes the matter it came from and goes through
``toolkit.assess`` with the calibration fitted without its fold (5 folds grouped by incident).
Prints, per track and per region, n, coverage of the nominal 80% range, median |log10 error|,
median bias and median width, says whether the targets are met, and (with ``--write``) writes
the table the README, the appendix and ``toolkit.calibration.load_error_rates()`` quote to
``data/backtest_error_rates.csv`` (atomically).

Usage::

    python benchmarks/bench_backtest.py [--write] [--paths 5000] [--seed 0]

Exit status: 0 when every target is met, 1 otherwise.
"""
from __future__ import annotations

import argparse
import sys
import time


def main(argv=None) -> int:
    import pandas as pd

    from toolkit.calibration.backtest import DEFAULTS, ERROR_RATES_FILE, TARGETS, backtest, error_rate_table
    from toolkit.datasets import _registry

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write data/{ERROR_RATES_FILE}")
    parser.add_argument("--paths", type=int, default=DEFAULTS["n_paths"])
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    args = parser.parse_args(argv)
    start = time.perf_counter()
    predictions = backtest(n_splits=DEFAULTS["n_splits"], seed=args.seed, n_paths=args.paths, progress=True)
    table = error_rate_table(predictions)
    pd.set_option("display.width", 140)
    print(f"{len(predictions)} monetary outcomes, {predictions['incident_id'].nunique()} incidents; "
          f"{DEFAULTS['n_splits']} folds by incident; seed {args.seed}; {args.paths:,} paths; "
          f"{time.perf_counter() - start:.0f} s")
    print(table.to_string(index=False))
    zero = int((predictions["median"] <= 0).sum())
    ok = zero == 0
    print(f"monetary outcomes predicted as 0: {zero}")
    for track, lo, hi, err in TARGETS:
        r = table[(table["track"] == track) & (table["group"] == "all")].iloc[0]
        met = lo <= r["coverage"] <= hi and r["median_abs_log10_error"] <= err
        ok &= met
        print(f"[{'ok' if met else 'MISSED'}] {track}: coverage {r['coverage']:.3f} (target {lo}-{hi}), "
              f"median |log10 error| {r['median_abs_log10_error']:.3f} (target <= {err})")
    if args.write:
        from toolkit._files import replace_file

        out = replace_file(_registry.data_dir() / ERROR_RATES_FILE, table.to_csv(index=False, lineterminator="\n"))
        print(f"wrote {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
