"""Accuracy benchmark of the outcome model: grouped cross-validation table (issue 5).

Usage::

    python benchmarks/bench_accuracy.py [--outcomes PATH.csv] [--splits 5] [--coverage 0.8] [--seed 0] [--write]

Without ``--outcomes`` it uses ``toolkit.datasets.load_outcomes()``. Prints the per-model table
(median absolute error in log10 USD, coverage of the ranges, median width in orders of
magnitude) and whether the Done-when targets are met; exits 1 if they are not. With ``--write``
(shipped outcomes and the shipped parameters only) it writes the table the methodology appendix
reads (``toolkit.damages.load_validation``; the README quotes it) to ``data/market_check_error_rates.csv``, keyed by the
sha256 of ``data/outcomes.csv`` (atomically).
"""
from __future__ import annotations

import argparse
import sys

from _common import REPO  # noqa: F401  (puts the checkout's toolkit first on sys.path)


def main(argv=None) -> int:
    import pandas as pd

    from toolkit.damages import validate
    from toolkit.damages.validation import TARGETS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outcomes", help="an outcomes-schema CSV (default: toolkit.datasets.load_outcomes())")
    parser.add_argument("--splits", type=int, default=5)
    parser.add_argument("--coverage", type=float, default=0.8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", action="store_true", help="write data/market_check_error_rates.csv")
    args = parser.parse_args(argv)
    from toolkit.damages.validation import SHIPPED_PARAMETERS

    shipped = {"n_splits": args.splits, "coverage": args.coverage, "random_state": args.seed, "alpha": 1.0}
    if args.write and (args.outcomes or shipped != SHIPPED_PARAMETERS):
        parser.error(f"--write takes the shipped outcomes and parameters only ({SHIPPED_PARAMETERS})")
    if args.outcomes:
        outcomes = pd.read_csv(args.outcomes)
        label = args.outcomes
    else:
        from toolkit.datasets import load_outcomes

        outcomes = load_outcomes()
        label = "toolkit.datasets.load_outcomes()"
    report = validate(outcomes, n_splits=args.splits, coverage=args.coverage, random_state=args.seed)
    pd.set_option("display.width", 120)
    print(f"Outcomes: {label}: {report.n_rows} monetary rows, {report.n_incidents} incidents; "
          f"GroupKFold({report.n_splits}) by incident_id; nominal coverage {report.coverage:.0%}; seed {args.seed}")
    print(report.table.round(3).to_string())
    print(f"Targets: beat OutcomeTypeMedianBaseline on mae_log10; coverage in "
          f"[{TARGETS['coverage_min']:.0%}, {TARGETS['coverage_max']:.0%}]; median width <= {TARGETS['max_median_width']} "
          f"orders of magnitude -> {'MET' if report.meets_targets() else 'NOT MET'}")
    for note in report.notes:
        print("Note:", note)
    if args.write:
        _write(report)
        from toolkit.damages.validation import validation_markdown

        print("README table (the tests check the README quotes it):\n" + validation_markdown(report))
    return 0 if report.meets_targets() else 1


def _write(report) -> None:
    """Write the shipped validation table for the outcomes file in use (atomically)."""
    from toolkit.damages.validation import VALIDATION_FILE, validation_table
    from toolkit.datasets import data_dir
    from toolkit.exhibits.provenance import file_sha256

    sha = file_sha256(data_dir() / "outcomes.csv")
    from toolkit._files import replace_file

    out = replace_file(data_dir() / VALIDATION_FILE, validation_table(report, sha).to_csv(index=False, lineterminator="\n"))
    print(f"wrote {out}")


if __name__ == "__main__":
    sys.exit(main())
