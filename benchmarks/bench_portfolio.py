"""Speed of ``toolkit.assess_many`` on a portfolio of matters, per matter, against the FAIR-style floor.

Run on demand (never in the test suite):

    python benchmarks/bench_portfolio.py [--matters 200] [--paths 20000] [--rounds 3] [--jobs 2] [--dask]

The portfolio is variations of the bundled matters (records, causation, controls, jurisdictions).
Prints, as medians over interleaved rounds with the min-max (see ``_common.py``), in this process:
- the FAIR-style numpy floor at 1,000,000 paths;
- ``assess_many`` serially: the time per matter and its ratio to the floor (target: at most 0.15x);
- with ``--jobs k``: ``assess_many(n_jobs=k)`` through joblib's process backend (each worker fits
  the models once: the first round pays it);
- with ``--dask``: the same on a ``dask.distributed`` LocalCluster of ``k`` single-thread workers
  (processes), through ``backend="dask"``.
The projection to 100,000 matters on one core follows from the serial time per matter.
"""
from __future__ import annotations

import argparse
import statistics
import sys

from _common import REPO, fair_style_numpy, interleaved, machine, ratio, summary


def portfolio(n: int):
    import toolkit as tk

    base = [tk.Case.from_yaml(p) for p in sorted((REPO / "data" / "matters").glob("*.yaml"))]
    controls = ("mfa", "least_privilege", "config_scanning", "logging_monitoring")
    cases = []
    for i in range(n):
        case = base[i % len(base)]
        factor = (0.1, 0.5, 1, 2, 10)[i % 5]
        cases.append(case.replace(
            name=f"{case.name} #{i}", records_exposed=max(1, int(case.records_exposed * factor)),
            class_size=max(1, int(case.class_size * factor)), causation_strength=(0.2, 0.5, 0.8)[i % 3],
            **{controls[i % 4]: ("yes", "no", "unknown")[i % 3]}))
    return cases


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--matters", type=int, default=200)
    parser.add_argument("--paths", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="also run with n_jobs=k (processes)")
    parser.add_argument("--dask", action="store_true", help="also run on a LocalCluster of --jobs workers")
    args = parser.parse_args(argv)

    import toolkit as tk

    cases = portfolio(args.matters)
    tk.assess_many(cases[:3], n_paths=args.paths)  # warm up: imports and model fits (cached per process)
    contenders = {"floor": lambda: fair_style_numpy(1_000_000),
                  "serial": lambda: tk.assess_many(cases, n_paths=args.paths, progress=False)}
    if args.jobs > 1:
        contenders[f"n_jobs={args.jobs}"] = lambda: tk.assess_many(cases, n_paths=args.paths, n_jobs=args.jobs,
                                                                   progress=False)
    cluster = client = None
    if args.dask:
        from distributed import Client, LocalCluster

        workers = max(args.jobs, 2)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        contenders[f"dask {workers} workers"] = lambda: tk.assess_many(cases, n_paths=args.paths, backend="dask",
                                                                       progress=False)
    try:
        times = interleaved(contenders, args.rounds, warmup=0)
    finally:
        if client is not None:
            client.close()
            cluster.close()
    n = args.matters
    print(f"matters: {n}   paths per matter: {args.paths:,}   rounds: {args.rounds} (median, min-max)   {machine()}")
    print(f"FAIR-style numpy floor, 1,000,000 paths:       {summary(times['floor'])}")
    for name, values in times.items():
        if name == "floor":
            continue
        per = [v / n for v in values]
        target = "  (target <= 0.15x)" if name == "serial" else ""
        print(f"assess_many {name:<20} per matter:  {summary(per)}   {ratio(per, times['floor'])}{target}")
    per_matter = statistics.median(times["serial"]) / n
    print(f"projection, one core: 1,000 matters in {per_matter * 1000:.0f} s; 100,000 matters in "
          f"{per_matter * 100_000 / 3600:.2f} h")
    return 0


if __name__ == "__main__":
    sys.exit(main())
