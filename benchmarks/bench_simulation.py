"""Speed and memory of one full assessment at 1,000,000 paths, against a FAIR-style numpy floor and pyfair.

Run on demand (never in the test suite):

    python benchmarks/bench_simulation.py [--paths 1000000] [--rounds 7]

Prints, for N paths, as medians over interleaved rounds with the min-max (see ``_common.py``):
- the FAIR-style numpy floor: six lognormal/uniform draws a path, their products and three
  percentiles, timed in the same rounds;
- the Monte Carlo alone: :class:`~toolkit.litigation.Draws` of N paths, the stage tree, its
  statistics and the settlement range (target: at most 1.5x the floor);
- one full ``toolkit.assess`` with N paths (liability, damages, regulatory exposure, stage tree,
  calibrated headline ranges, market check; models already fitted) and its ratio to the floor;
- peak resident memory of the process (target: under 1 GB);
- pyfair 0.1a13's ``FairModel`` on N simulations, when the optional ``bench`` extra is installed.
"""
from __future__ import annotations

import argparse
import resource
import sys

from _common import REPO, fair_style_numpy, interleaved, machine, ratio, summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paths", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--matter", default=str(REPO / "data" / "matters" / "capital_one_2019.yaml"))
    args = parser.parse_args(argv)

    import toolkit as tk
    from toolkit.assess import simulation_inputs
    from toolkit.litigation import Draws, settlement_range, simulate

    case = tk.Case.from_yaml(args.matter)
    tk.assess(case, seed=0, n_paths=10_000)  # warm up: imports, model fits (cached per process)
    inputs, *_ = simulation_inputs(case)

    def monte_carlo():
        sim = simulate(inputs, Draws.make(args.paths, 0))
        return sim.stats(), settlement_range(sim)

    times = interleaved({
        "floor": lambda: fair_style_numpy(args.paths),
        "monte_carlo": monte_carlo,
        "assess": lambda: tk.assess(case, seed=0, n_paths=args.paths),
    }, args.rounds)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB

    print(f"paths: {args.paths:,}   rounds: {args.rounds} (median, min-max)   {machine()}")
    print(f"FAIR-style numpy floor (6 draws, products, 3 percentiles):  {summary(times['floor'])}")
    print(f"Monte Carlo: draws, stage tree, stats, settlement range:   {summary(times['monte_carlo'])}"
          f"   {ratio(times['monte_carlo'], times['floor'])}  (target <= 1.5x)")
    print(f"toolkit.assess, full assessment:                           {summary(times['assess'])}"
          f"   {ratio(times['assess'], times['floor'])}")
    print(f"peak resident memory of this process:                      {peak_mb:8.0f} MB   (target < 1024 MB)")

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
        pf = interleaved({"floor": lambda: fair_style_numpy(args.paths), "pyfair": run_pyfair},
                         max(1, min(args.rounds, 3)))
        print(f"pyfair 0.1a13 FairModel (LEF x LM, PERT inputs):            {summary(pf['pyfair'])}"
              f"   {ratio(pf['pyfair'], pf['floor'])}")
    except Exception as exc:  # pyfair is old; report, do not fail the benchmark
        print(f"pyfair: failed to run ({type(exc).__name__}: {exc})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
