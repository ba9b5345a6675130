"""Speed and memory of one full assessment, against a FAIR-style numpy baseline and pyfair.

Run on demand (never in the test suite):

    python benchmarks/bench_simulation.py [--paths 1000000] [--repeat 5]

Prints, for N paths:
- the numpy FAIR-style baseline: six lognormal/uniform draws a path, their products, and three
  percentiles, in this same process;
- one full ``toolkit.assess`` (liability, damages, regulatory, stage-tree Monte Carlo with N paths,
  bargaining zone, market check with the model already fitted) and its ratio to the baseline
  (target: within 4x, aim 2x);
- peak resident memory of the process (target: under 1 GB);
- pyfair 0.1a13's ``FairModel`` on N simulations, when the optional ``bench`` extra is installed.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def fair_style_numpy(n: int, seed: int = 0) -> np.ndarray:
    """Six draws a path, products, three percentiles (the FAIR decomposition in plain numpy)."""
    rng = np.random.default_rng(seed)
    contact_frequency = rng.lognormal(1.0, 0.5, n)
    probability_of_action = rng.uniform(0.1, 0.9, n)
    vulnerability = rng.uniform(0.2, 0.8, n)
    primary_loss = rng.lognormal(12.0, 1.0, n)
    secondary_frequency = rng.uniform(0.0, 0.5, n)
    secondary_loss = rng.lognormal(13.0, 1.2, n)
    loss_events = contact_frequency * probability_of_action * vulnerability
    risk = loss_events * (primary_loss + secondary_frequency * secondary_loss)
    return np.percentile(risk, [10, 50, 90])


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paths", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--matter", default=str(REPO / "data" / "matters" / "capital_one_2019.yaml"))
    args = parser.parse_args(argv)

    import toolkit as tk

    case = tk.Case.from_yaml(args.matter)
    tk.assess(case, seed=0, n_paths=10_000)  # warm up: imports, market-check fit (cached per process)

    baseline = timed(lambda: fair_style_numpy(args.paths), args.repeat)
    full = timed(lambda: tk.assess(case, seed=0, n_paths=args.paths), args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB

    print(f"paths: {args.paths:,}   repeats: {args.repeat} (median reported)   python {sys.version.split()[0]}, "
          f"numpy {np.__version__}")
    print(f"FAIR-style numpy baseline (6 draws, products, 3 percentiles): {baseline * 1000:8.1f} ms")
    print(f"toolkit.assess, full assessment:                             {full * 1000:8.1f} ms"
          f"   ratio {full / baseline:4.2f}x  (target <= 4x, aim 2x)")
    print(f"peak resident memory of this process:                        {peak_mb:8.0f} MB   (target < 1024 MB)")

    try:
        from pyfair import FairModel
    except ImportError:
        print("pyfair: not installed (pip install -e '.[bench]' adds pyfair==0.1a13); skipped")
        return 0

    def run_pyfair():
        model = FairModel(name="bench", n_simulations=args.paths, random_seed=0)
        model.input_data("Loss Event Frequency", low=0.1, mode=0.5, high=2.0)
        model.input_data("Loss Magnitude", low=1e5, mode=1e6, high=1e7)
        model.calculate_all()
        return model.export_results()

    try:
        pf = timed(run_pyfair, max(1, min(args.repeat, 3)))
        print(f"pyfair 0.1a13 FairModel (LEF x LM, PERT inputs):              {pf * 1000:8.1f} ms"
              f"   toolkit is {pf / full:4.1f}x faster")
    except Exception as exc:  # pyfair is old; report, do not fail the benchmark
        print(f"pyfair: failed to run ({type(exc).__name__}: {exc})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
